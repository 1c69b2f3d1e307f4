"""A running meeting: starting it, its room of actions, and its phase clock.

Kept free of imports: each module is imported where it is used.
"""
