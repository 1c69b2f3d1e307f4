"""Tests of the core: no Textual, only the domain."""
