"""The ``locpipe`` command line: click commands that parse, call one job, print and exit."""

from pipeline.cli.app import cli, main

__all__ = ["cli", "main"]
