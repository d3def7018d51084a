"""Application services: the use cases the GUI and the CLI share (no Qt)."""
