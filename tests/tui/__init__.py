"""Tests of the screens, driven with Textual's Pilot on a FakeClock."""
