"""Text shown as written: control characters made visible, never sent to a terminal."""

from __future__ import annotations

import re

# Tab and newline are kept: a note may have several lines.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(text: str) -> str:
    """Control characters made visible (an escape sequence must never reach a terminal)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
