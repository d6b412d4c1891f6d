"""``locpipe review`` on the command line: where it listens, and how it fails."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import invoke
from tests.review.conftest import free_port, wait_for


def test_a_taken_port_is_one_error_line(
    review_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        config = str(review_project / "locpipe.yaml")
        code, _, err = invoke(
            ["--config", config, "review", "--no-browser", "--port", str(port)], capsys
        )
    assert code == 2
    assert err.startswith(f"locpipe: error: cannot listen on 127.0.0.1:{port}:")
    assert len(err.splitlines()) == 1


def test_an_unconfigured_language_is_an_input_error(
    review_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = str(review_project / "locpipe.yaml")
    code, _, err = invoke(["--config", config, "review", "--lang", "fr", "--no-browser"], capsys)
    assert code == 2
    assert "language 'fr' is not configured" in err


def test_another_interface_only_when_asked_and_with_a_warning(review_project: Path) -> None:
    port = free_port()
    command = [sys.executable, "-m", "pipeline", "--config", str(review_project / "locpipe.yaml")]
    command += ["review", "--no-browser", "--host", "0.0.0.0", "--port", str(port)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        wait_for(port, process)
        assert process.stdout is not None
        # The address is printed just after the socket listens: wait for that line.
        first = process.stdout.readline()
    finally:
        process.terminate()
        out, err = process.communicate(timeout=30)
    assert "locpipe: warning: serving on 0.0.0.0" in err
    assert f"Review page: http://0.0.0.0:{port}/" in first + out
