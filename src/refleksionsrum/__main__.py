"""Entry point for ``python -m refleksionsrum``."""

from refleksionsrum.cli import main

raise SystemExit(main())
