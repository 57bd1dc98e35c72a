"""corridor: sourced situation pictures and corridor plans for besieged areas."""

__version__ = "0.1.0"

__all__ = ["__version__"]
