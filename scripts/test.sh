#!/usr/bin/env bash
# Install what the tests need and run them: tmux (for the end-to-end tests), a virtual
# environment in .venv, the package with its test extras; then pytest with any arguments given.
# Safe to run again and again; works from any folder. Exit status: pytest's (0 = all passed).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

need_root() {
    echo "scripts/test.sh: $1 is missing and only root can install it." >&2
    echo "  Install it yourself: sudo apt-get install $2" >&2
    exit 1
}

apt_install() {
    if [ "$(id -u)" -ne 0 ]; then need_root "$1" "$2"; fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "scripts/test.sh: $1 is missing and there is no apt-get; install '$2' yourself." >&2
        exit 1
    fi
    echo "scripts/test.sh: installing $2 with apt-get" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}

if ! command -v python3 >/dev/null 2>&1; then apt_install python3 python3; fi
if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "scripts/test.sh: refleksionsrum needs Python 3.11 or newer; python3 is $(python3 -V 2>&1)." >&2
    exit 1
fi
if ! command -v tmux >/dev/null 2>&1; then apt_install tmux tmux; fi

if ! .venv/bin/python -m pip --version >/dev/null 2>&1; then
    # Missing or half made (Debian keeps venv's pip bootstrap in its own package).
    if ! python3 -c 'import ensurepip' >/dev/null 2>&1; then apt_install "python3 venv" python3-venv; fi
    rm -rf .venv
    python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'

status=0
.venv/bin/python -m pytest "$@" || status=$?
if [ "$status" -eq 5 ]; then
    echo "scripts/test.sh: pytest collected no tests; that counts as a failure." >&2
fi
exit "$status"
