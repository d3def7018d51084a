"""portwizard: a guided, self-service phone number port-in wizard."""

__version__ = "0.1.0"
