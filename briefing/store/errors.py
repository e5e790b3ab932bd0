"""Database failures in words a user can act on, for the CLI's one-line errors and the app's
notifications alike."""

from __future__ import annotations

_HINTS = {"database or disk is full": "free some space and run the command again",
          "attempt to write a readonly database": "the file or its folder is read-only",
          "unable to open database file": "check the folder exists and is writable"}


def explain(exc: BaseException) -> str:
    """The first line of SQLite's message, and what to do about it when that is known."""
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    hint = next((h for key, h in _HINTS.items() if key in message), None)
    return message + (f" ({hint})" if hint else "")
