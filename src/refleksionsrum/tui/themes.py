"""The app's colour themes: a calm standard one and a high-contrast one for projectors."""

from __future__ import annotations

from textual.theme import Theme

STANDARD = "refleksionsrum"
HIGH_CONTRAST = "refleksionsrum-kontrast"

THEMES = (
    Theme(
        name=STANDARD,
        primary="#3B82C4",
        secondary="#7C9CB8",
        accent="#F0B429",
        warning="#F0B429",
        error="#E5484D",
        success="#3FB950",
        foreground="#E6EDF3",
        background="#0D1117",
        surface="#161B22",
        panel="#1F2630",
        dark=True,
    ),
    # A washed-out projector loses mid-tones: pure black and white, saturated signals.
    Theme(
        name=HIGH_CONTRAST,
        primary="#FFFFFF",
        secondary="#BBBBBB",
        accent="#FFFF00",
        warning="#FFD000",
        error="#FF3030",
        success="#00FF66",
        foreground="#FFFFFF",
        background="#000000",
        surface="#000000",
        panel="#1A1A1A",
        dark=True,
        luminosity_spread=0.05,
        text_alpha=1.0,
    ),
)


def theme_for(config_theme: str) -> str:
    """The Textual theme name for config.toml's ``theme``."""
    return HIGH_CONTRAST if config_theme == "high-contrast" else STANDARD
