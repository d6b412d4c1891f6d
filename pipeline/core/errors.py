"""One exception tree; every message is ready to show a user as one line."""

from __future__ import annotations

from collections.abc import Iterable


class LocpipeError(Exception):
    """A problem the user can act on, optionally located in a file and line."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class InputError(LocpipeError):
    """Malformed or unusable input: a source text, PO file, YAML file or model file."""


class ConfigError(InputError):
    """A problem in locpipe.yaml."""


class OutputError(LocpipeError):
    """A file could not be written (a missing or read-only folder, a full disk)."""


class LockError(LocpipeError):
    """Another locpipe run holds the project lock."""


class ProblemsError(InputError):
    """Several input problems found in one pass (validation reports them all at once)."""

    def __init__(self, problems: list[LocpipeError]) -> None:
        first = problems[0]
        super().__init__(first.message, first.path, first.line)
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)


def did_you_mean(word: str, choices: Iterable[str], prefix: str = "") -> str:
    """``; did you mean 'x'?`` for the closest choice (``prefix`` + name), or "" if none is close."""
    import difflib  # only when an error is shown: not on every command's start-up

    close = difflib.get_close_matches(word, sorted(choices), n=1)
    return f"; did you mean '{prefix}{close[0]}'?" if close else ""
