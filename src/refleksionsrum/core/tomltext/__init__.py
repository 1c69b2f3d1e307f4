"""TOML as users write it: guards before parsing, and positions for error messages.

Kept free of imports: each module is imported where it is used.
"""
