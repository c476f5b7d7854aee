"""Deployment secrets in a local encrypted vault, rendered into deployment files."""

__version__ = "0.1.0"
