"""English strings of the screens."""

CATALOG: dict[str, str] = {}
