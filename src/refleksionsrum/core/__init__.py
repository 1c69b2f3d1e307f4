"""The domain core: config, store, agenda, clocks and files; never imports Textual.

Kept free of imports on purpose: the start screen must paint before the
database layer (SQLModel) is loaded, so each submodule is imported where used.
"""
