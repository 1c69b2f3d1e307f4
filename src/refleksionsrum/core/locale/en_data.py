"""English strings of the data review: data sources, their files and the runs analysis."""

CATALOG: dict[str, str] = {
    "data.hint": "Fix the file or its entry under [[data]] in config.toml.",
    "data.not_found": "the file does not exist.",
    "data.unreadable": "the file cannot be read ({reason}).",
    "data.too_large": "the file is larger than {limit} MB; keep only the rows the chart shows.",
    "data.empty": "the file is empty: there are no rows under the headings.",
    "data.encoding": "the file's encoding cannot be read; save it as CSV (UTF-8) or Windows-1252.",
    "data.bad_csv": "the file cannot be read as CSV ({reason}).",
    "data.not_excel": "the file is not an Excel file (.xlsx) that can be read ({reason}).",
    "data.no_sheet": "there is no sheet '{sheet}'; the file has: {known}.",
    "data.unknown_column": "there is no column '{column}'; the file has: {known}.",
    "data.not_number": "row {row}, column '{column}': '{text}' is not a number.",
    "data.no_values": "the column '{column}' has no numbers.",
    "data.config_duplicate": "the data source '{name}' appears twice under [[data]].",
    "data.config_suffix": "the file '{file}' must be a .csv or .xlsx file.",
    "data.config_better": 'better = \'{value}\' is not known; use "up" or "down".',
    "data.config_template": "'{key}': there is no template '{value}'; known: {known}.",
    "data.side.above": "above",
    "data.side.below": "below",
    "data.verdict.too_few": "Too few points to judge: {n} points lie off the median, "
    "and it takes at least {need}.",
    "data.verdict.random": "Only random variation: the longest run is {run} points "
    "(the limit is {run_max}), and the line crosses the median {crossings} times "
    "(at least {crossings_min}).",
    "data.verdict.long_run": "An unusually long run: {run} points {side} the median "
    "(the limit is {run_max}).",
    "data.verdict.few_crossings": "Unusually few crossings of the median: {crossings} "
    "(at least {crossings_min} expected).",
    "data.verdict.real_change": "This suggests a real change.",
    "data.verdict.better": "The change is in the good direction.",
    "data.verdict.worse": "The change is in the wrong direction.",
    "data.short.too_few": "too few points to judge",
    "data.short.random": "only random variation",
    "data.short.long_run": "signal: a long run {side} the median",
    "data.short.few_crossings": "signal: few crossings of the median",
    "data.observation": "{name}: median {median}, {finding}",
}
CATALOG.update(
    {
        "data.cli.part": "Part {n} of {total} ({first} to {last}):",
        "data.cli.median": "median {median}, {n} points.",
        "data.cli.no_source": "there is no data source '{name}' under [[data]] in config.toml; "
        "known: {known}.",
        "cli.data.help": "show a run chart and the Anhøj analysis of a CSV or Excel file",
        "cli.data.description": "Reads a CSV or Excel file (or a data source from config.toml "
        "with --name) and shows a run chart with its median and what the Anhøj rules say. "
        "Without --value the last column is charted, dated by the first.",
        "cli.data.help_file": "the file (.csv or .xlsx)",
        "cli.data.help_value": "the column with the numbers",
        "cli.data.help_date": "the column with dates or periods",
        "cli.data.help_sheet": "the sheet of an Excel file (else the first)",
        "cli.data.help_freeze": "the median of the first N points is the centre line",
        "cli.data.help_part": "a new part (its own median) after point N; may be repeated",
        "cli.data.help_format": "text draws the chart; json gives the numbers",
        "cli.data.help_name": "a data source from config.toml",
        "cli.data.need_file": "give a FILE or --name NAME.",
        "cli.check.data_summary": "Data sources in order: {good} · with errors: {bad}.",
    }
)
CATALOG.update(
    {
        "key.data_next": "Next chart",
        "key.data_note": "Note from chart",
        "data.of": "data source {n} of {total}",
        "data.flip_hint": "F7 next · F8 note",
        "data.latest": "Latest",
        "data.median": "Median {median}.",
        "data.part_median": "Part {n} of {total}: median {median}.",
    }
)
CATALOG["referat.data_shown"] = "Data we looked at"
CATALOG.update(
    {
        "data.reading": "Reading the file …",
        "data.compact.too_few": "Too few points to judge ({n} of at least {need}).",
        "data.compact.random": "Only random variation.",
        "data.compact.long_run": "Signal: {run} points {side} the median (limit {run_max}).",
        "data.compact.few_crossings": "Signal: only {crossings} crossings "
        "(at least {crossings_min}).",
    }
)
CATALOG["data.note_hint"] = "F8 note"
CATALOG["cli.metavar.column"] = "COLUMN"
