"""The port-order domain: pure Python, no Qt, no HTTP, no SQL."""
