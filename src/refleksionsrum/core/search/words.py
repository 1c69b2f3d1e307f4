"""Danish words as the index sees them: case folded, stemmed, and the parts of compounds."""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

# Bump when tokens, stems or parts change: the index is then built again.
TERMS_VERSION = "1"
# Letters and digits; æ, ø and å are letters like any other (never folded to a, o).
WORD = re.compile(r"\w+")
# A compound part shorter than this is too common inside other words to mean anything
# ("ting" would find "betingelse", "borg" would find "borgmester"): such words are
# found as words only.
MIN_PART = 5

_STEMMER = snowballstemmer.stemmer("danish")


def fold(text: str) -> str:
    """Case folded the Danish way: ÆBLE is æble; ø stays ø (never o)."""
    # str.casefold() would turn ß into ss and leave æøå alone; lower() is what Danes expect.
    return text.lower()


def words(text: str) -> list[str]:
    """The words of ``text``, case folded."""
    return WORD.findall(fold(text))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Danish Snowball stem of a folded word: borgerne, borgeren and borger are one."""
    return str(_STEMMER.stemWord(word))


@lru_cache(maxsize=200_000)
def inner_parts(word: str) -> str:
    """The word's endings of MIN_PART letters or more, space separated: where compounds meet.

    "familiebehandlingen" gives "familiebehandlingen amiliebehandlingen ... behandlingen
    ... ingen"; a prefix search for "behandling" or "famili" in these finds the compound.
    """
    if len(word) < MIN_PART:
        return ""
    return " ".join(word[start:] for start in range(len(word) - MIN_PART + 1))


def stems_of(text: str) -> str:
    """The stems of ``text``'s words in order, space separated (phrases match on these)."""
    return " ".join(stem(word) for word in words(text))


def parts_of(text: str) -> str:
    """The inner parts of ``text``'s distinct words, space separated."""
    seen = dict.fromkeys(words(text))
    return " ".join(part for part in (inner_parts(word) for word in seen) if part)
