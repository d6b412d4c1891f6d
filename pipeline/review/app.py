"""The review web app (Starlette, Jinja2): one page, a JSON API, and the guards around it.

Every state-changing request needs the session token the page was served with and an
``Origin`` of this server; hosts other than the configured ones are refused (DNS rebinding);
the page runs only its own script (Content-Security-Policy). Catalogs are addressed by
language and slug, which the store checks against the configuration, so no request names a
path (docs/review.md).
"""

from __future__ import annotations

import dataclasses
import hmac
import json
import threading
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from pipeline.core import LockError
from pipeline.review.model import (
    STATES,
    ApprovalRefused,
    ReviewError,
    ReviewStore,
    SaveRequest,
    StaleCatalog,
    UnknownCatalog,
)

TOKEN_HEADER = "X-Review-Token"
_SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

Endpoint = Callable[[Request], Awaitable[Response]]


class BadRequest(ReviewError):
    """A request body that is not what the API takes."""


def create_app(
    store: ReviewStore, token: str, origins: Sequence[str], hosts: Sequence[str]
) -> Starlette:
    """The app serving ``store``; ``origins`` may post, ``hosts`` may be named in Host.

    An origin ``*`` stands for the request's own Host (a server on every interface).
    """
    api = _Api(store, token, origins)
    routes = [
        Route("/", api.page),
        Route("/api/overview", api.overview),
        Route("/api/catalog/{language}/{slug}", api.catalog),
        Route("/api/check", api.guarded(api.check), methods=["POST"]),
        Route("/api/save", api.guarded(api.save), methods=["POST"]),
        Mount("/static", StaticFiles(packages=[("pipeline.review", "static")]), name="static"),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=list(hosts))]
    return Starlette(routes=routes, middleware=middleware)


class _Api:
    """The endpoints over one store; the guards every state-changing request passes."""

    def __init__(self, store: ReviewStore, token: str, origins: Sequence[str]) -> None:
        self.store, self.token, self.origins = store, token, origins
        self.pages = Environment(
            loader=PackageLoader("pipeline.review", "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
        )
        self.save_lock = threading.Lock()  # one save at a time: they share the project lock

    def guarded(self, endpoint: Endpoint) -> Endpoint:
        """The endpoint behind the session token and origin checks, its errors as statuses."""

        async def check(request: Request) -> Response:
            refusal = self._refusal(request)
            if refusal is not None:
                return _error(403, refusal)
            try:
                return await endpoint(request)
            except StaleCatalog as exc:
                return _json({"error": exc.message, "catalog": exc.fresh}, 409)
            except ApprovalRefused as exc:
                return _json({"error": exc.message, "findings": exc.findings}, 422)
            except UnknownCatalog as exc:
                return _error(404, exc.message)
            except LockError:
                return _error(423, "another locpipe run holds the project lock; try again")
            except ReviewError as exc:
                return _error(400, exc.message)

        return check

    def _refusal(self, request: Request) -> str | None:
        """Why a state-changing request is refused (no token, another origin), or None."""
        sent = request.headers.get(TOKEN_HEADER, "")
        if not hmac.compare_digest(sent.encode(), self.token.encode()):
            return "missing or wrong session token; reload the page"
        origin = request.headers.get("origin")
        own = f"http://{request.headers.get('host', '')}"
        if origin not in self.origins and not ("*" in self.origins and origin == own):
            return "request from another origin refused"
        return None

    async def page(self, request: Request) -> Response:
        overview = await run_in_threadpool(self.store.overview)
        template = self.pages.get_template("page.html")
        html = template.render(token=self.token, catalogs=overview, states=STATES)
        return _secured(HTMLResponse(html))

    async def overview(self, request: Request) -> Response:
        return _json({"catalogs": await run_in_threadpool(self.store.overview)})

    async def catalog(self, request: Request) -> Response:
        language, slug = request.path_params["language"], request.path_params["slug"]
        try:
            view = await run_in_threadpool(self.store.load, language, slug)
        except UnknownCatalog as exc:
            return _error(404, exc.message)
        return _json(view)

    async def check(self, request: Request) -> Response:
        body = await _body(request, ("language", "slug", "msgid", "msgstr"))
        fields = (body[name] for name in ("language", "slug", "msgctxt", "msgid", "msgstr"))
        findings = await run_in_threadpool(self.store.check, *fields)
        return _json({"findings": findings})

    async def save(self, request: Request) -> Response:
        body = await _body(request, ("language", "slug", "msgid", "msgstr", "digest"))
        save_request = SaveRequest(
            language=body["language"],
            slug=body["slug"],
            msgctxt=body["msgctxt"],
            msgid=body["msgid"],
            msgstr=body["msgstr"],
            digest=body["digest"],
            approve=bool(body.get("approve")),
            override=_text(body.get("override")),
        )

        def locked_save() -> Any:
            with self.save_lock:
                return self.store.save(save_request)

        return _json(await run_in_threadpool(locked_save))


async def _body(request: Request, required: Sequence[str]) -> dict[str, Any]:
    """The JSON object of a request; every required field a string, msgctxt a string or null."""
    try:
        body = json.loads(await request.body())
    except ValueError:
        raise BadRequest("the request body is not JSON") from None
    if not isinstance(body, dict):
        raise BadRequest("the request body is not a JSON object")
    for name in required:
        if not isinstance(body.get(name), str):
            raise BadRequest(f"field '{name}' must be a string")
    body.setdefault("msgctxt", None)
    if body["msgctxt"] is not None and not isinstance(body["msgctxt"], str):
        raise BadRequest("field 'msgctxt' must be a string or null")
    return body


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return value


def _json(payload: Any, status: int = 200) -> Response:
    if isinstance(payload, dict):
        payload = {key: _plain(value) for key, value in payload.items()}
        payload = {
            key: [_plain(v) for v in value] if isinstance(value, tuple | list) else value
            for key, value in payload.items()
        }
    else:
        payload = _plain(payload)
    return _secured(JSONResponse(payload, status_code=status))


def _error(status: int, message: str) -> Response:
    return _json({"error": message}, status)


def _secured(response: Response) -> Response:
    response.headers.update(_SECURITY_HEADERS)
    return response
