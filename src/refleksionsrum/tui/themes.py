"""The app's colour themes: a calm standard one and a high-contrast one for projectors."""

from __future__ import annotations

from typing import Any

from textual.theme import Theme

STANDARD = "refleksionsrum"
HIGH_CONTRAST = "refleksionsrum-kontrast"

# Each colour role with its standard and its high-contrast value, side by side so the two
# are compared role by role. A washed-out projector loses mid-tones: the second column is
# pure black and white with saturated signals.
_ROLES: dict[str, tuple[str, str]] = {
    "primary": ("#3B82C4", "#FFFFFF"),
    "secondary": ("#7C9CB8", "#BBBBBB"),
    "accent": ("#F0B429", "#FFFF00"),
    "warning": ("#F0B429", "#FFD000"),
    "error": ("#E5484D", "#FF3030"),
    "success": ("#3FB950", "#00FF66"),
    "foreground": ("#E6EDF3", "#FFFFFF"),
    "background": ("#0D1117", "#000000"),
    "surface": ("#161B22", "#000000"),
    "panel": ("#1F2630", "#1A1A1A"),
}


def _colours(column: int) -> dict[str, Any]:
    return {role: values[column] for role, values in _ROLES.items()}


THEMES = (
    Theme(name=STANDARD, dark=True, **_colours(0)),
    Theme(name=HIGH_CONTRAST, dark=True, luminosity_spread=0.05, text_alpha=1.0, **_colours(1)),
)


def theme_for(config_theme: str) -> str:
    """The Textual theme name for config.toml's ``theme``."""
    return HIGH_CONTRAST if config_theme == "high-contrast" else STANDARD
