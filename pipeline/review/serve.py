"""Serve the review app with uvicorn on a socket bound before the browser is opened."""

from __future__ import annotations

import socket

import uvicorn

from pipeline.core import OutputError
from pipeline.review.app import create_app
from pipeline.review.model import ReviewStore

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``; a taken port or a bad host is an OutputError."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
    except OSError as exc:
        raise OutputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(64)
    except OSError as exc:
        sock.close()
        raise OutputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock


def allowed(host: str, port: int) -> tuple[list[str], list[str]]:
    """(origins that may post, names the Host header may carry) for a server on host:port."""
    if host in ("0.0.0.0", "::"):
        # Any interface: any Host name, and the Origin must then match the request's own Host.
        return ["*"], ["*"]
    names = [host, *LOOPBACK] if host in LOOPBACK else [host]
    shown = [f"[{name}]" if ":" in name else name for name in dict.fromkeys(names)]
    return [f"http://{name}:{port}" for name in shown], list(dict.fromkeys(names))


def serve(store: ReviewStore, sock: socket.socket, token: str) -> None:
    """Serve ``store`` on ``sock`` until interrupted."""
    host, port = sock.getsockname()[:2]
    origins, hosts = allowed(host, port)
    app = create_app(store, token, origins, hosts)
    config = uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False)
    uvicorn.Server(config).run(sockets=[sock])
