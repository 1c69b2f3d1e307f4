"""Danish words as the index sees them: case folded, stemmed, and the parts of compounds."""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

# Bump when tokens, stems or parts change: the index is then built again.
TERMS_VERSION = "2"
# Letters and digits; æ, ø and å are letters like any other (never folded to a, o).
WORD = re.compile(r"\w+")
# A compound part shorter than this is too common inside other words to mean anything
# ("ting" would find "betingelse", "borg" would find "borgmester"): such words are
# found as words only. Parts are indexed as character n-grams of this length.
MIN_PART = 5
# Only words this long are indexed by their parts: shorter ones are rarely compounds,
# and they are found by their stems anyway.
COMPOUND = 8

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
def grams(word: str) -> str:
    """A long word's character n-grams in order, space separated: where compounds meet.

    "hjemmebesøg" gives "hjemm jemme emmeb mmebe mebes ebesø besøg". A part of a
    compound is found as the phrase of its own n-grams ("besøg"; "behandling" is
    "behan ehand handl andli ndlin dling"): consecutive, so only inside one word.
    """
    if len(word) < COMPOUND:
        return ""
    return " ".join(word[start : start + MIN_PART] for start in range(len(word) - MIN_PART + 1))


def part_grams(part: str) -> str:
    """The n-grams a query's part is looked for as (a phrase of them)."""
    return " ".join(part[start : start + MIN_PART] for start in range(len(part) - MIN_PART + 1))


def stems_of(text: str) -> str:
    """The stems of ``text``'s words in order, space separated (phrases match on these)."""
    return " ".join(stem(word) for word in words(text))


def parts_of(text: str) -> str:
    """The n-grams of ``text``'s distinct long words, space separated.

    A part's phrase hardly ever spans two words: the last n-gram of one word and the first
    of the next seldom overlap by four letters, as a part's consecutive n-grams do.
    """
    seen = dict.fromkeys(words(text))
    return " ".join(found for found in (grams(word) for word in seen) if found)
