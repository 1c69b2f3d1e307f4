"""Danish and English catalogues of every user-facing string."""
