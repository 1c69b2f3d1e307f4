"""The command line's look across meetings: search, actions, learning and privacy.

Each command takes --workspace and prints text, Markdown or JSON; the JSON is a
contract for other tools (docs/json-output.md). Like cli.py, nothing heavy is
imported before a command runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from refleksionsrum.cli.common import add_command, add_workspace, h
from refleksionsrum.core.i18n import short_date, t

if TYPE_CHECKING:
    from refleksionsrum.core.history.board import ActionView
    from refleksionsrum.core.search.find import Hit
    from refleksionsrum.core.store.database import Store

EXIT_OK = 0
EXIT_FOUND = 1


def add_commands(commands: Any) -> None:
    """Add the four commands to the parser's subcommands."""
    search = add_command(commands, "search", cmd_search)
    search.add_argument("query", nargs="+", metavar=t("cli.metavar.query"))
    search.add_argument("--limit", type=int, default=50, help=h("cli.search.help_limit"))
    search.add_argument("--format", choices=("text", "json"), default="text")
    _no_mask(search)
    add_workspace(search)

    actions = add_command(commands, "actions", cmd_actions)
    actions.add_argument(
        "--status",
        choices=("open", "due", "overdue", "closed", "all"),
        default="open",
        help=h("cli.actions.help_status"),
    )
    actions.add_argument("--owner", metavar=t("cli.metavar.name"), help=h("cli.actions.help_owner"))
    actions.add_argument("--format", choices=("text", "json", "md"), default="text")
    _no_mask(actions)
    add_workspace(actions)

    learning = add_command(commands, "learning", cmd_learning)
    learning.add_argument(
        "--point", metavar=t("cli.metavar.text"), help=h("cli.learning.help_point")
    )
    learning.add_argument("--format", choices=("text", "md", "json"), default="text")
    _no_mask(learning)
    add_workspace(learning)

    privacy = add_command(commands, "privacy", cmd_privacy)
    privacy.add_argument("--format", choices=("text", "json"), default="text")
    add_workspace(privacy)


def _no_mask(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-mask", action="store_true", help=h("cli.help.no_mask"))


@contextmanager
def _store(args: argparse.Namespace, *, index: bool = False) -> Iterator[Store]:
    """The workspace's store with every session file taken in (and the index, if asked)."""
    from refleksionsrum.cli.common import open_workspace
    from refleksionsrum.core.files.sync import ingest, open_store

    workspace = open_workspace(args)
    store = open_store(workspace)
    try:
        ingest(workspace, store)
        if index:
            from refleksionsrum.core.search.indexer import update_index

            update_index(store, _building)
        yield store
    finally:
        store.close()


def _building(progress: Any) -> None:
    # A first build of a large archive takes a while: say so on stderr, not stdout.
    if progress.waiting > 500 and progress.done % 500 < 50:
        print(t("cli.search.building", done=progress.done, total=progress.waiting), file=sys.stderr)


def _json(value: Any) -> None:
    import json  # here: only --json needs it, and the start screen loads this module

    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def _masker(args: argparse.Namespace) -> Callable[[str], str]:
    from refleksionsrum.core.privacy import mask_cpr

    return (lambda value: value) if args.no_mask else mask_cpr


# -- search -----------------------------------------------------------------------------------


def cmd_search(args: argparse.Namespace) -> int:
    """`refleksionsrum search QUERY`: every record that matches, best first."""
    from refleksionsrum.cli.common import Failure
    from refleksionsrum.core.search.find import marked, search
    from refleksionsrum.core.search.query import QueryError, parse_query

    try:
        query = parse_query(" ".join(args.query))
    except QueryError as error:
        raise Failure(f"refleksionsrum: {t(error.key, **error.params)}", 2) from None
    with _store(args, index=True) as store:
        hits = search(store, query, limit=max(1, args.limit))
    mask = _masker(args)
    if args.format == "json":
        _json([hit_json(hit, mask) for hit in hits])
        return EXIT_OK
    if not hits:
        print(t("cli.search.none"))
        return EXIT_OK
    for hit in hits:
        print(f"{short_date(hit.started_at)}  {mask(hit.meeting_title)} · {_place(hit)}")
        print(f"    {mask(marked(hit))}")
    return EXIT_OK


def _place(hit: Hit) -> str:
    kind = t(f"search.kind.{hit.kind.value}")
    return f"{hit.phase_title} · {kind}" if hit.phase_title else kind


def hit_json(hit: Hit, mask: Callable[[str], str]) -> dict[str, Any]:
    from refleksionsrum.core.search.find import marked

    return {
        "meeting_id": hit.meeting_id,
        "meeting_title": mask(hit.meeting_title),
        "started_at": hit.started_at.isoformat(),
        "kind": hit.kind.value,
        "phase": hit.phase,
        "where": hit.where,
        "text": mask(hit.text),
        "snippet": mask(marked(hit)),
    }


# -- actions ----------------------------------------------------------------------------------


def cmd_actions(args: argparse.Namespace) -> int:
    """`refleksionsrum actions`: the trial-action board."""
    from refleksionsrum.core.clock import SystemClock
    from refleksionsrum.core.history.board import BoardView, read_actions

    today = SystemClock().now().date()
    with _store(args) as store:
        actions = read_actions(store, BoardView(args.status), today=today, owner=args.owner)
    mask = _masker(args)
    if args.format == "json":
        _json([action_json(action, mask) for action in actions])
    elif args.format == "md":
        sys.stdout.write(actions_markdown(actions, today, mask))
    elif not actions:
        print(t("cli.actions.none"))
    else:
        for action in actions:
            late = action.days_overdue(today)
            latest = action.latest_verdict
            print(
                f"{action.action.due.isoformat()}  {mask(action.action.title)}"
                + f" · {mask(action.action.owner)}"
                + (f" · {t('board.days_overdue', n=late)}" if late else "")
                + (f" · {t('verdict.' + latest.value)}" if latest else "")
                + f"  [{action.id}]"
            )
    return EXIT_OK


def action_json(action: ActionView, mask: Callable[[str], str]) -> dict[str, Any]:
    return {
        "id": action.id,
        "title": mask(action.action.title),
        "owner": mask(action.action.owner),
        "due": action.action.due.isoformat(),
        "status": action.status.value,
        "planned_in": action.action.meeting_id,
        "development_point": action.action.development_point,
        "adapted_from": action.action.adapted_from,
        "adapted_into": list(action.adapted_into),
        "evaluations": [
            {
                "meeting_id": e.meeting_id,
                "carried_out": e.evaluation.carried_out.value,
                "learning": mask(e.evaluation.learning),
                "verdict": e.evaluation.verdict.value,
            }
            for e in action.evaluations
        ],
    }


def actions_markdown(actions: list[ActionView], today: Any, mask: Callable[[str], str]) -> str:
    from refleksionsrum.core.export import md

    def cell(value: str) -> str:
        return md(mask(value))

    lines = [
        f"# {t('board.title')}",
        "",
        "| " + " | ".join(t(f"board.col.{c}") for c in _COLUMNS) + " |",
        "|" + "---|" * len(_COLUMNS),
    ]
    for action in actions:
        latest = action.latest_verdict
        lines.append(
            "| "
            + " | ".join(
                (
                    cell(action.action.title),
                    cell(action.action.owner),
                    action.action.due.isoformat(),
                    str(action.days_overdue(today) or ""),
                    cell(action.action.development_point or ""),
                    t("verdict." + latest.value) if latest else "",
                )
            )
            + " |"
        )
    return "\n".join(lines) + "\n"


_COLUMNS = ("title", "owner", "due", "overdue", "point", "verdict")


# -- learning and privacy ---------------------------------------------------------------------


def cmd_learning(args: argparse.Namespace) -> int:
    """`refleksionsrum learning`: what the team learned, by development point."""
    from refleksionsrum.core.history.learning import learning_markdown, read_learning

    with _store(args) as store:
        groups = read_learning(store, development_point=args.point)
    mask = _masker(args)
    if args.format == "md":
        sys.stdout.write(learning_markdown(groups, mask=not args.no_mask))
        return EXIT_OK
    if args.format == "json":
        _json(
            [
                {
                    "development_point": lesson.development_point,
                    "trial_action": lesson.trial_action,
                    "title": mask(lesson.title),
                    "meeting_id": lesson.meeting_id,
                    "verdict": lesson.verdict.value,
                    "learning": mask(lesson.learning),
                }
                for group in groups
                for lesson in group.lessons
            ]
        )
        return EXIT_OK
    if not groups:
        print(t("learning.empty"))
    for group in groups:
        print(mask(group.development_point or t("learning.no_point")))
        for lesson in group.lessons:
            verdict = t(f"verdict.{lesson.verdict.value}")
            print(f"  {short_date(lesson.started_at)}  {mask(lesson.title)} · {verdict}")
            print(f"      {mask(lesson.learning)}")
    return EXIT_OK


def cmd_privacy(args: argparse.Namespace) -> int:
    """`refleksionsrum privacy`: every CPR number in the archive; exit 1 when one is found."""
    from refleksionsrum.core.history.cprscan import scan_archive

    with _store(args) as store:
        found = scan_archive(store)
    if args.format == "json":
        _json([{"meeting_id": f.meeting_id, "where": f.where, "masked": f.masked} for f in found])
    elif not found:
        print(t("cli.privacy.none"))
    else:
        for finding in found:
            print(f"{finding.meeting_id}  {finding.where}  {finding.masked}")
        print(t("cli.privacy.found", count=len(found)))
    return EXIT_FOUND if found else EXIT_OK
