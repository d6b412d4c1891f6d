"""The browser review page: unit views, candidate checks, and the web app (docs/review.md).

The web stack (Starlette, Jinja2, uvicorn) is the optional extra ``locpipe[review]``; it is
imported only when a server starts, so the rest of locpipe works without it.
"""

from __future__ import annotations

import socket

from pipeline.core import InputError
from pipeline.review.model import (
    STATES,
    ApprovalRefused,
    CatalogSummary,
    CatalogView,
    FindingView,
    ReviewError,
    ReviewStore,
    SavedUnit,
    SaveRequest,
    StaleCatalog,
    UnitView,
    UnknownCatalog,
)
from pipeline.review.views import (
    approved,
    approved_text,
    findings_by_key,
    saved,
    source_diff,
    unit_view,
)

MISSING_EXTRA = "the review page needs its web stack: pip install 'locpipe[review]'"


def bind_server(host: str, port: int) -> socket.socket:
    """A listening socket for the review server (bound before the browser opens)."""
    try:
        from pipeline.review.serve import bind
    except ImportError:
        raise InputError(MISSING_EXTRA) from None
    return bind(host, port)


def serve_review(store: ReviewStore, sock: socket.socket, token: str) -> None:
    """Serve the review page for ``store`` on ``sock`` until interrupted."""
    try:
        from pipeline.review.serve import serve
    except ImportError:
        raise InputError(MISSING_EXTRA) from None
    serve(store, sock, token)


__all__ = [
    "MISSING_EXTRA",
    "STATES",
    "ApprovalRefused",
    "CatalogSummary",
    "CatalogView",
    "FindingView",
    "ReviewError",
    "ReviewStore",
    "SaveRequest",
    "SavedUnit",
    "StaleCatalog",
    "UnitView",
    "UnknownCatalog",
    "approved",
    "approved_text",
    "bind_server",
    "findings_by_key",
    "saved",
    "serve_review",
    "source_diff",
    "unit_view",
]
