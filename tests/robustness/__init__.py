"""Robustness: crashes, closed terminals, broken files, bad input, two writers, versions."""
