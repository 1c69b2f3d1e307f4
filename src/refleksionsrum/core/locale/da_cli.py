"""Danish strings of the command line."""

CATALOG: dict[str, str] = {}
