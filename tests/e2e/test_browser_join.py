"""The served join view in headless Chromium: a note typed in the page reaches the store and the
facilitator's screen; a page without the token and a websocket from another Origin are refused."""

from __future__ import annotations

import http.client
import re
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .panes import COMMAND, DEADLINE_S, Panes, new_workspace, wait_for_notes

pytestmark = [pytest.mark.tmux, pytest.mark.serial]

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NOTE = "Notat skrevet i browseren"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def started_server(workspace: Path, port: int) -> tuple[subprocess.Popen[str], str]:
    server = subprocess.Popen(
        [str(COMMAND), "--workspace", str(workspace), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert server.stdout is not None
    deadline = time.monotonic() + DEADLINE_S
    seen = ""
    while time.monotonic() < deadline:
        line = server.stdout.readline()
        seen += line
        found = re.search(r"http://127\.0\.0\.1:\d+/\S+/", line)
        if found:
            return server, found.group(0)
        if not line and server.poll() is not None:
            break
    server.kill()
    raise AssertionError(f"serve printed no address:\n{seen}")


def fetched(url: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    connection.request(
        "GET", parts.path + (f"?{parts.query}" if parts.query else ""), headers=headers or {}
    )
    response = connection.getresponse()
    found = response.status, response.read().decode("utf-8", "replace")
    connection.close()
    return found


def status_of(url: str, headers: dict[str, str] | None = None) -> int:
    return fetched(url, headers)[0]


def websocket_status(url: str, origin: str) -> int:
    return status_of(
        url,
        {
            "Connection": "Upgrade",
            "Upgrade": "websocket",
            "Sec-WebSocket-Version": "13",
            "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
            "Origin": origin,
        },
    )


def test_a_note_from_the_browser_reaches_the_facilitator(panes: Panes, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: scripts/test.sh installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    workspace = new_workspace(tmp_path / "arbejdsrum")
    ws = ["--workspace", str(workspace)]
    panes.start("fac", [str(COMMAND), *ws, "new", "--template", "borgerniveau", "--title", "Web"])
    panes.wait_for("fac", "OPFØLGNING")
    panes.keys("fac", "C-n")
    panes.wait_for("fac", "DATAGENNEMGANG")

    server, address = started_server(workspace, free_port())
    try:
        base = address.rsplit("/", 2)[0]
        assert status_of(base + "/") == 403
        assert status_of(base + "/static/js/textual.js") == 403
        assert status_of(base + "/" + "x" * 32 + "/") == 403  # a wrong token
        status, page = fetched(address)
        assert status == 200
        # Nothing from elsewhere (textual-serve's page loads a font from Google), in Danish.
        assert "googleapis" not in page and "Forbind igen" in page
        assert websocket_status(address + "ws", "http://evil.example") == 403
        assert websocket_status(address + "ws", "") == 403

        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                str(tmp_path / "chromium-profile"),
                executable_path=str(CHROMIUM),
                headless=True,
                args=FLAGS,
            )
            try:
                page = context.new_page()
                received = bytearray()

                def on_socket(socket_: object) -> None:
                    def frame(payload: str | bytes) -> None:
                        received.extend(payload if isinstance(payload, bytes) else payload.encode())

                    socket_.on("framereceived", frame)  # type: ignore[attr-defined]

                page.on("websocket", on_socket)
                page.goto(address)
                # The joined view is drawn with the facilitator's phase and its entry line
                # (the start screen, drawn first, has neither).
                ready = (b"DATAGENNEMGANG", b"Ny observation")
                deadline = time.monotonic() + DEADLINE_S
                while not all(m in received for m in ready) and time.monotonic() < deadline:
                    page.wait_for_timeout(100)
                assert all(m in received for m in ready), "the join view never drew"
                page.focus("textarea.xterm-helper-textarea")
                page.keyboard.type(NOTE)
                page.keyboard.press("Enter")
                notes = wait_for_notes(workspace, {NOTE})
                assert ("data", NOTE) in notes
                panes.wait_for("fac", NOTE)
                page.screenshot(path=str(tmp_path / "joined.png"))
            finally:
                context.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
