"""What the runs analysis says in plain Danish or English: for the screen, referat and notes."""

from __future__ import annotations

from refleksionsrum.core.data.runs import Finding, PartAnalysis, Side
from refleksionsrum.core.data.sources import Better
from refleksionsrum.core.i18n import language, t


def number(value: float) -> str:
    """A value as the room reads it: 19, 19,5 (Danish) or 19.5 (English), at most two decimals."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace(".", ",") if language() == "da" else text


def verdict(part: PartAnalysis, better: Better | None = None) -> str:
    """Two or three sentences: what the analysis found and what it suggests."""
    finding = part.finding
    if finding is Finding.TOO_FEW:
        return t("data.verdict.too_few", n=part.n_useful, need=10)
    if finding is Finding.RANDOM:
        return t(
            "data.verdict.random",
            run=part.longest_run,
            run_max=part.longest_run_max,
            crossings=part.n_crossings,
            crossings_min=part.n_crossings_min,
        )
    sentences = []
    longest = part.longest
    if part.long_run_signal and longest is not None:
        sentences.append(
            t(
                "data.verdict.long_run",
                run=part.longest_run,
                side=t(f"data.side.{longest.side.value}"),
                run_max=part.longest_run_max,
            )
        )
    if part.crossings_signal:
        sentences.append(
            t(
                "data.verdict.few_crossings",
                crossings=part.n_crossings,
                crossings_min=part.n_crossings_min,
            )
        )
    sentences.append(t("data.verdict.real_change"))
    direction = _direction(part, better)
    if direction:
        sentences.append(t(f"data.verdict.{direction}"))
    return " ".join(sentences)


def _direction(part: PartAnalysis, better: Better | None) -> str | None:
    """'better' or 'worse' when the long run lies on the side the team calls an improvement."""
    longest = part.longest
    if better is None or longest is None or not part.long_run_signal:
        return None
    improving = (longest.side is Side.ABOVE) == (better is Better.UP)
    return "better" if improving else "worse"


def short_finding(part: PartAnalysis) -> str:
    """A few words for an observation: 'signal: langt forløb under medianen'."""
    finding = part.finding
    if finding is Finding.TOO_FEW:
        return t("data.short.too_few")
    if finding is Finding.RANDOM:
        return t("data.short.random")
    longest = part.longest
    if part.long_run_signal and longest is not None:
        return t("data.short.long_run", side=t(f"data.side.{longest.side.value}"))
    return t("data.short.few_crossings")


def observation(name: str, part: PartAnalysis) -> str:
    """The text of an observation recorded from the chart."""
    return t("data.observation", name=name, median=number(part.median), finding=short_finding(part))


def compact_verdict(part: PartAnalysis) -> str:
    """One short sentence for a narrow screen: 'Signal: 15 punkter under medianen (grænse 8).'"""
    finding = part.finding
    if finding is Finding.TOO_FEW:
        return t("data.compact.too_few", n=part.n_useful, need=10)
    if finding is Finding.RANDOM:
        return t("data.compact.random")
    longest = part.longest
    if part.long_run_signal and longest is not None:
        return t(
            "data.compact.long_run",
            run=part.longest_run,
            side=t(f"data.side.{longest.side.value}"),
            run_max=part.longest_run_max,
        )
    return t(
        "data.compact.few_crossings", crossings=part.n_crossings, crossings_min=part.n_crossings_min
    )
