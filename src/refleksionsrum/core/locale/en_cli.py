"""English strings of the command line."""

CATALOG: dict[str, str] = {
    "cli.usage": "usage: ",
    "cli.usage_error": "{prog}: error: {message}",
    "cli.heading.positionals": "arguments",
    "cli.heading.options": "options",
    "cli.heading.commands": "commands",
    "cli.metavar.command": "COMMAND",
    "cli.metavar.dir": "DIR",
    "cli.metavar.name": "NAME",
    "cli.metavar.text": "TEXT",
    "cli.metavar.file": "FILE",
    "cli.metavar.meeting_id": "MEETING_ID",
    "cli.description": "Structured reflection meetings for teams in the public sector. "
    "Without a command the start screen opens.",
    "cli.epilog": "The workspace is --workspace, else $REFLEKSIONSRUM_WORKSPACE, else the nearest "
    "folder upward that holds a config.toml.\n"
    "Exit codes: 0 success; 1 check found problems or the command failed; "
    "2 bad usage or an error in config.toml.",
    "cli.help.help": "show this help and exit",
    "cli.help.version": "show the version and exit",
    "cli.help.workspace": "the workspace (the folder with config.toml)",
    # argparse's own messages (see cli/argwords.py); %-placeholders are argparse's
    "cli.argparse.invalid_choice": "invalid choice: %(value)r (choose from %(choices)s)",
    "cli.argparse.required": "the following arguments are required: %s",
    "cli.argparse.unrecognized": "unrecognized arguments: %s",
    "cli.argparse.expected_one": "expected one argument",
    "cli.argparse.expected_at_most_one": "expected at most one argument",
    "cli.argparse.expected_at_least_one": "expected at least one argument",
    "cli.argparse.expected_n_one": "expected %s argument",
    "cli.argparse.expected_n_many": "expected %s arguments",
    "cli.argparse.ambiguous": "ambiguous option: %(option)s could match %(matches)s",
    "cli.argparse.argument": "argument %(argument_name)s: %(message)s",
    "cli.argparse.invalid_value": "invalid %(type)s value: %(value)r",
    "cli.argparse.not_allowed_with": "not allowed with argument %s",
    "cli.argparse.ignored_explicit": "ignored explicit argument %r",
    "cli.argparse.one_required": "one of the arguments %s is required",
    "cli.init.help": "make a new workspace",
    "cli.init.description": "Makes a workspace: a commented config.toml and an empty sessions/. "
    "An existing config.toml is never overwritten.",
    "cli.init.help_dir": "the folder to make a workspace (default: the current folder)",
    "cli.init.help_language": "the interface language in the new config.toml (default: da)",
    "cli.init.made": "The workspace is made in {path}.",
    "cli.init.edit": "Templates, phases and times are in {path}; edit them freely.",
    "cli.init.next": "Start with: {command}",
    "cli.new.help": "start a meeting now and open it",
    "cli.new.description": "Starts a new meeting right away and opens it on the screen.",
    "cli.new.help_template": "the template from config.toml (default: default_template)",
    "cli.new.help_title": "the meeting's title",
    "cli.new.unknown_template": "refleksionsrum: the template '{value}' is not in config.toml; "
    "known templates: {known}.",
    "cli.check.help": "check config.toml and every session file",
    "cli.check.description": "Reads config.toml and every session file in sessions/ without "
    "changing anything. Exits with 1 when a session file cannot be read, and 2 when config.toml "
    "has an error.",
    "cli.check.unknown_template": "warning: the template '{value}' is not in config.toml "
    "(known: {known}); the meeting can still be read and exported.",
    "cli.check.summary": "{config} is fine. Session files fine: {good} · broken: {bad} · "
    "warnings: {warnings}",
    "cli.export.help": "export a meeting as a referat (md) or session file (toml)",
    "cli.export.description": "Writes a meeting's referat (minutes) in Markdown or its session "
    "file in TOML, to the screen or to a file.",
    "cli.export.help_id": "the meeting's id, e.g. 2026-11-22-1300-familiebehandling",
    "cli.export.help_format": "md = referat in Markdown (default); toml = the session file",
    "cli.export.help_output": "write to this file instead of the screen",
    "cli.export.unreadable": "{count} session file(s) in sessions/ could not be read; "
    "run `refleksionsrum check`.",
    "cli.export.known": "Meetings in the workspace (newest first):",
    "cli.export.written": "Wrote {path}.",
    "export.not_regular": "is {kind}, not a regular file; nothing was written. "
    "Give a new file name or a regular file with --output.",
    "export.dangling": "is a symbolic link to {target}, which does not exist; nothing was "
    "written. Give the file itself with --output.",
    "export.no_folder": "its folder does not exist; nothing was written.",
    "export.unwritable": "cannot be written ({reason}); nothing was written.",
    "cli.export.stdout_closed": "refleksionsrum: standard output is closed, so the referat "
    "cannot be written there. Write it to a file with --output FILE.",
    "cli.stdout_failed": "refleksionsrum: standard output cannot be written ({reason}); "
    "use --output FILE.",
    "cli.os_error_file": "refleksionsrum: {path}: {reason}.",
    "cli.os_error": "refleksionsrum: {reason}.",
    # tomllib's reasons, explained
    "toml.unclosed_string": 'a text is not closed; is a quotation mark (") missing at its end',
    "toml.illegal_character": "a character stands here that is not allowed here",
    "toml.invalid_value": "the value cannot be read; text goes in quotation marks (e.g. "
    '"five"), numbers without (e.g. 5)',
    "toml.twice": "the key appears twice",
    "toml.unclosed_array": "a list lacks its closing ]",
    "toml.unclosed_table": "a table in {{ }} lacks its closing }}",
    "toml.unclosed_header": "a heading in [ ] lacks its closing ]",
    "toml.no_equals": "an = is missing after the key (keys cannot contain spaces)",
    "toml.trailing": "something follows the value on the same line",
    "toml.invalid_statement": "the line cannot be read as key = value",
    "cli.join.help": "follow a running meeting as note-taker",
    "cli.join.description": "Opens a running meeting as note-taker: the same meeting, phase and "
    "time as the facilitator's screen. You can record in any phase without moving the meeting.",
    "cli.join.help_id": "the meeting's id (default: the running one; a choice when several run)",
    "cli.check.network_fs": "warning: the database {path} is on a network file system "
    "({kind}). SQLite's WAL does not work there, and two computers can corrupt the file. Keep "
    "sessions/ on a local disk, or use a shared PostgreSQL database (database_url in config.toml).",
    "cli.serve.help": "show the note-taker's screen in a browser (behind an access token)",
    "cli.serve.description": "Shows the note-taker's screen of the running meeting in a browser. "
    "Listens on 127.0.0.1 only unless --host is given, and prints the address with a new random "
    "access token; without it everything is refused.",
    "cli.serve.help_host": "the address to listen on (default: 127.0.0.1, this machine only)",
    "cli.serve.help_port": "the port to listen on (default: 8765)",
    "cli.serve.help_public_url": "the address other machines reach the server at "
    "(required with --host 0.0.0.0), e.g. http://meeting-laptop.local:8765",
    "serve.ready": "The note-taker's screen: {address}",
    "serve.stop": "Give the link to the note-taker only. Stop with Ctrl+C.",
    "serve.page_start": "Start",
    "serve.page_ended": "The connection to the meeting is closed.",
    "serve.page_restart": "Connect again",
    "serve.needs_public_url": "refleksionsrum: with --host {host}, --public-url is needed too, "
    "so the link works from another machine (e.g. --public-url http://meeting-laptop.local:8765).",
    "serve.several": "refleksionsrum: several meetings run; say which:\n{known}",
}
