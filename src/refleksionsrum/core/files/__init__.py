"""Session files and the folder they live in: reading, writing, atomic files, keeping in step.

Kept free of imports: each module is imported where it is used.
"""
