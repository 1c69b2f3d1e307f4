"""Danish strings of the data review: data sources, their files and the runs analysis."""

CATALOG: dict[str, str] = {
    "data.hint": "Ret filen eller posten under [[data]] i config.toml.",
    "data.not_found": "filen findes ikke.",
    "data.unreadable": "filen kan ikke læses ({reason}).",
    "data.too_large": "filen er større end {limit} MB; gem kun de rækker, grafen skal vise.",
    "data.empty": "filen er tom: der er ingen rækker under overskrifterne.",
    "data.encoding": "filens tegnsæt kan ikke læses; gem den som CSV (UTF-8) eller Windows-1252.",
    "data.bad_csv": "filen kan ikke læses som CSV ({reason}).",
    "data.not_excel": "filen er ikke en Excel-fil (.xlsx), der kan læses ({reason}).",
    "data.no_sheet": "arket '{sheet}' findes ikke; filen har: {known}.",
    "data.unknown_column": "kolonnen '{column}' findes ikke; filen har: {known}.",
    "data.not_number": "række {row}, kolonne '{column}': '{text}' er ikke et tal.",
    "data.no_values": "kolonnen '{column}' har ingen tal.",
    "data.config_duplicate": "datakilden '{name}' står to gange under [[data]].",
    "data.config_suffix": "filen '{file}' skal være en .csv- eller .xlsx-fil.",
    "data.config_better": 'better = \'{value}\' kendes ikke; brug "up" eller "down".',
    "data.config_template": "'{key}': skabelonen '{value}' findes ikke; kendte: {known}.",
    "data.side.above": "over",
    "data.side.below": "under",
    "data.verdict.too_few": "For få punkter til at vurdere: {n} punkter ligger uden for "
    "medianen, og der skal mindst {need} til.",
    "data.verdict.random": "Kun tilfældig variation: længste forløb er {run} punkter "
    "(grænsen er {run_max}), og kurven krydser medianen {crossings} gange "
    "(mindst {crossings_min}).",
    "data.verdict.long_run": "Usædvanligt langt forløb: {run} punkter {side} medianen "
    "(grænsen er {run_max}).",
    "data.verdict.few_crossings": "Usædvanligt få krydsninger af medianen: {crossings} "
    "(forventet mindst {crossings_min}).",
    "data.verdict.real_change": "Det tyder på en reel ændring.",
    "data.verdict.better": "Ændringen går i den gode retning.",
    "data.verdict.worse": "Ændringen går i den forkerte retning.",
    "data.short.too_few": "for få punkter til at vurdere",
    "data.short.random": "kun tilfældig variation",
    "data.short.long_run": "signal: langt forløb {side} medianen",
    "data.short.few_crossings": "signal: få krydsninger af medianen",
    "data.observation": "{name}: median {median}, {finding}",
}
CATALOG.update(
    {
        "data.cli.part": "Del {n} af {total} ({first} til {last}):",
        "data.cli.median": "median {median}, {n} punkter.",
        "data.cli.no_source": "datakilden '{name}' står ikke under [[data]] i config.toml; "
        "kendte: {known}.",
        "cli.data.help": "vis et kørselsdiagram og Anhøj-analysen af en CSV- eller Excel-fil",
        "cli.data.description": "Læser en CSV- eller Excel-fil (eller en datakilde fra "
        "config.toml med --name) og viser et kørselsdiagram med medianen og hvad "
        "Anhøj-reglerne siger. Uden --value vises den sidste kolonne, dateret efter den første.",
        "cli.data.help_file": "filen (.csv eller .xlsx)",
        "cli.data.help_value": "kolonnen med tallene",
        "cli.data.help_date": "kolonnen med datoer eller perioder",
        "cli.data.help_sheet": "arket i en Excel-fil (ellers det første)",
        "cli.data.help_freeze": "medianen af de første N punkter er midterlinjen",
        "cli.data.help_part": "en ny del (egen median) efter punkt N; kan gentages",
        "cli.data.help_format": "text tegner diagrammet; json giver tallene",
        "cli.data.help_name": "en datakilde fra config.toml",
        "cli.data.need_file": "angiv en FIL eller --name NAVN.",
        "cli.check.data_summary": "Datakilder i orden: {good} · med fejl: {bad}.",
    }
)
CATALOG.update(
    {
        "key.data_next": "Næste graf",
        "key.data_note": "Notér fra graf",
        "data.of": "datakilde {n} af {total}",
        "data.flip_hint": "F7 næste · F8 notér",
        "data.latest": "Seneste",
        "data.median": "Median {median}.",
        "data.part_median": "Del {n} af {total}: median {median}.",
    }
)
CATALOG["referat.data_shown"] = "Data vi så på"
CATALOG.update(
    {
        "data.reading": "Læser filen …",
        "data.compact.too_few": "For få punkter til at vurdere ({n} af mindst {need}).",
        "data.compact.random": "Kun tilfældig variation.",
        "data.compact.long_run": "Signal: {run} punkter {side} medianen (grænse {run_max}).",
        "data.compact.few_crossings": "Signal: kun {crossings} krydsninger "
        "(mindst {crossings_min}).",
    }
)
CATALOG["data.note_hint"] = "F8 notér"
CATALOG["cli.metavar.column"] = "KOLONNE"
