"""A throwaway PostgreSQL cluster for the tests, or the one scripts/test.sh started.

scripts/test.sh starts a cluster and names it in REFLEKSIONSRUM_TEST_PG; a plain
pytest run starts its own here (root runs initdb and pg_ctl as the postgres user).
Tests that need PostgreSQL fail, never skip, when neither works: the store must be
proved on both backends.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ENV = "REFLEKSIONSRUM_TEST_PG"
BIN = Path("/usr/lib/postgresql")


def _tool(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for version in sorted(BIN.glob("*/bin"), reverse=True):
        if (version / name).exists():
            return str(version / name)
    return None


def _as_postgres(*command: str) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return list(command)


@contextmanager
def cluster() -> Iterator[str]:
    """Start a cluster on a unix socket in a temporary folder; yield its base URL."""
    initdb, pg_ctl = _tool("initdb"), _tool("pg_ctl")
    if initdb is None or pg_ctl is None:
        pytest.fail(
            "PostgreSQL is not installed (initdb, pg_ctl): run scripts/test.sh, which installs"
            f" it, or set {ENV} to a server's URL",
            pytrace=False,
        )
    folder = Path(tempfile.mkdtemp(prefix="rr-pg-"))
    data, socket = folder / "data", folder / "socket"
    socket.mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        shutil.chown(socket, "postgres")
    folder.chmod(0o755)
    options = f"-k {socket} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
    try:
        subprocess.run(
            _as_postgres(initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"),
            check=True,
            capture_output=True,
            timeout=120,
        )
        subprocess.run(
            _as_postgres(
                pg_ctl, "-D", str(data), "-o", options, "-w", "-l", str(folder / "log"), "start"
            ),
            check=True,
            capture_output=True,
            timeout=120,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.fail(f"could not start a PostgreSQL cluster: {error}", pytrace=False)
    try:
        yield f"postgresql+psycopg://postgres@/postgres?host={socket}"
    finally:
        subprocess.run(
            _as_postgres(pg_ctl, "-D", str(data), "-m", "immediate", "stop"),
            capture_output=True,
            timeout=120,
        )
        shutil.rmtree(folder, ignore_errors=True)


def _admin(base: str, statement: str) -> None:
    import psycopg

    from refleksionsrum.core.live.watch import conninfo

    with psycopg.connect(conninfo(base), autocommit=True) as connection:
        connection.execute(statement)  # type: ignore[arg-type]


@contextmanager
def fresh_database(base: str) -> Iterator[str]:
    """A new, empty database on the server at ``base``; dropped afterwards."""
    name = f"rr_test_{uuid.uuid4().hex[:12]}"
    _admin(base, f'CREATE DATABASE "{name}"')
    head, _, query = base.partition("?")
    url = f"{head.rsplit('/', 1)[0]}/{name}" + (f"?{query}" if query else "")
    try:
        yield url
    finally:
        _admin(base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
