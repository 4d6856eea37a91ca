"""clawkeep: a self-hosted, security-first gateway for personal AI agents."""

__version__ = "0.1.0"
__all__ = ["__version__"]
