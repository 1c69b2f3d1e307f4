"""Danish strings of the command line."""

CATALOG: dict[str, str] = {
    # argparse headings and the help of every option
    "cli.usage": "brug: ",
    "cli.usage_error": "{prog}: fejl: {message}",
    "cli.heading.positionals": "argumenter",
    "cli.heading.options": "tilvalg",
    "cli.heading.commands": "kommandoer",
    "cli.metavar.command": "KOMMANDO",
    "cli.metavar.dir": "MAPPE",
    "cli.metavar.name": "NAVN",
    "cli.metavar.text": "TEKST",
    "cli.metavar.file": "FIL",
    "cli.metavar.meeting_id": "MØDE_ID",
    "cli.description": "Strukturerede refleksionsmøder for teams i den offentlige sektor. "
    "Uden kommando åbnes startskærmen.",
    "cli.epilog": "Arbejdsområdet er --workspace, ellers $REFLEKSIONSRUM_WORKSPACE, ellers den "
    "nærmeste mappe opad med en config.toml.\n"
    "Afslutningskoder: 0 i orden; 1 check fandt fejl, eller kommandoen mislykkedes; "
    "2 forkert brug eller fejl i config.toml.",
    "cli.help.help": "vis denne hjælp og afslut",
    "cli.help.version": "vis versionen og afslut",
    "cli.help.workspace": "arbejdsområdet (mappen med config.toml)",
    # argparse's own messages (see cli/argwords.py); %-placeholders are argparse's
    "cli.argparse.invalid_choice": "ugyldigt valg: %(value)r (vælg mellem %(choices)s)",
    "cli.argparse.required": "disse argumenter mangler: %s",
    "cli.argparse.unrecognized": "ukendte argumenter: %s",
    "cli.argparse.expected_one": "mangler en værdi",
    "cli.argparse.expected_at_most_one": "tager højst én værdi",
    "cli.argparse.expected_at_least_one": "tager mindst én værdi",
    "cli.argparse.expected_n_one": "tager %s værdi",
    "cli.argparse.expected_n_many": "tager %s værdier",
    "cli.argparse.ambiguous": "tvetydigt tilvalg: %(option)s kan være %(matches)s",
    "cli.argparse.argument": "argument %(argument_name)s: %(message)s",
    "cli.argparse.invalid_value": "ugyldig værdi (%(type)s): %(value)r",
    "cli.argparse.not_allowed_with": "kan ikke bruges sammen med %s",
    "cli.argparse.ignored_explicit": "værdien %r blev ignoreret",
    "cli.argparse.one_required": "et af argumenterne %s skal med",
    # init
    "cli.init.help": "lav et nyt arbejdsområde",
    "cli.init.description": "Laver et arbejdsområde: en kommenteret config.toml og en tom "
    "sessions/. En eksisterende config.toml overskrives aldrig.",
    "cli.init.help_dir": "mappen, der skal blive arbejdsområde (standard: den aktuelle mappe)",
    "cli.init.help_language": "brugerfladens sprog i den nye config.toml (standard: da)",
    "cli.init.made": "Arbejdsområdet er lavet i {path}.",
    "cli.init.edit": "Skabeloner, faser og tider står i {path}; ret dem gerne.",
    "cli.init.next": "Start med: {command}",
    # new
    "cli.new.help": "start et møde nu og åbn det",
    "cli.new.description": "Starter et nyt møde med det samme og åbner det på skærmen.",
    "cli.new.help_template": "skabelonen fra config.toml (standard: default_template)",
    "cli.new.help_title": "mødets titel",
    "cli.new.unknown_template": "refleksionsrum: skabelonen '{value}' findes ikke i config.toml; "
    "kendte skabeloner: {known}.",
    # check
    "cli.check.help": "kontrollér config.toml og alle mødefiler",
    "cli.check.description": "Læser config.toml og hver mødefil i sessions/ uden at ændre noget. "
    "Afslutter med 1, hvis en mødefil ikke kan læses, og 2, hvis config.toml har en fejl.",
    "cli.check.unknown_template": "advarsel: skabelonen '{value}' findes ikke i config.toml "
    "(kendte: {known}); mødet kan stadig læses og eksporteres.",
    "cli.check.summary": "{config} er i orden. Mødefiler i orden: {good} · med fejl: {bad} · "
    "advarsler: {warnings}",
    # export
    "cli.export.help": "eksportér et møde som referat (md) eller mødefil (toml)",
    "cli.export.description": "Skriver et mødes referat i Markdown eller dets mødefil i TOML, "
    "til skærmen eller til en fil.",
    "cli.export.help_id": "mødets id, fx 2026-11-22-1300-familiebehandling",
    "cli.export.help_format": "md = referat i Markdown (standard); toml = mødefilen",
    "cli.export.help_output": "skriv til denne fil i stedet for til skærmen",
    "cli.export.unreadable": "{count} mødefil(er) i sessions/ kunne ikke læses; "
    "kør `refleksionsrum check`.",
    "cli.export.known": "Møder i arbejdsområdet (nyeste først):",
    "cli.export.written": "Skrev {path}.",
    "export.not_regular": "er {kind}, ikke en almindelig fil; intet er skrevet. "
    "Angiv et nyt filnavn eller en almindelig fil med --output.",
    "export.dangling": "er et symbolsk link til {target}, som ikke findes; intet er skrevet. "
    "Angiv selve filen med --output.",
    "export.no_folder": "mappen findes ikke; intet er skrevet.",
    "export.unwritable": "kan ikke skrives ({reason}); intet er skrevet.",
    "cli.export.stdout_closed": "refleksionsrum: standard output er lukket, så referatet kan "
    "ikke skrives der. Skriv det til en fil med --output FIL.",
    "cli.stdout_failed": "refleksionsrum: standard output kan ikke skrives ({reason}); "
    "brug --output FIL.",
    # errors from the operating system
    "cli.os_error_file": "refleksionsrum: {path}: {reason}.",
    "cli.os_error": "refleksionsrum: {reason}.",
    # tomllib's reasons, explained
    "toml.unclosed_string": 'en tekst er ikke afsluttet; mangler der et anførselstegn (") i '
    "slutningen",
    "toml.illegal_character": "her står et tegn, der ikke må stå her",
    "toml.invalid_value": 'værdien kan ikke læses; tekst skal stå i anførselstegn (fx "fem"), '
    "tal skrives uden (fx 5)",
    "toml.twice": "nøglen står to gange",
    "toml.unclosed_array": "en liste mangler sit afsluttende ]",
    "toml.unclosed_table": "en tabel i {{ }} mangler sit afsluttende }}",
    "toml.unclosed_header": "en overskrift i [ ] mangler sit afsluttende ]",
    "toml.no_equals": "der mangler et = efter nøglen (nøgler må ikke have mellemrum)",
    "toml.trailing": "der står noget efter værdien på samme linje",
    "toml.invalid_statement": "linjen kan ikke læses som nøgle = værdi",
    "cli.join.help": "følg et igangværende møde som referent",
    "cli.join.description": "Åbner et igangværende møde som referent: samme møde, samme fase og "
    "tid som mødelederens skærm. Du kan skrive i enhver fase uden at flytte mødet.",
    "cli.join.help_id": "mødets id (standard: det møde, der kører; flere at vælge imellem)",
    "cli.check.network_fs": "advarsel: databasen {path} ligger på et netværksdrev ({kind}). "
    "SQLite kan ikke bruge WAL dér, og to computere kan ødelægge filen. Læg sessions/ på en "
    "lokal disk, eller brug en fælles PostgreSQL-database (database_url i config.toml).",
    "cli.serve.help": "vis referentens skærm i en browser (bag en adgangsnøgle)",
    "cli.serve.description": "Viser referentens skærm for det igangværende møde i en browser. "
    "Lytter kun på 127.0.0.1, medmindre --host gives, og skriver adressen med en ny, tilfældig "
    "adgangsnøgle; uden den afvises alt.",
    "cli.serve.help_host": "adressen at lytte på (standard: 127.0.0.1, kun denne maskine)",
    "cli.serve.help_port": "porten at lytte på (standard: 8765)",
    "cli.serve.help_public_url": "adressen, som andre maskiner når serveren på "
    "(kræves med --host 0.0.0.0), fx http://mødelaptop.local:8765",
    "serve.ready": "Referentens skærm: {address}",
    "serve.stop": "Giv kun linket til referenten. Stop med Ctrl+C.",
    "serve.page_start": "Start",
    "serve.page_ended": "Forbindelsen til mødet er lukket.",
    "serve.page_restart": "Forbind igen",
    "serve.needs_public_url": "refleksionsrum: med --host {host} skal --public-url også gives, "
    "så linket virker fra en anden maskine (fx --public-url http://mødelaptop.local:8765).",
    "serve.several": "refleksionsrum: flere møder kører; angiv hvilket:\n{known}",
}
