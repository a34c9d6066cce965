"""Calls that go up the layers: a lower package names the moment, a higher one
registers what to do then.

The app factory imports every package that registers (``create_app``), so in a
process built by it each hook has its listeners. A hook nobody registered for
raises instead of doing nothing: a forgotten listener (sessions left open after a
password change, reminders never scheduled) must not pass quietly.
"""

from __future__ import annotations

from collections.abc import Callable


class Hook:
    """A named call with the listeners of the packages above."""

    def __init__(self, name: str):
        self.name = name
        self._listeners: list[Callable] = []

    def register(self, listener: Callable) -> Callable:
        """Add ``listener`` (once; usable as a decorator)."""
        if listener not in self._listeners:
            self._listeners.append(listener)
        return listener

    def __call__(self, *args, **kwargs) -> list:
        """Call every listener in registration order; their results, in order."""
        if not self._listeners:
            raise RuntimeError(
                f"nothing is registered for the {self.name!r} hook: "
                "was the process built by create_app()?"
            )
        return [listener(*args, **kwargs) for listener in self._listeners]

    def __repr__(self) -> str:
        return f"Hook({self.name!r}, {len(self._listeners)} listener(s))"
