"""Durations a scale run measures, by name."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager


class Figures:
    """Named durations in seconds; a name measured twice keeps the larger figure."""

    def __init__(self) -> None:
        self.values: dict[str, float] = {}

    def record(self, name: str, seconds: float) -> None:
        self.values[name] = max(seconds, self.values.get(name, 0.0))

    @contextmanager
    def timed(self, name: str) -> Iterator[None]:
        """Record how long the block took."""
        started = time.monotonic()
        try:
            yield
        finally:
            self.record(name, time.monotonic() - started)
