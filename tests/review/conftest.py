"""Review fixtures: a project with PO files to review, the real server, a real Chromium."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def running_server(project: Path) -> Iterator[str]:
    """``locpipe review --no-browser`` on a free 127.0.0.1 port; yields the page address."""
    port = free_port()
    command = [sys.executable, "-m", "pipeline", "--config", str(project / "locpipe.yaml")]
    command += ["review", "--no-browser", "--port", str(port)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        wait_for(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.communicate(timeout=30)


@pytest.fixture
def review_server(review_project: Path) -> Iterator[str]:
    """The review server on the review project."""
    with running_server(review_project) as address:
        yield address


def wait_for(port: int, process: subprocess.Popen[str]) -> None:
    """Until the server accepts connections (or fails to start).

    Generous (two minutes): starting Python with Starlette and uvicorn on a loaded, shared CI
    machine can take far longer than on a quiet one; this is a bound, not a speed test.
    """
    for _ in range(2400):
        if process.poll() is not None:
            raise AssertionError(f"review server exited: {process.communicate()[1]}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError("review server did not start")


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """The Debian Chromium, driven by Playwright (never its own browser download)."""
    assert CHROMIUM.exists(), "Debian chromium is required (.ci/run installs it)"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium: object) -> Iterator[object]:
    """A fresh browser page (own cookies and storage) for one test."""
    context = chromium.new_context(viewport={"width": 1200, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    yield page
    context.close()
