"""The Textual user interface: thin screens over refleksionsrum.core."""
