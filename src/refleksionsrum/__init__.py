"""refleksionsrum: structured reflection meetings in the terminal."""

__version__ = "0.1.0"
