"""The command line's entry point: one clear message per error, never a traceback.

Kept light on purpose: nothing here imports SQLModel, SQLAlchemy or Textual at module
level, so the start screen paints before the database layer is loaded.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from refleksionsrum.cli import argwords
from refleksionsrum.cli.common import (
    DATABASE_URL,
    EARLY_CONFIG,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    PROG,
    Failure,
    printable_lines,
)
from refleksionsrum.cli.meetings import cmd_join, cmd_new, cmd_start
from refleksionsrum.cli.parser import VALUED, build_parser
from refleksionsrum.core import collector, i18n, stdio
from refleksionsrum.core.config import CONFIG_NAME, LANGUAGES, ConfigError, load_config
from refleksionsrum.core.errors import FileProblem, printable, printable_params
from refleksionsrum.core.i18n import t
from refleksionsrum.core.workspace import WorkspaceError, find_root
from refleksionsrum.launch import release_signals

__all__ = ["EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 problems, 2 usage or config)."""
    words = list(sys.argv[1:] if argv is None else argv)
    stdio.fill_closed()
    i18n.set_language(_early_language(words))
    argwords.install()
    parser = build_parser()
    try:
        unknown = _option_before_command(words)
        if unknown is not None:
            parser.error(t("cli.argparse.unrecognized") % unknown)
        args = parser.parse_args(words)
    except SystemExit as stop:  # --help, --version and usage errors end here
        return _exit_code(stop.code)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        if handler not in (cmd_start, cmd_new, cmd_join):
            # Not the app, which handles the signals itself: the defaults back, and
            # a Ctrl+C that came while loading ends the command now (launch.py).
            release_signals()
            collector.loaded()
        code = handler(args)
        stdio.flush_stdout()
        return code
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as error:
        explained = _explain(error)
        if explained is None:
            raise
        message, code = explained
        stdio.complain(message)
        return code


def _explain(error: Exception) -> tuple[str, int] | None:
    """The one message and exit code for an error the user can act on; None for a bug."""
    if isinstance(error, Failure):
        return printable_lines(error.message), error.code
    if isinstance(error, stdio.StdoutFailed):
        return t("cli.stdout_failed", reason=error.reason), EXIT_PROBLEMS
    if isinstance(error, ConfigError | WorkspaceError):
        return error.render(), EXIT_USAGE
    if isinstance(error, FileProblem):
        return error.render(), EXIT_PROBLEMS
    # The store is imported only by the commands that need it; if it raised, it is loaded.
    store = sys.modules.get("refleksionsrum.core.store.database")
    if store is not None and isinstance(error, store.StoreError):
        return f"{PROG}: {t(error.key, **printable_params(error.params))}", EXIT_PROBLEMS
    engine = sys.modules.get("refleksionsrum.core.store.engine")
    if engine is not None and isinstance(error, engine.DatabaseError):
        failure = engine.corrupt(error, DATABASE_URL.get())
        if failure is not None:
            return f"{PROG}: {t(failure.key, **printable_params(failure.params))}", EXIT_PROBLEMS
    if isinstance(error, OSError):
        reason = error.strerror or type(error).__name__
        if error.filename is not None:
            path = printable(str(error.filename))
            return t("cli.os_error_file", path=path, reason=reason), EXIT_PROBLEMS
        return t("cli.os_error", reason=reason), EXIT_PROBLEMS
    return None


def _exit_code(code: str | int | None) -> int:
    if code is None:
        return EXIT_OK
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return EXIT_USAGE


# The options of the program itself, before a command; --workspace takes a value.
_OWN_OPTIONS = ("-h", "--help", "--version", "--workspace")


def _option_before_command(words: list[str]) -> str | None:
    """An option the program does not know, written before the command, if there is one.

    argparse would take its value for the command: `--lang en` was answered with
    "invalid choice: 'en'", as if "en" were meant for a command. A prefix of one of the
    program's own options is one (argparse accepts `--work`).
    """
    skip = False
    for word in words:
        if skip:
            skip = False
            continue
        if word == "--" or not word.startswith("-"):
            return None  # the command (or a value) comes first: argparse says the rest
        name, has_value, _ = word.partition("=")
        known = [own for own in _OWN_OPTIONS if own.startswith(name) and len(name) > 2]
        if name in _OWN_OPTIONS or known:
            skip = not has_value and (known or [name])[0] == "--workspace"
            continue
        return word
    return None


def _early_language(words: list[str]) -> str:
    """The language for help and messages, decided before argparse runs.

    ``init --language`` wins; otherwise the workspace's config says it, and when
    there is no usable workspace the default (Danish) is used. Problems found here
    are reported later by the command itself.
    """
    values: dict[str, str] = {}
    command = None
    index = 0
    while index < len(words):
        word = words[index]
        name, equals, value = word.partition("=")
        if name in VALUED:
            if equals:
                values[name] = value
            elif index + 1 < len(words):
                values[name] = words[index + 1]
                index += 1
        elif command is None and not word.startswith("-"):
            command = word
        index += 1
    chosen = values.get("--language")
    if chosen in LANGUAGES:
        return chosen
    if command == "init":
        return i18n.DEFAULT_LANGUAGE
    try:
        root = find_root(values.get("--workspace"))
        config = load_config(root / CONFIG_NAME)
    except (FileProblem, OSError):
        return i18n.DEFAULT_LANGUAGE
    # Kept for open_workspace: config.toml is read once per run, not three times.
    EARLY_CONFIG[root] = config
    return config.language
