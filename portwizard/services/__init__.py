"""Application services: what the GUI and the CLI call; they use the domain, store and endpoint."""
