"""Track how far Vietnam's provinces have come in digitising health care."""

__version__ = "0.1.0"
