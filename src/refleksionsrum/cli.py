"""The command line: start screen, init, new, check and export, with one clear message per error.

Kept light on purpose: nothing here imports SQLModel, SQLAlchemy or Textual at module
level, so the start screen paints before the database layer is loaded.
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from refleksionsrum import __version__, cliwords
from refleksionsrum.core import i18n
from refleksionsrum.core.config import CONFIG_NAME, LANGUAGES, Config, ConfigError, load_config
from refleksionsrum.core.errors import FileProblem
from refleksionsrum.core.i18n import t
from refleksionsrum.core.workspace import Workspace, WorkspaceError, find_root, init_workspace

PROG = "refleksionsrum"
EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
# config.toml as the early scan for the language read it, by workspace root.
_early_config: dict[Path, Config] = {}
# Options that take a value; the early scan for the language must skip their values.
_VALUED = (
    "--workspace",
    "--language",
    "--template",
    "--title",
    "--format",
    "--output",
    "--limit",
    "--status",
    "--owner",
    "--point",
)


class Failure(Exception):
    """A command failed; ``message`` is already worded for the user."""

    def __init__(self, message: str, code: int = EXIT_PROBLEMS) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


# -- the parser ------------------------------------------------------------------------------


def _h(key: str, /, **params: Any) -> str:
    """A catalogue string made safe for argparse, which %-formats help texts."""
    return t(key, **params).replace("%", "%%")


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, t("cli.usage") if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with its headings and error line in the current language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False  # added below, with its help in the current language
        super().__init__(*args, **kwargs)
        self._positionals.title = t("cli.heading.positionals")
        self._optionals.title = t("cli.heading.options")
        self.add_argument("-h", "--help", action="help", help=_h("cli.help.help"))

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, t("cli.usage_error", prog=self.prog, message=message) + "\n")


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, with help texts from the current language's catalogue."""
    # Written out: argparse would show the optional command as if it were required.
    usage = (
        f"{PROG} [-h] [--version] [--workspace {t('cli.metavar.dir')}] "
        f"[{t('cli.metavar.command')} ...]"
    )
    parser = _Parser(
        prog=PROG,
        usage=usage,
        description=t("cli.description"),
        epilog=t("cli.epilog"),
    )
    _add_workspace(parser)
    parser.add_argument(
        "--version",
        action="version",
        version=f"{PROG} {__version__}",
        help=_h("cli.help.version"),
    )
    parser.set_defaults(handler=cmd_start)
    commands = parser.add_subparsers(
        title=t("cli.heading.commands"), dest="command", metavar=t("cli.metavar.command")
    )

    init = commands.add_parser(
        "init", prog=f"{PROG} init", help=_h("cli.init.help"), description=t("cli.init.description")
    )
    init.add_argument(
        "dir", nargs="?", default=".", metavar=t("cli.metavar.dir"), help=_h("cli.init.help_dir")
    )
    init.add_argument(
        "--language", choices=LANGUAGES, default=None, help=_h("cli.init.help_language")
    )
    init.set_defaults(handler=cmd_init)

    new = commands.add_parser(
        "new", prog=f"{PROG} new", help=_h("cli.new.help"), description=t("cli.new.description")
    )
    new.add_argument("--template", metavar=t("cli.metavar.name"), help=_h("cli.new.help_template"))
    new.add_argument("--title", metavar=t("cli.metavar.text"), help=_h("cli.new.help_title"))
    _add_workspace(new)
    new.set_defaults(handler=cmd_new)

    check = commands.add_parser(
        "check",
        prog=f"{PROG} check",
        help=_h("cli.check.help"),
        description=t("cli.check.description"),
    )
    _add_workspace(check)
    check.set_defaults(handler=cmd_check)

    export = commands.add_parser(
        "export",
        prog=f"{PROG} export",
        help=_h("cli.export.help"),
        description=t("cli.export.description"),
    )
    export.add_argument(
        "meeting_id", metavar=t("cli.metavar.meeting_id"), help=_h("cli.export.help_id")
    )
    export.add_argument(
        "--format", choices=("md", "toml"), default="md", help=_h("cli.export.help_format")
    )
    export.add_argument(
        "--output", metavar=t("cli.metavar.file"), help=_h("cli.export.help_output")
    )
    export.add_argument("--no-mask", action="store_true", help=_h("cli.help.no_mask"))
    _add_workspace(export)
    export.set_defaults(handler=cmd_export)
    from refleksionsrum.core.data.command import add_command

    add_command(commands, _h, _add_workspace, cmd_data)
    from refleksionsrum.memorycli import add_commands

    add_commands(commands, _h, _add_workspace)
    return parser


def _add_workspace(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: a subcommand's unset --workspace must not hide one given before the subcommand.
    parser.add_argument(
        "--workspace",
        metavar=t("cli.metavar.dir"),
        default=argparse.SUPPRESS,
        help=_h("cli.help.workspace"),
    )


# -- entry point ------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 problems, 2 usage or config)."""
    words = list(sys.argv[1:] if argv is None else argv)
    i18n.set_language(_early_language(words))
    cliwords.install()
    parser = build_parser()
    try:
        args = parser.parse_args(words)
    except SystemExit as stop:  # --help, --version and usage errors end here
        return _exit_code(stop.code)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as error:
        explained = _explain(error)
        if explained is None:
            raise
        message, code = explained
        print(message, file=sys.stderr)
        return code


def _explain(error: Exception) -> tuple[str, int] | None:
    """The one message and exit code for an error the user can act on; None for a bug."""
    if isinstance(error, Failure):
        return error.message, error.code
    if isinstance(error, ConfigError | WorkspaceError):
        return error.render(), EXIT_USAGE
    if isinstance(error, FileProblem):
        return error.render(), EXIT_PROBLEMS
    # The store is imported only by the commands that need it; if it raised, it is loaded.
    store = sys.modules.get("refleksionsrum.core.store.database")
    if store is not None and isinstance(error, store.StoreError):
        return f"{PROG}: {t(error.key, **error.params)}", EXIT_PROBLEMS
    if isinstance(error, OSError):
        reason = error.strerror or type(error).__name__
        if error.filename is not None:
            return t("cli.os_error_file", path=error.filename, reason=reason), EXIT_PROBLEMS
        return t("cli.os_error", reason=reason), EXIT_PROBLEMS
    return None


def _exit_code(code: str | int | None) -> int:
    if code is None:
        return EXIT_OK
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return EXIT_USAGE


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
        if name in _VALUED:
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
    _early_config[root] = config
    return config.language


# -- commands -----------------------------------------------------------------------------------


def open_workspace(args: argparse.Namespace) -> Workspace:
    """The workspace the user means, its config checked and its language chosen."""
    root = find_root(getattr(args, "workspace", None))
    known = _early_config.pop(root, None)
    workspace = Workspace(root=root, config=known) if known else Workspace.open(root)
    i18n.set_language(workspace.config.language)
    return workspace


def cmd_start(args: argparse.Namespace) -> int:
    """`refleksionsrum`: the start screen."""
    workspace = open_workspace(args)
    return run_screens(workspace)


def cmd_new(args: argparse.Namespace) -> int:
    """`refleksionsrum new`: start a meeting now and open it."""
    workspace = open_workspace(args)
    templates = workspace.config.templates
    if args.template is not None and args.template not in templates:
        raise Failure(
            t("cli.new.unknown_template", value=args.template, known=", ".join(templates)),
            EXIT_USAGE,
        )
    return run_screens(workspace, new=True, template=args.template, title=args.title)


def run_screens(
    workspace: Workspace,
    *,
    new: bool = False,
    template: str | None = None,
    title: str | None = None,
) -> int:
    """Hand over to the screens; Textual and the database are imported only now."""
    from refleksionsrum.tui.app import run

    return run(workspace.root, new=new, template=template, title=title, workspace=workspace)


def cmd_init(args: argparse.Namespace) -> int:
    """`refleksionsrum init`: a new workspace with a commented config.toml."""
    language = args.language or i18n.DEFAULT_LANGUAGE
    i18n.set_language(language)
    folder = Path(args.dir).expanduser().resolve()
    try:
        init_workspace(folder, language)
    except WorkspaceError as refused:
        raise Failure(refused.render(), EXIT_PROBLEMS) from None
    print(t("cli.init.made", path=folder))
    print(t("cli.init.edit", path=folder / CONFIG_NAME))
    here = folder == Path.cwd().resolve()
    # The program may live in a venv that is not on PATH: name it as it was started.
    beside = Path(sys.executable).parent / PROG
    program = PROG if shutil.which(PROG) or not beside.exists() else shlex.quote(str(beside))
    start = program if here else f"cd {shlex.quote(str(folder))} && {program}"
    print(t("cli.init.next", command=start))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """`refleksionsrum check`: config.toml and every session file; 1 when a file is broken."""
    workspace = open_workspace(args)
    from refleksionsrum.core.files.sync import check_sessions

    good, problems = check_sessions(workspace.sessions_dir)
    for problem in problems:
        print(problem.render())
    broken = {problem.path for problem in problems}
    warnings = _unknown_templates(workspace, broken)
    for warning in warnings:
        print(warning.render())
    print(
        t(
            "cli.check.summary",
            config=workspace.config.path,
            good=good,
            bad=len(problems),
            warnings=len(warnings),
        )
    )
    data_problems = _check_data(workspace)
    return EXIT_PROBLEMS if problems or data_problems else EXIT_OK


def _check_data(workspace: Workspace) -> list[FileProblem]:
    """Each [[data]] entry's file read and analysed as the data review would; problems printed."""
    if not workspace.config.data:
        return []
    from refleksionsrum.core.data.views import load_view

    views = [load_view(source, workspace.root) for source in workspace.config.data]
    problems = [view.problem for view in views if view.problem is not None]
    for problem in problems:
        print(problem.render())
    print(t("cli.check.data_summary", good=len(views) - len(problems), bad=len(problems)))
    return list(problems)


def cmd_data(args: argparse.Namespace) -> int:
    """`refleksionsrum data`: a run chart and its Anhøj analysis; 1 when the file is bad."""
    from refleksionsrum.core.data import command

    if args.file is None and args.name is None:
        args.data_parser.error(t("cli.data.need_file"))
    workspace = open_workspace(args) if args.name is not None else None
    request = command.request_of(
        args,
        workspace.config.data if workspace else None,
        workspace.root if workspace else None,
    )
    series, parts = command.analyse_request(request)
    if args.format == "json":
        print(command.as_json(request, series, parts))
    else:
        print(command.as_text(request, series, parts, shutil.get_terminal_size().columns))
    return EXIT_OK


def _unknown_templates(workspace: Workspace, broken: set[Path]) -> list[FileProblem]:
    """Readable session files whose template config.toml no longer has: worth a warning only."""
    from refleksionsrum.core.files import sessionfile
    from refleksionsrum.core.tomltext.positions import locate

    known = workspace.config.templates
    warnings: list[FileProblem] = []
    for path in sorted(workspace.sessions_dir.glob("*.toml")):
        if path in broken:
            continue
        try:
            text = path.read_text(encoding="utf-8")
            meeting = sessionfile.parse(text, path)
        except (OSError, UnicodeDecodeError, sessionfile.SessionFileError):
            continue  # changed since check_sessions read it; the next check will say
        if meeting.template not in known:
            warnings.append(
                FileProblem(
                    path,
                    "cli.check.unknown_template",
                    position=locate(text, ("template",)),
                    value=meeting.template,
                    known=", ".join(known),
                )
            )
    return warnings


def cmd_export(args: argparse.Namespace) -> int:
    """`refleksionsrum export`: a meeting's referat (Markdown) or session file (TOML)."""
    workspace = open_workspace(args)
    from refleksionsrum.core.export import referat
    from refleksionsrum.core.files import sessionfile
    from refleksionsrum.core.files.sync import ingest, open_store

    store = open_store(workspace)
    try:
        report = ingest(workspace, store)
        if not store.has_meeting(args.meeting_id):
            message = f"{PROG}: {t('store.no_meeting', id=args.meeting_id)}"
            if report.problems:
                message += " " + t("cli.export.unreadable", count=len(report.problems))
            running, recent = store.summaries(limit=10)
            known = [m.id for m in running + recent]
            if known:
                message += "\n" + t("cli.export.known") + "\n" + "\n".join(f"  {i}" for i in known)
            raise Failure(message, EXIT_PROBLEMS)
        meeting = store.load_meeting(args.meeting_id)
        if args.format == "toml":
            text = sessionfile.dumps(meeting)
        else:
            followed_up = {}
            for evaluation in meeting.evaluations:
                action = store.trial_action(evaluation.trial_action)
                if action is not None:
                    followed_up[evaluation.trial_action] = action
            chosen = workspace.config.templates.get(meeting.template)
            text = referat(meeting, followed_up, chosen.title if chosen else None)
            if not args.no_mask:
                from refleksionsrum.core.privacy import mask_cpr

                text = mask_cpr(text)
    finally:
        store.close()
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    from refleksionsrum.core.files.atomic import atomic_write_text

    target = Path(args.output).expanduser()
    atomic_write_text(target, text)
    print(t("cli.export.written", path=target))
    return EXIT_OK
