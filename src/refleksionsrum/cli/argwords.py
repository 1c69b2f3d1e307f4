"""argparse's own messages (invalid choice, missing argument, ...) in the workspace's language.

argparse looks its messages up through gettext at the moment it writes them; this
hands it the catalogue's wording instead, so no English line leaks into a Danish
command line. Messages not listed here stay as argparse wrote them.
"""

from __future__ import annotations

import argparse

from refleksionsrum.core.i18n import t

# argparse's message (Python 3.11 to 3.13) -> the catalogue key that words it.
_MESSAGES = {
    "invalid choice: %(value)r (choose from %(choices)s)": "cli.argparse.invalid_choice",
    "the following arguments are required: %s": "cli.argparse.required",
    "unrecognized arguments: %s": "cli.argparse.unrecognized",
    "expected one argument": "cli.argparse.expected_one",
    "expected at most one argument": "cli.argparse.expected_at_most_one",
    "expected at least one argument": "cli.argparse.expected_at_least_one",
    "ambiguous option: %(option)s could match %(matches)s": "cli.argparse.ambiguous",
    "argument %(argument_name)s: %(message)s": "cli.argparse.argument",
    "invalid %(type)s value: %(value)r": "cli.argparse.invalid_value",
    "not allowed with argument %s": "cli.argparse.not_allowed_with",
    "ignored explicit argument %r": "cli.argparse.ignored_explicit",
    "one of the arguments %s is required": "cli.argparse.one_required",
    "show program's version number and exit": "cli.help.version",
    "show this help message and exit": "cli.help.help",
    "positional arguments": "cli.heading.positionals",
    "options": "cli.heading.options",
    "usage: ": "cli.usage",
}
_PLURAL = {
    "expected %s argument": ("cli.argparse.expected_n_one", "cli.argparse.expected_n_many"),
}


def _gettext(message: str) -> str:
    key = _MESSAGES.get(message)
    return t(key) if key is not None else message


def _ngettext(singular: str, plural: str, n: int) -> str:
    keys = _PLURAL.get(singular)
    if keys is None:
        return singular if n == 1 else plural
    return t(keys[0] if n == 1 else keys[1])


def install() -> None:
    """From now on argparse words its messages from the catalogue of the current language."""
    argparse._ = _gettext  # type: ignore[attr-defined]
    argparse.ngettext = _ngettext  # type: ignore[attr-defined]
