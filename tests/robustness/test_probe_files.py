"""What a hostile probe put in sessions/, config.toml and --output: one message, never a hang.

Issue 11, items 6, 9, 10, 12 and 14, and the BOM: each case is a class of failure,
so each test tries several members of its class.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

from refleksionsrum import cli
from refleksionsrum.core.files import sessionfile
from refleksionsrum.core.files.reading import check_folder
from refleksionsrum.core.files.sessionfile import SessionFileError
from refleksionsrum.core.files.sync import ingest, open_store
from refleksionsrum.core.i18n import t
from refleksionsrum.core.workspace import Workspace

from .procs import SCRIPT, child_env, run_cli
from .sessioncases import GOOD

GOOD_ID = "2026-11-09-1300-god"


def put(workspace: Path, name: str, content: str | bytes) -> Path:
    path = workspace / "sessions" / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def special_files(folder: Path) -> dict[str, str]:
    """One of each kind of entry that is not a regular file, as name: what it is."""
    made = {}
    os.mkfifo(folder / "fifo.toml")
    made["fifo.toml"] = "filekind.fifo"
    (folder / "fifo-link.toml").symlink_to(folder / "fifo.toml")
    made["fifo-link.toml"] = "filekind.fifo"
    (folder / "zero.toml").symlink_to("/dev/zero")
    made["zero.toml"] = "filekind.device"
    (folder / "folder.toml").mkdir()
    made["folder.toml"] = "filekind.folder"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(folder / "s.toml"))
        made["s.toml"] = "filekind.socket"
    except OSError:  # a path too long for a socket: the other kinds still count
        pass
    finally:
        server.close()
    return made


def test_entries_that_are_not_regular_files_are_named_and_never_opened(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put(workspace, "god.toml", GOOD)
    made = special_files(workspace / "sessions")
    opened: list[str] = []
    real_open = os.open

    def watching_open(path: object, *args: object, **kwargs: object) -> int:
        opened.append(os.fspath(path))  # type: ignore[arg-type]
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", watching_open)
    checked = check_folder(workspace / "sessions")
    assert checked.good == 1
    assert {p.path.name: p.params["kind"].key for p in checked.problems} == made
    assert not [name for name in opened if Path(name).name in made]
    store = open_store(Workspace.open(workspace))
    try:
        report = ingest(Workspace.open(workspace), store)
    finally:
        store.close()
    assert report.taken_in == [GOOD_ID]
    assert {p.path.name for p in report.problems} == set(made)
    assert not [name for name in opened if Path(name).name in made]


def test_check_with_a_fifo_ends_at_once(workspace: Path) -> None:
    put(workspace, "god.toml", GOOD)
    os.mkfifo(workspace / "sessions" / "x.toml")
    done = run_cli("check", "--workspace", str(workspace), timeout=60)
    assert done.returncode == 1
    assert "x.toml" in done.stdout and "FIFO" in done.stdout
    assert "Traceback" not in done.stderr


def test_the_size_limit_holds_for_what_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A file that grows after stat (or a device that says size 0): the read stops.
    big = tmp_path / "big.toml"
    big.write_bytes(b"# " + b"x" * (sessionfile.MAX_BYTES + 10))
    real_stat = os.stat

    def small_stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        found = real_stat(path, *args, **kwargs)  # type: ignore[arg-type]
        return os.stat_result((found.st_mode, *found[1:6], 10, *found[7:]))

    monkeypatch.setattr(os, "stat", small_stat)
    with pytest.raises(SessionFileError) as refused:
        sessionfile.read(big)
    assert refused.value.message_key == "session.too_large"


def test_a_byte_order_mark_is_read_past(workspace: Path) -> None:
    path = put(workspace, "bom.toml", b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    assert sessionfile.read(path).id == GOOD_ID
    broken = put(workspace, "bom-broken.toml", b"\xef\xbb\xbfformat = 1\nid = \n")
    with pytest.raises(SessionFileError) as refused:
        sessionfile.read(broken)
    assert refused.value.where().endswith(":2:6")


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("id", "\x1b]0;hacked\x07"),
        ("template", "\x1b[2J\x1b[H"),
        ("id", "bad\u202eid"),
    ],
)
def test_check_escapes_control_characters_from_files(
    workspace: Path, capsys: pytest.CaptureFixture[str], key: str, value: str
) -> None:
    escaped = value.encode("unicode_escape").decode("ascii")
    text = GOOD.replace(
        f'{key} = "{GOOD_ID if key == "id" else "borgerniveau"}"',
        f'{key} = "{escaped}"',
    )
    put(workspace, "escape.toml", text)
    # A file name with ESC in it, too.
    put(workspace, "navn\x1b[31m.toml", "format = 2\n")
    cli.main(["check", "--workspace", str(workspace)])
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "\\x1b" in out or "\\u202e" in out


def corrupt_databases(path: Path) -> dict[str, bytes]:
    """Random bytes, a text file, and a real database cut short."""
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    connection.execute("CREATE TABLE filler (x TEXT)")
    connection.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * 400)
    connection.commit()
    connection.close()
    whole = path.read_bytes()
    path.unlink()
    return {
        "random": os.urandom(8192),
        "text": b"Dette er ikke en database.\n" * 40,
        "truncated": whole[: len(whole) // 3],
        "header-only": whole[:100],
    }


def test_a_corrupt_database_is_one_message_in_the_cli_and_the_app(workspace: Path) -> None:
    database = workspace / "sessions" / "refleksionsrum.db"
    put(workspace, "god.toml", GOOD)
    for name, content in corrupt_databases(database).items():
        database.write_bytes(content)
        for command in (["check"], ["export", GOOD_ID], []):
            done = run_cli(*command, "--workspace", str(workspace), timeout=60)
            output = done.stdout + done.stderr
            assert "Traceback" not in output, (name, command, output)
            assert done.returncode != 0, (name, command)
            assert str(database) in done.stderr, (name, command, output)
            assert "sessions/" in done.stderr  # rebuilt from the session files
        assert database.read_bytes() == content  # never touched


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("sqlite:garbage", "config.bad_sqlite_url"),
        ("sqlite:/relative.db", "config.bad_sqlite_url"),
        ("sqlite+pysqlite:///x.db", "config.bad_sqlite_url"),
        ("sqlite://", "config.database_in_memory"),
        ("sqlite:///", "config.database_in_memory"),
        ("sqlite:///:memory:", "config.database_in_memory"),
        ("sqlite:///x.db?mode=memory&cache=shared", "config.database_in_memory"),
        ("postgres://x@y/z", "config.bad_database_url"),
        ("postgresql", "config.bad_database_url"),
        ("mysql://x/y", "config.bad_database_url"),
        ("", "config.bad_database_url"),
    ],
)
def test_database_urls_the_app_cannot_use_are_refused_by_check_and_the_app(
    workspace: Path, capsys: pytest.CaptureFixture[str], url: str, key: str
) -> None:
    config = workspace / "config.toml"
    config.write_text(f'database_url = "{url}"\n' + config.read_text(encoding="utf-8"))
    for command in (["check"], ["export", GOOD_ID], ["new"]):
        assert cli.main([*command, "--workspace", str(workspace)]) == cli.EXIT_USAGE
        err = capsys.readouterr().err
        assert f"{config}:1:" in err
        assert t(key, value=url) in err


@pytest.mark.parametrize(
    "url", ["sqlite:///elsewhere.db", "postgresql+psycopg://bruger@server/refleksionsrum"]
)
def test_usable_database_urls_pass_the_check(workspace: Path, url: str) -> None:
    config = workspace / "config.toml"
    config.write_text(f'database_url = "{url}"\n' + config.read_text(encoding="utf-8"))
    assert cli.main(["check", "--workspace", str(workspace)]) == cli.EXIT_OK


def export(workspace: Path, output: str) -> tuple[int, str]:
    done = run_cli("export", GOOD_ID, "--output", output, "--workspace", str(workspace))
    assert "Traceback" not in done.stderr
    return done.returncode, done.stderr


def test_export_writes_through_a_symlink_and_refuses_what_is_not_a_file(
    workspace: Path, tmp_path: Path
) -> None:
    put(workspace, "god.toml", GOOD)
    real = tmp_path / "real.md"
    real.write_text("gammelt")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    code, _ = export(workspace, str(link))
    assert code == 0
    assert link.is_symlink() and "God fil" in real.read_text(encoding="utf-8")

    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(tmp_path / "nowhere" / "x.md")
    folder = tmp_path / "mappe"
    folder.mkdir()
    fifo = tmp_path / "fifo.md"
    os.mkfifo(fifo)
    to_fifo = tmp_path / "to-fifo.md"
    to_fifo.symlink_to(fifo)
    for target in (dangling, folder, fifo, to_fifo, Path("/dev/null")):
        before = os.lstat(target)
        code, err = export(workspace, str(target))
        assert code == 1, target
        assert err.startswith(f"refleksionsrum: {target}: "), err
        assert ".tmp" not in err
        after = os.lstat(target)
        assert (stat.S_IFMT(after.st_mode), after.st_ino) == (
            stat.S_IFMT(before.st_mode),
            before.st_ino,
        )
    assert sorted(p.name for p in folder.iterdir()) == []


def test_export_with_standard_output_closed_or_full(workspace: Path) -> None:
    put(workspace, "god.toml", GOOD)
    args = [str(SCRIPT), "export", GOOD_ID, "--workspace", str(workspace)]
    closed = subprocess.run(
        args,
        env=child_env(),
        capture_output=False,
        stderr=subprocess.PIPE,
        stdout=None,
        stdin=subprocess.DEVNULL,
        text=True,
        timeout=60,
        pass_fds=(),
        close_fds=True,
        preexec_fn=lambda: os.close(1),
    )
    assert "Traceback" not in closed.stderr and closed.returncode == 1
    assert "--output" in closed.stderr
    if Path("/dev/full").exists():
        with open("/dev/full", "w") as full:
            done = subprocess.run(
                args,
                env=child_env(),
                stdout=full,
                stderr=subprocess.PIPE,
                stdin=subprocess.DEVNULL,
                text=True,
                timeout=60,
            )
        assert "Traceback" not in done.stderr and done.returncode == 1
        assert done.stderr.count("\n") == 1
    # check with its output closed still exits with its code, quietly.
    check = subprocess.run(
        [str(SCRIPT), "check", "--workspace", str(workspace)],
        env=child_env(),
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        timeout=60,
        preexec_fn=lambda: os.close(1),
    )
    assert "Traceback" not in check.stderr and check.returncode == 0


def test_check_parses_each_session_file_once(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put(workspace, "god.toml", GOOD)
    # An unknown template is the case that used to read the file a second time.
    put(
        workspace,
        "ukendt.toml",
        GOOD.replace(GOOD_ID, "ukendt")
        .replace('"borgerniveau"', '"findes-ikke"')
        .replace("ta-god1", "ta-ukendt"),
    )
    parsed: list[Path] = []
    real_parse = sessionfile.parse

    def counting(text: str, path: Path) -> object:
        parsed.append(path)
        return real_parse(text, path)

    monkeypatch.setattr(sessionfile, "parse", counting)
    assert cli.main(["check", "--workspace", str(workspace)]) == cli.EXIT_OK
    assert sorted(p.name for p in parsed) == ["god.toml", "ukendt.toml"]
