#!/usr/bin/env bash
# CPU load for trying the tests on a busy machine: one busy loop a core (or N), until stopped.
#   bash scripts/load.sh start [N]   start N busy loops (default: one a core)
#   bash scripts/load.sh stop        stop the loops this script started
#   bash scripts/load.sh status      how many run, and the load average
# Pure shell: nothing to install. The loops' pids are kept in a file, and only they are stopped.
set -euo pipefail
pids="${TMPDIR:-/tmp}/refleksionsrum-load.pids"

running() {
    local count=0 pid
    if [ -f "$pids" ]; then
        while read -r pid; do
            if kill -0 "$pid" 2>/dev/null; then count=$((count + 1)); fi
        done <"$pids"
    fi
    echo "$count"
}

case "${1:-}" in
start)
    if [ "$(running)" -gt 0 ]; then
        echo "scripts/load.sh: already running ($(running) loops); stop them first" >&2
        exit 1
    fi
    count="${2:-$(nproc)}"
    : >"$pids"
    for _ in $(seq "$count"); do
        # A busy loop with nothing to read or write: pure CPU, as `stress --cpu` does.
        nohup sh -c 'while :; do :; done' >/dev/null 2>&1 &
        echo "$!" >>"$pids"
    done
    echo "scripts/load.sh: $count busy loops started; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
    ;;
stop)
    if [ -f "$pids" ]; then
        while read -r pid; do kill "$pid" 2>/dev/null || true; done <"$pids"
        rm -f "$pids"
    fi
    echo "scripts/load.sh: stopped; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
    ;;
status)
    echo "scripts/load.sh: $(running) busy loops; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
    ;;
*)
    echo "usage: bash scripts/load.sh start [N] | stop | status" >&2
    exit 2
    ;;
esac
