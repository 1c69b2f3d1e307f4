"""The store: the database that is the system of record, its schema, migrations and quick reads.

Kept free of imports: each module is imported where it is used.
"""
