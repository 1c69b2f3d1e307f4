"""Search across every meeting: Danish words, compounds and æ, ø, å as letters."""
