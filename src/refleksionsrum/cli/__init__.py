"""The command line: start screen, init, new, join, serve, check, export, data and the archive.

Nothing here imports SQLModel, SQLAlchemy or Textual at module level: each command
imports what it needs when it runs, so the start screen paints first.
"""

from refleksionsrum.cli.main import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, main

__all__ = ["EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "main"]
