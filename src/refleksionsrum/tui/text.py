"""Show user text literally: never as Rich markup, never as terminal escapes."""

from __future__ import annotations

from rich.text import Text

from refleksionsrum.core.visible import plain


def literal(text: str, style: str = "") -> Text:
    """A Text that shows ``text`` as typed; control characters become visible escapes."""
    # A lone surrogate cannot be encoded for the terminal; show a replacement mark.
    safe = plain(text).encode("utf-8", "replace").decode("utf-8")
    return Text(safe, style=style, no_wrap=False)
