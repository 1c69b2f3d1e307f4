"""Entry point for ``python -m refleksionsrum``."""

from refleksionsrum.launch import main

raise SystemExit(main())
