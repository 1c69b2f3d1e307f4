"""The fully commented config.toml that `refleksionsrum init` writes, in Danish or English."""

from __future__ import annotations

from dataclasses import dataclass

from refleksionsrum.core.tomltext.writer import fields, string


@dataclass(frozen=True)
class _Phase:
    """A phase's default words; its key is the one it stands under."""

    title: str
    purpose: str
    prompts: tuple[str, ...]


_DA = {
    "followup": _Phase(
        "Opfølgning",
        "Vi ser på prøvehandlingerne fra sidst: blev de gennemført, og hvad lærte vi?",
        (
            "Hvad skete der faktisk, da vi prøvede det?",
            "Hvordan passer det med det, vi forventede?",
            "Hvad ved vi nu, som vi ikke vidste sidst, også hvis det ikke virkede?",
        ),
    ),
    "data": _Phase(
        "Datagennemgang",
        "Vi kigger på data om vores arbejde, før vi tolker på det.",
        (
            "Hvad viser data, og hvad viser de ikke?",
            "Kan de, der har skabt data, genkende billedet?",
            "Hvilken sammenhæng kommer data fra, og hvad siger borgeren selv?",
        ),
    ),
    "reflection": _Phase(
        "Refleksion",
        "Vi tolker sammen og holder både fagligheden og værdien for borgeren for øje.",
        (
            "Hvad kan vi lære af det, vi har set?",
            "Hvilke dilemmaer står vi i?",
            "Hvad betyder det for den borger eller familie, det handler om?",
        ),
    ),
    "wonder": _Phase(
        "Undring før handling",
        "Vi bliver i nysgerrigheden og beslutter ikke noget endnu. Idéer til handling parkeres.",
        (
            "Hvad undrer os?",
            "Hvilke andre forklaringer kunne der være?",
            "Hvad skulle vi vide mere om, før vi handler?",
        ),
    ),
    "next": _Phase(
        "Næste skridt",
        "Vi beslutter og vælger få, små prøvehandlinger: hvem, hvornår, hvad vi forventer, "
        "og hvordan vi opdager, om det virkede.",
        (
            "Hvad er det mindste, vi kan prøve inden næste møde?",
            "Hvad forventer vi, der sker, og hvordan kan vi se det?",
            "Hvem tager den, og hvornår følger vi op?",
        ),
    ),
}

_EN = {
    "followup": _Phase(
        "Follow-up",
        "We look at last time's trial actions: were they carried out, and what did we learn?",
        (
            "What actually happened when we tried it?",
            "How does that compare with what we expected?",
            "What do we know now that we did not know last time, even if it did not work?",
        ),
    ),
    "data": _Phase(
        "Data review",
        "We look at data about our work before we interpret it.",
        (
            "What does the data show, and what does it not show?",
            "Do the people who produced the data recognise the picture?",
            "What context does the data come from, and what does the citizen say?",
        ),
    ),
    "reflection": _Phase(
        "Reflection",
        "We interpret together, keeping professional judgement and value for the citizen in view.",
        (
            "What can we learn from what we have seen?",
            "Which dilemmas are we facing?",
            "What does it mean for the citizen or family concerned?",
        ),
    ),
    "wonder": _Phase(
        "Wonder before action",
        "We stay curious and decide nothing yet. Ideas for action are parked.",
        (
            "What makes us wonder?",
            "Which other explanations could there be?",
            "What would we need to know more about before we act?",
        ),
    ),
    "next": _Phase(
        "Next steps",
        "We decide and pick a few small trial actions: who, when, what we expect, "
        "and how we will tell whether it worked.",
        (
            "What is the smallest thing we can try before the next meeting?",
            "What do we expect to happen, and how will we see it?",
            "Who takes it, and when do we follow up?",
        ),
    ),
}

# (name, Danish title, English title, rhythm in days, minutes per phase in agenda order)
_LEVELS = (
    ("borgerniveau", "Borgerniveau", "Citizen level", 14, (5, 7, 7, 5, 6)),
    ("indsatsniveau", "Indsatsniveau", "Service level", 91, (20, 30, 30, 15, 25)),
    ("organisatorisk", "Organisatorisk niveau", "Organisation level", 182, (25, 45, 45, 25, 40)),
)

_HEADER = {
    "da": """\
# refleksionsrum: arbejdsområdets indstillinger.
# Ret frit i denne fil; programmet skriver aldrig i den. `refleksionsrum check` kontrollerer den.

# Sproget i brugerfladen: "da" (dansk) eller "en" (engelsk).
language = "{language}"

# Skabelonen, som et nyt møde bruger, når man ikke vælger en anden.
default_template = "borgerniveau"

# Hvor møderne gemmes. Udeladt: en SQLite-fil i sessions/. Fælles database for flere maskiner:
# database_url = "postgresql+psycopg://bruger@server/refleksionsrum"

# Minutter før en fases tid er gået, hvor tidsboksen skifter farve som advarsel.
warning_minutes = 2

# true: terminalen bipper, når en fases tid er gået.
bell = false

# Farver: "standard", eller "high-contrast" til en bleg projektor.
theme = "standard"

# Datakilder: teamets egne tal, vist som seriediagrammer i datagennemgangen. Én [[data]] pr. fil.
# name = navnet på skærmen; file = en .csv- eller .xlsx-fil, regnet fra arbejdsområdet;
# value = kolonnen med tallene; date = kolonnen med datoer eller perioder (valgfri);
# freeze = medianen af de første N punkter er midterlinjen (valgfri); parts = [24]: en ny del med
# egen median efter punkt 24 (valgfri; går forud for freeze); better = "up" eller "down": hvilken
# retning er en forbedring (valgfri); templates = ["indsatsniveau"]: kun i disse skabeloner
# (valgfri, ellers alle); sheet = arket i en Excel-fil (valgfri, ellers det første).
# [[data]]
# name = "Fremmøde i gruppeforløbet"
# file = "data/fremmoede.csv"
# date = "Måned"
# value = "Fremmøde %"

# Skabeloner: ét afsnit pr. mødeniveau. Tilføj gerne dine egne.
# title = navnet på skærmen; minutes = mødets planlagte længde; rhythm_days = dage til næste møde
# (standarddato for prøvehandlinger). Hver [[...phases]] er en fase i dagsordenen, i rækkefølge:
# key = fasens nøgle (followup, data, reflection, wonder og next har deres egne felter; andre
# nøgler giver almindelige noter); title; minutes = tidsboks; purpose = formål; prompts = spørgsmål.
""",
    "en": """\
# refleksionsrum: the workspace's settings.
# Edit this file freely; the program never writes to it. `refleksionsrum check` validates it.

# The language of the user interface: "da" (Danish) or "en" (English).
language = "{language}"

# The template a new meeting uses unless another is chosen.
default_template = "borgerniveau"

# Where meetings are stored. Left out: a SQLite file in sessions/.
# One database shared by several machines:
# database_url = "postgresql+psycopg://user@server/refleksionsrum"

# Minutes before a phase's time is up when its time box changes colour as a warning.
warning_minutes = 2

# true: the terminal rings its bell when a phase's time is up.
bell = false

# Colours: "standard", or "high-contrast" for a washed-out projector.
theme = "standard"

# Data sources: the team's own numbers, shown as run charts in the data review. One [[data]] a file.
# name = the name on screen; file = a .csv or .xlsx file, relative to the workspace;
# value = the column with the numbers; date = the column with dates or periods (optional);
# freeze = the median of the first N points is the centre line (optional); parts = [24]: a new
# part with its own median after point 24 (optional; wins over freeze); better = "up" or "down":
# which direction is an improvement (optional); templates = ["indsatsniveau"]: only in these
# templates (optional, else all); sheet = the sheet of an Excel file (optional, else the first).
# [[data]]
# name = "Attendance in the group course"
# file = "data/attendance.csv"
# date = "Month"
# value = "Attendance %"

# Templates: one section per meeting level. Add your own.
# title = the name on screen; minutes = the meeting's planned length; rhythm_days = days to the next
# meeting (the default due date of trial actions). Each [[...phases]] is one agenda phase, in order:
# key = the phase's key (followup, data, reflection, wonder and next have their own fields; other
# keys record plain notes); title; minutes = time box; purpose; prompts = questions to the room.
""",
}


def config_text(language: str = "da") -> str:
    """The default config.toml, commented throughout, with prompts in ``language``."""
    phases = _DA if language == "da" else _EN
    out = [_HEADER[language].format(language=language)]
    for name, title_da, title_en, rhythm, minutes in _LEVELS:
        title = title_da if language == "da" else title_en
        out.append(
            f"\n[templates.{name}]\ntitle = {string(title)}\n"
            f"minutes = {sum(minutes)}\nrhythm_days = {rhythm}\n"
        )
        for key, phase_minutes in zip(
            ("followup", "data", "reflection", "wonder", "next"), minutes, strict=True
        ):
            phase = phases[key]
            body = fields(
                {
                    "key": key,
                    "title": phase.title,
                    "minutes": phase_minutes,
                    "purpose": phase.purpose,
                    "prompts": list(phase.prompts),
                },
                spread_lists=True,
            )
            out.append(f"\n[[templates.{name}.phases]]\n{body}")
    return "".join(out)
