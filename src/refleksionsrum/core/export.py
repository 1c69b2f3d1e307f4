"""The referat (minutes) in Markdown: what the team read afterwards; text shown literally."""

from __future__ import annotations

import re

from refleksionsrum.core.i18n import (
    clock_time,
    duration,
    long_date,
    planned,
    role_name,
    short_date,
    t,
)
from refleksionsrum.core.models import Meeting, Recording, TrialAction
from refleksionsrum.core.visible import plain

# Parentheses need no escape: with [ and ] escaped, no link can form around them.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+!|~&])")
_LINE_START = re.compile(r"^(\s*)([-+>])", re.MULTILINE)
# "1." or "1)" at a line's start would begin a numbered list; only the dot can be escaped.
_NUMBERED = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)


def md(text: str) -> str:
    """Text that Markdown shows as written: markup characters escaped, one line."""
    escaped = _MD_SPECIAL.sub(r"\\\1", plain(text))
    escaped = _LINE_START.sub(r"\1\\\2", escaped)
    escaped = _NUMBERED.sub(r"\1\\\2", escaped)
    return " ".join(escaped.splitlines())


def referat(
    meeting: Meeting,
    followed_up: dict[str, TrialAction] | None = None,
    template_title: str | None = None,
) -> str:
    """The meeting's minutes; ``followed_up`` gives titles for the evaluated trial actions,
    ``template_title`` the template's name as config.toml gives it ("Borgerniveau")."""
    followed_up = followed_up or {}
    lines = [f"# {md(meeting.title)}", ""]
    lines.append(
        f"- {t('referat.date')}: {long_date(meeting.started_at)} "
        f"{short_date(meeting.started_at)[-4:]}, {clock_time(meeting.started_at)}"
        + (f"–{clock_time(meeting.ended_at)}" if meeting.ended_at else "")
    )
    lines.append(f"- {t('referat.template')}: {md(template_title or meeting.template)}")
    if meeting.participants:
        people = ", ".join(f"{md(p.name)} ({md(role_name(p.role))})" for p in meeting.participants)
        lines.append(f"- {t('referat.participants')}: {people}")
    if not meeting.ended_at:
        lines.append(f"- {t('referat.not_ended')}")
    lines += [
        "",
        f"## {t('referat.time')}",
        "",
        f"| {t('referat.phase')} | {t('referat.planned')} | {t('referat.used')} |",
        "|---|---:|---:|",
    ]
    for phase in meeting.phases:
        lines.append(
            f"| {md(phase.title)} | {planned(phase.planned_minutes, phase.added_minutes)} "
            f"| {duration(phase.elapsed_seconds * 1000)} |"
        )
    lines += _data_shown(meeting)
    if meeting.evaluations:
        lines += ["", f"## {t('referat.evaluations')}", ""]
        for ev in meeting.evaluations:
            action = followed_up.get(ev.trial_action)
            name = md(action.title) if action else md(ev.trial_action)
            lines.append(f"### {name}")
            lines.append("")
            lines.append(f"- {t('field.carried_out')}: {t('carried.' + ev.carried_out.value)}")
            lines.append(f"- {t('field.what_happened')}: {md(ev.what_happened)}")
            if ev.compared_to_prediction:
                lines.append(f"- {t('field.compared')}: {md(ev.compared_to_prediction)}")
            lines.append(f"- {t('field.learning')}: {md(ev.learning)}")
            lines.append(f"- {t('field.verdict')}: **{t('verdict.' + ev.verdict.value)}**")
            lines.append("")
    # Notes under their phase; a hand-written file may name a phase not in its agenda.
    sections = [(phase.key, phase.title) for phase in meeting.phases]
    agenda = {key for key, _ in sections}
    for note in meeting.notes:
        if note.phase not in agenda:
            agenda.add(note.phase)
            sections.append((note.phase, note.phase))
    for key, title in sections:
        notes = meeting.notes_in(key)
        if not notes:
            continue
        lines += ["", f"## {md(title)}", ""]
        for note in notes:
            source = f" ({t('field.source').lower()}: {md(note.source)})" if note.source else ""
            # The heading names the phase: its own kind is not repeated on every line.
            news = Recording.of_phase(key).names_kind(note.kind)
            label = f"*{t('kind.' + note.kind.value)}:* " if news else ""
            lines.append(f"- {label}{md(note.text)}{source}")
    if meeting.decisions:
        lines += ["", f"## {t('referat.decisions')}", ""]
        lines += [f"- {md(d.text)}" for d in meeting.decisions]
    if meeting.trial_actions:
        lines += ["", f"## {t('referat.trial_actions')}", ""]
        for action in meeting.trial_actions:
            lines.append(f"### {md(action.title)}")
            lines.append("")
            lines.append(f"- {t('field.owner')}: {md(action.owner)}")
            lines.append(f"- {t('field.due')}: {long_date(action.due)}")
            lines.append(f"- {t('field.prediction')}: {md(action.prediction)}")
            lines.append(f"- {t('field.measure')}: {md(action.measure)}")
            if action.development_point:
                lines.append(f"- {t('field.development_point')}: {md(action.development_point)}")
            if action.adapted_from:
                earlier = followed_up.get(action.adapted_from)
                name = earlier.title if earlier else action.adapted_from
                lines.append(f"- {t('field.adapted_from')}: {md(name)}")
            lines.append("")
    text = "\n".join(lines).rstrip() + "\n"
    return re.sub(r"\n{3,}", "\n\n", text)


def _data_shown(meeting: Meeting) -> list[str]:
    """The data sources the data review showed, each with its centre line and verdict."""
    from refleksionsrum.core.data.shown import shown_in
    from refleksionsrum.core.data.verdict import number

    shown = shown_in(meeting)
    if not shown:
        return []
    lines = ["", f"## {t('referat.data_shown')}", ""]
    for item in shown:
        parts = [f"**{md(item.name)}**"]
        if item.median is not None:
            parts.append(md(t("data.median", median=number(item.median))))
        if item.verdict:
            parts.append(md(item.verdict))
        elif item.problem:
            parts.append(md(item.problem))
        lines.append("- " + " ".join(parts))
    return lines
