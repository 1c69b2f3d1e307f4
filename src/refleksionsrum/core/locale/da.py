"""Danish catalogue: the default language of the user interface."""

CATALOG: dict[str, str] = {
    # Dates
    "date.weekdays": "mandag tirsdag onsdag torsdag fredag lørdag søndag",
    "date.months": "januar februar marts april maj juni juli august september oktober november "
    "december",
    "date.months_short": "jan. feb. mar. apr. maj jun. jul. aug. sep. okt. nov. dec.",
    "date.long": "{weekday} {day}. {month}",
    "date.short": "{day}. {month} {year}",
    "date.clock": "{hour}.{minute}",
    "date.today": "i dag",
    "date.tomorrow": "i morgen",
    "date.yesterday": "i går",
    "date.in_days": "om {n} dage",
    "date.in_weeks": "om {n} uger",
    "date.ago_days": "for {n} dage siden",
    "date.ago_weeks": "for {n} uger siden",
    # Roles
    "role.facilitator": "mødeleder",
    "role.note-taker": "referent",
    "role.participant": "deltager",
    "role.team-leader": "teamleder",
    "role.expert": "fagekspert",
    "role.sponsor": "sponsor",
    # Kinds of notes
    "kind.observation": "Observation",
    "kind.reflection": "Refleksion",
    "kind.wondering": "Undring",
    "kind.explanation": "Forklaring",
    "kind.parked-idea": "Parkeret idé",
    "kind.note": "Note",
    # Evaluations
    "carried.yes": "ja",
    "carried.partly": "delvist",
    "carried.no": "nej",
    "verdict.adopt": "Indfør",
    "verdict.adapt": "Justér",
    "verdict.abandon": "Drop",
    "verdict.continue": "Fortsæt",
    "verdict.adopt.help": "gør det til praksis",
    "verdict.adapt.help": "ændr og prøv igen",
    "verdict.abandon.help": "stop; læringen bliver",
    "verdict.continue.help": "for lidt data endnu",
    # Fields
    "field.title": "Titel",
    "field.owner": "Ansvarlig",
    "field.due": "Dato",
    "field.prediction": "Forventning",
    "field.measure": "Sådan ser vi det",
    "field.development_point": "Udviklingspunkt",
    "field.adapted_from": "Justeret fra",
    "field.source": "Kilde",
    "field.carried_out": "Gennemført",
    "field.what_happened": "Hvad skete der",
    "field.compared": "Sammenlignet med forventningen",
    "field.learning": "Hvad lærte vi",
    "field.verdict": "Beslutning",
    # Referat
    "referat.date": "Dato",
    "referat.template": "Mødeniveau",
    "referat.participants": "Deltagere",
    "referat.not_ended": "Mødet er ikke afsluttet.",
    "referat.time": "Tid",
    "referat.phase": "Fase",
    "referat.planned": "Planlagt",
    "referat.used": "Brugt",
    "referat.evaluations": "Opfølgning på prøvehandlinger",
    "referat.decisions": "Beslutninger",
    "referat.trial_actions": "Prøvehandlinger",
    # What a value in a file should have been
    "type.text": "tekst",
    "type.whole_number": "et helt tal",
    "type.number": "et tal",
    "type.bool": "true eller false",
    "type.list": "en liste",
    "type.table": "en tabel",
    "type.date": "en dato (fx 2026-12-07)",
    "type.datetime": "et tidspunkt med tidszone (fx 2026-11-22T13:00:00+01:00)",
    # Config errors
    "config.hint": "Ret filen og start igen; programmet ændrer den ikke.",
    "config.hint_init": "Lav et arbejdsområde med `refleksionsrum init MAPPE`, "
    "eller angiv --workspace.",
    "config.not_found": "filen findes ikke.",
    "config.unreadable": "filen kan ikke læses ({reason}).",
    "config.too_large": "filen er større end {limit} byte.",
    "config.not_utf8": "filen er ikke gemt som UTF-8. Gem den som UTF-8.",
    "config.syntax": "fejl i TOML: {reason}.",
    "config.too_deep": "filen er indlejret for dybt til at kunne læses.",
    "config.key_too_long": "en nøgle har flere end {limit} led.",
    "config.missing": "nøglen '{key}' mangler.",
    "config.wrong_type": "'{key}' skal være {expected}.",
    "config.not_positive": "'{key}' skal være et helt tal større end 0.",
    "config.negative": "'{key}' må ikke være negativ.",
    "config.too_big": "'{key}' må højst være {limit}.",
    "config.empty": "'{key}' må ikke være tom.",
    "config.bad_language": 'sproget \'{value}\' kendes ikke; brug "da" eller "en".',
    "config.bad_theme": "temaet '{value}' kendes ikke; brug et af: {allowed}.",
    "config.bad_database_url": "database_url '{value}' kan ikke bruges; skriv "
    "sqlite:///sti/til/fil.db eller postgresql+psycopg://bruger@server/database.",
    "config.bad_sqlite_url": "database_url '{value}' er ikke en SQLite-adresse, programmet kan "
    "bruge; skriv sqlite:///sti/til/fil.db (tre skråstreger, så stien).",
    "config.database_in_memory": "database_url '{value}' er en database i hukommelsen, som "
    "forsvinder, når programmet lukker; intet ville blive gemt. Skriv "
    "sqlite:///sti/til/fil.db, eller slet linjen for at bruge sessions/refleksionsrum.db.",
    "config.no_templates": "der er ingen skabeloner under [templates].",
    "config.no_phases": "skabelonen '{template}' har ingen faser.",
    "config.duplicate_phase": "fasenøglen '{key}' står to gange i skabelonen '{template}'.",
    "config.unknown_template": "default_template '{value}' findes ikke; "
    "kendte skabeloner: {known}.",
    # Session file errors
    "session.too_large": "filen er over {limit_mb} MB og læses ikke.",
    "session.unreadable": "filen kan ikke læses ({reason}).",
    "session.not_utf8": "filen er ikke gyldig UTF-8.",
    "session.syntax": "fejl i TOML: {reason}.",
    "session.too_deep": "filen er indlejret dybere end {limit} niveauer.",
    "session.key_too_long": "en nøgle har flere end {limit} led.",
    "session.missing": "nøglen '{key}' mangler.",
    "session.wrong_type": "'{key}' skal være {expected}.",
    "session.no_offset": "'{key}' mangler tidszone (fx +01:00).",
    "session.time_out_of_range": "'{key}' ligger uden for den kalender, programmet kan regne i.",
    "session.bad_choice": "'{key}' er '{value}'; tilladt: {allowed}.",
    "session.newer_format": "filen har format {found}, men programmet kender kun format {known}. "
    "Opdatér refleksionsrum.",
    "session.bad_format": "format {found} findes ikke.",
    "session.bad_id": "id '{value}' kan ikke bruges som filnavn.",
    "session.duplicate_phase": "fasen '{value}' står to gange.",
    "session.duplicate_action": "prøvehandlingen '{value}' står to gange.",
    "session.duplicate_meeting": "mødet '{value}' findes også i {other}; den bruges, denne "
    "kopi ikke. Flyt kopien ud af sessions/.",
    "session.disagrees": "mødet '{value}' findes også i {other}, men med andet indhold. "
    "{other} bruges; intet fra denne fil er taget ind. Sammenlign de to, ret det, der "
    "mangler, i {other}, og flyt så denne fil ud af sessions/.",
    "session.duplicate_evaluation": "prøvehandlingen '{value}' er evalueret to gange; "
    "behold én evaluering og slet den anden.",
    "session.not_regular": "{kind}, ikke en almindelig fil; den læses ikke. "
    "Flyt den ud af sessions/.",
    "filekind.fifo": "en navngiven pipe (FIFO)",
    "filekind.socket": "en socket",
    "filekind.device": "en enhedsfil",
    "filekind.folder": "en mappe",
    "filekind.other": "en særlig fil",
    "session.negative": "'{key}' har en negativ tid.",
    "session.out_of_range": "'{key}' skal være et tal fra 0 til {limit}.",
    "session.clash": "prøvehandlingen '{value}' har samme id som en i {other}, som kom "
    "først; denne fil bruges ikke. Giv prøvehandlingen et andet id i en af filerne.",
    "session.clash_held": "prøvehandlingen '{value}' har samme id som en i mødet {other}; "
    "denne fil bruges ikke. Giv prøvehandlingen et andet id.",
    "session.clash_store": "en prøvehandling i filen har samme id som en i et andet møde "
    "(mødet {value} er ikke taget ind).",
    # Workspace and store
    "workspace.not_found": "her er intet arbejdsområde "
    "(ingen config.toml i mappen eller over den).",
    "workspace.no_config": "der er ingen config.toml.",
    "workspace.exists": "config.toml findes allerede; den overskrives ikke.",
    "store.unreachable": "databasen {url} kan ikke åbnes: {reason}. Ret database_url i "
    "config.toml, eller sørg for at mappen eller serveren findes, og start igen.",
    "store.newer_schema": "databasen er lavet af en nyere version "
    "(skema {found}; denne kender {known}). Opdatér refleksionsrum; databasen er ikke rørt.",
    "store.unknown_schema": "databasen angiver skemaversionen '{found}', som programmet ikke "
    "kender. Den er ikke rørt; brug en kopi fra før, eller en anden database_url.",
    "store.write_failed": "databasen kan ikke skrives ({reason}). Det skrevne står stadig "
    "på skærmen; frigør plads eller ret adgangen, og prøv igen.",
    "store.gone": "databasen {path} er slettet eller erstattet, mens programmet kørte. Intet "
    "nyt gemmes i den; mødet til nu står i sessionsfilen, og det skrevne står stadig på "
    "skærmen. Afslut med Ctrl+Q og start igen: databasen bygges op fra sessionsfilerne.",
    "store.not_database": "{path} er ikke en database, som refleksionsrum kan læse. "
    "Flyt filen til side (fx til {path}.gammel) og start igen: databasen bygges op igen "
    "fra mødefilerne i sessions/.",
    "store.no_meeting": "mødet '{id}' findes ikke.",
    "store.no_item": "punktet findes ikke længere.",
    "store.clash": "mødet {id} bruger et prøvehandlings-id, som et andet møde allerede har.",
    "notice.item_kept": "punktet blev slettet et andet sted, mens du rettede det. "
    "Din tekst er gemt som et nyt punkt.",
    "store.conflict": "punktet er ændret et andet sted, siden du åbnede det.",
    "store.needs_psycopg": "database_url peger på PostgreSQL, men psycopg 3 er ikke installeret. "
    "Installér det med: pip install 'refleksionsrum[postgresql]'",
    "store.locked": "databasen er låst af et andet program (en anden refleksionsrum, en "
    "kopiering eller en sikkerhedskopi) og blev ikke fri i tide ({reason}). Intet er gemt "
    "endnu, og det skrevne er ikke tabt: prøv igen om lidt.",
    "store.server_unreachable": "databaseserveren svarer ikke ({reason}). "
    "Det skrevne er ikke tabt: prøv igen, når forbindelsen er tilbage.",
}
