#!/usr/bin/env bash
# Install what the tests need and run them. Safe to run again and again; works from any folder.
#   bash scripts/test.sh                      every test
#   bash scripts/test.sh tests/test_cli.py    arguments go to pytest (both passes, see 4.)
# Exit status: 0 when every test passed; otherwise pytest's (1 = a test failed).
#
# Four blocks, in order; each can grow on its own:
#   1. system packages (apt-get, as root): Python's venv, tmux, mount and chattr
#   2. the virtual environment .venv with the package, its test extras, pinned by constraints.txt
#   3. services the tests talk to: a throwaway PostgreSQL cluster, Debian's Chromium
#   4. pytest: the parallel pass (pytest-xdist), then the tests marked `serial`, alone
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# -- 1. system packages --------------------------------------------------------------------

need_root() {
    echo "scripts/test.sh: $1 is missing and only root can install it." >&2
    echo "  Install it yourself: sudo apt-get install $2" >&2
    exit 1
}

apt_updated=""
apt_install() {
    if [ "$(id -u)" -ne 0 ]; then need_root "$1" "$2"; fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "scripts/test.sh: $1 is missing and there is no apt-get; install '$2' yourself." >&2
        exit 1
    fi
    echo "scripts/test.sh: installing $2 with apt-get" >&2
    if [ -z "$apt_updated" ]; then apt-get update -qq; apt_updated=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}

if ! command -v python3 >/dev/null 2>&1; then apt_install python3 python3; fi
if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "scripts/test.sh: refleksionsrum needs Python 3.11 or newer; python3 is $(python3 -V 2>&1)." >&2
    exit 1
fi
if ! command -v tmux >/dev/null 2>&1; then apt_install tmux tmux; fi
if [ "$(id -u)" -eq 0 ]; then
    # For the file-system fault tests, which run only as root (elsewhere they are skipped):
    # a tiny tmpfs for a full disk, and the immutable flag.
    if ! command -v mount >/dev/null 2>&1; then apt_install mount mount; fi
    if ! command -v chattr >/dev/null 2>&1; then apt_install chattr e2fsprogs; fi
fi

# -- 2. the virtual environment --------------------------------------------------------------

if ! .venv/bin/python -m pip --version >/dev/null 2>&1; then
    # Missing or half made (Debian keeps venv's pip bootstrap in its own package).
    if ! python3 -c 'import ensurepip' >/dev/null 2>&1; then apt_install "python3 venv" python3-venv; fi
    rm -rf .venv
    python3 -m venv .venv
fi
# constraints.txt holds the exact versions the code is tested with (see its header).
.venv/bin/python -m pip install --quiet --disable-pip-version-check \
    -c constraints.txt -e '.[test]'

# -- 3. services the tests talk to -----------------------------------------------------------

# The store's tests run on PostgreSQL as well as SQLite; they fail (never skip) without it.
# A throwaway cluster: a temporary data folder, a unix socket, fsync off, stopped on exit.
pg_bin() {
    command -v "$1" 2>/dev/null || ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -1
}
if [ -z "${REFLEKSIONSRUM_TEST_PG:-}" ]; then
    if [ -z "$(pg_bin initdb)" ]; then apt_install "PostgreSQL" postgresql; fi
    if [ "$(id -u)" -eq 0 ] && id postgres >/dev/null 2>&1; then as_pg=(runuser -u postgres --); else as_pg=(); fi
    pg_dir="$(mktemp -d /tmp/rr-pg.XXXXXX)"
    mkdir "$pg_dir/socket"
    chmod 755 "$pg_dir"
    if [ "${#as_pg[@]}" -gt 0 ]; then chown -R postgres "$pg_dir"; fi
    "${as_pg[@]}" "$(pg_bin initdb)" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
    "${as_pg[@]}" "$(pg_bin pg_ctl)" -D "$pg_dir/data" -l "$pg_dir/log" -w \
        -o "-k $pg_dir/socket -c listen_addresses='' -c fsync=off -c full_page_writes=off" \
        start >/dev/null
    stop_pg() {
        "${as_pg[@]}" "$(pg_bin pg_ctl)" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
        rm -rf "$pg_dir"
    }
    trap stop_pg EXIT
    export REFLEKSIONSRUM_TEST_PG="postgresql+psycopg://postgres@/postgres?host=$pg_dir/socket"
fi
# Headless Chromium from Debian (Playwright drives it; no browser download).
if ! command -v chromium >/dev/null 2>&1; then apt_install chromium chromium; fi


# -- 4. pytest -------------------------------------------------------------------------------

# Workers for the parallel pass: one a core (TEST_WORKERS=1 runs it in one process).
workers="${TEST_WORKERS:-auto}"

# Everything that may share the machine, spread over the workers...
parallel=0
# A last resort above pytest-timeout's per-test limit: a pass that hangs anyway ends, and fails,
# long before CI's own limit (the parallel pass takes 4-8 minutes, the serial one 1-3).
pass_limit() { timeout --kill-after=30 "$1" "${@:2}"; }
# --durations: the slowest tests are named in every run's output, where the suite's time goes.
pass_limit 1800 .venv/bin/python -m pytest -n "$workers" -m "not serial" --durations=15 "$@" || parallel=$?
# ...then, alone, the tests that must not share it (marked `serial`: real terminals, kill -9,
# two processes racing): each with the machine to itself.
serial=0
pass_limit 900 .venv/bin/python -m pytest -p no:xdist -m serial --durations=5 "$@" || serial=$?

# 5 = "no tests collected": fine for one pass (the arguments chose no serial tests, or only
# serial ones), a failure for both.
if [ "$parallel" -eq 5 ] && [ "$serial" -eq 5 ]; then
    echo "scripts/test.sh: pytest collected no tests; that counts as a failure." >&2
    exit 5
fi
[ "$parallel" -eq 5 ] && parallel=0
[ "$serial" -eq 5 ] && serial=0
if [ "$parallel" -ne 0 ]; then exit "$parallel"; fi
exit "$serial"
