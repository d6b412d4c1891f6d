"""``locpipe review``: serve the browser review page for the project's catalogs."""

from __future__ import annotations

import secrets
import threading
import webbrowser

import click

from pipeline import jobs, review
from pipeline.cli.context import AppContext, pass_app


@click.command("review")
@click.option("--lang", "languages", multiple=True, help="Only this language (repeatable).")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Interface to listen on; anything but loopback exposes the catalogs to the network.",
)
@click.option("--no-browser", is_flag=True, help="Do not open a browser; print the address.")
@pass_app
def review_command(
    app: AppContext, languages: tuple[str, ...], port: int, host: str, no_browser: bool
) -> None:
    """Review translations in a browser: glossary hints, live checks, approve.

    Serves the configured catalogs on 127.0.0.1 until Ctrl+C. Each save changes only its
    entry, atomically, under the project lock, and never overwrites a file changed on disk.

    \b
    Example:
      locpipe review --lang ja
      locpipe review --port 9000 --no-browser
    """
    store = jobs.ProjectReview(app.settings(), languages)
    sock = review.bind_server(host, port)
    bound_port = sock.getsockname()[1]
    shown_host = f"[{host}]" if ":" in host else host
    address = f"http://{shown_host}:{bound_port}/"
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(
            f"locpipe: warning: serving on {host}: anyone who can reach this machine "
            "can read the catalogs; the session token guards saves",
            err=True,
        )
    app.console.print(f"Review page: {address}  (Ctrl+C to stop)", soft_wrap=True)
    if not no_browser:
        # The socket already listens, so the browser's first request waits for the server.
        threading.Thread(target=webbrowser.open, args=(address,), daemon=True).start()
    review.serve_review(store, sock, secrets.token_urlsafe(32))
