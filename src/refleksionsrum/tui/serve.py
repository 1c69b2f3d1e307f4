"""`refleksionsrum serve`: the note-taker's join view in a browser, behind a token.

textual-serve runs `refleksionsrum join MEETING_ID` for each browser that connects.
Everything lives under /<token>/ (a fresh random token of 192 bits for each serve):
any other path, and any websocket whose Origin is not the served address, gets 403.
Imported only by the serve command, so the first screen does not load aiohttp.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import re
import secrets
import shlex
import signal
import sys
from collections.abc import Awaitable, Callable
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.server import Server

from refleksionsrum.core.i18n import t

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def origin_of(url: str) -> str:
    """scheme://host[:port] of a URL, as a browser sends it in the Origin header."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


# textual-serve's page as its template writes it (tests/tui/test_serve_page.py fails when
# an upgrade changes one): a font from Google's servers, which would tell Google who
# opened a meeting's page (not done in public-sector work), and three English words.
PAGE_FONT = re.compile(r"<link[^>]*fonts\.googleapis\.com[^>]*>")
PAGE_WORDS = (
    (">Start</button>", ">{}</button>", "serve.page_start"),
    (">Session ended.</div>", ">{}</div>", "serve.page_ended"),
    (">Restart</button>", ">{}</button>", "serve.page_restart"),
)


def local_page(html: str) -> str:
    """The served page without the font from elsewhere, its words in the catalogue's."""
    html = PAGE_FONT.sub("", html)
    for english, shape, key in PAGE_WORDS:
        html = html.replace(english, shape.format(escape(t(key))))
    return html


def join_command(workspace: Path, meeting_id: str) -> str:
    """The one program a browser may run: this meeting's join view."""
    program = [sys.executable, "-m", "refleksionsrum", "--workspace", str(workspace)]
    return shlex.join([*program, "join", meeting_id])


class GuardedServer(Server):
    """textual-serve with a token in every path and the websocket's Origin checked."""

    def __init__(
        self, command: str, host: str, port: int, public_url: str | None, title: str
    ) -> None:
        self.token = secrets.token_urlsafe(24)
        super().__init__(command, host=host, port=port, title=title, public_url=public_url)
        self.public_url = self.public_url.rstrip("/")
        self.origin = origin_of(self.public_url)

    @property
    def address(self) -> str:
        """The link to give the note-taker (it carries the token)."""
        return f"{self.public_url}/{self.token}/"

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard])
        import aiohttp_jinja2
        import jinja2

        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        prefix = f"/{self.token}"
        app.add_routes(
            [
                web.get(f"{prefix}/", self._index, name="index"),
                web.get(f"{prefix}/ws", self._websocket, name="websocket"),
                web.static(f"{prefix}/static", self.statics_path, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        return app

    async def _index(self, request: web.Request) -> web.StreamResponse:
        """textual-serve's page, in the workspace's language, with nothing from elsewhere."""
        response = await self.handle_index(request)
        assert isinstance(response, web.Response) and response.text is not None
        return web.Response(
            text=local_page(response.text), content_type="text/html", charset="utf-8"
        )

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        # Compared in constant time: the token is the only key to the meeting.
        first = request.path.split("/", 2)[1] if request.path.count("/") >= 1 else ""
        if not hmac.compare_digest(first.encode(), self.token.encode()):
            raise web.HTTPForbidden(text="403: forbidden\n")
        return await handler(request)

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        # A page from another site must not drive the meeting with our token.
        origin = (request.headers.get("Origin") or "").lower()
        if origin != self.origin:
            raise web.HTTPForbidden(text="403: foreign origin\n")
        return await self.handle_websocket(request)

    async def on_startup(self, app: web.Application) -> None:
        """textual-serve prints its logo here; the address is printed once we listen."""

    def _listening(self, *_args: object) -> None:
        # Called by aiohttp once the socket is bound: the link works when it is shown.
        self.console.print(t("serve.ready", address=self.address), highlight=False, markup=False)
        self.console.print(t("serve.stop"), highlight=False, markup=False)

    def serve(self, debug: bool = False) -> None:
        """As textual-serve's, but the address (with the token) is printed when it works."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signal.SIGINT, self.request_exit)
            loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            print=self._listening,
        )


def serve(
    workspace: Path,
    meeting_id: str,
    host: str,
    port: int,
    public_url: str | None,
    title: str,
) -> Any:
    server = GuardedServer(join_command(workspace, meeting_id), host, port, public_url, title)
    server.serve()
    return server
