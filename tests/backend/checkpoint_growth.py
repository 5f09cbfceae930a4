"""What each turn of a long small-talk thread adds to the checkpointer's SQLite tables, asked through /ask."""

from __future__ import annotations

import sqlite3
import statistics
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from backend.app import create_app
from backend.config import Settings
from tests.support.services import ApiServer, sqlite_url

# Repeated in this order, so every span of four turns says the same things.
SMALL_TALK = ("hello", "thanks!", "what can you do?", "ok, good to know")
SPAN = len(SMALL_TALK)
CHECKPOINTS = "checkpoints.db"


def checkpoint_bytes(checkpoints: Path, thread_id: str) -> int:
    """Bytes the thread's checkpoints and pending writes hold (blob sizes: the file grows by pages)."""
    with closing(sqlite3.connect(checkpoints)) as db:
        stored = db.execute("SELECT COALESCE(SUM(LENGTH(checkpoint) + LENGTH(metadata)), 0) FROM checkpoints "
                            "WHERE thread_id = ?", (thread_id,)).fetchone()[0]
        written = db.execute("SELECT COALESCE(SUM(LENGTH(value)), 0) FROM writes WHERE thread_id = ?",
                             (thread_id,)).fetchone()[0]
    return int(stored) + int(written)


@dataclass
class Growth:
    """The bytes each turn of one thread added to the checkpoint tables, first turn first."""

    thread_id: str
    added: list[int] = field(default_factory=list)

    def by_turn(self, turn: int) -> float:
        """Mean bytes added by the four turns ending at `turn` (one round of the small talk)."""
        return statistics.fmean(self.added[max(0, turn - SPAN):turn])

    def ratio(self, late: int, early: int) -> float:
        """How many times what turn `early` added turn `late` adds."""
        return self.by_turn(late) / self.by_turn(early)


@contextmanager
def small_talk_api(data_dir: Path, database_url: str | None = None,
                   username: str = "small-talk") -> Iterator[httpx.Client]:
    """The real app (offline model; SQLite unless told), and a client logged in as `username` (registered once)."""
    settings = Settings(data_dir=data_dir, database_url=database_url or sqlite_url(data_dir), redis_url="")
    with ApiServer(create_app(settings)) as server, httpx.Client(base_url=server.url, timeout=60) as anonymous:
        form = {"username": username, "password": "small-talk-password"}
        login = anonymous.post("/auth/login", data=form)
        if login.status_code != 200:
            anonymous.post("/auth/register", json=form).raise_for_status()
            login = anonymous.post("/auth/login", data=form)
        headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
        with httpx.Client(base_url=server.url, timeout=60, headers=headers) as http:
            yield http


def converse(http: httpx.Client, turns: int, checkpoints: Path | None = None) -> Growth:
    """Ask `turns` small-talk messages on a new thread, noting what each added to a SQLite `checkpoints` file."""
    growth = Growth(thread_id=http.post("/threads", json={"title": "small talk"}).json()["id"])
    for index in range(turns):
        before = checkpoint_bytes(checkpoints, growth.thread_id) if checkpoints and index else 0
        answer = http.post("/ask", json={"message": SMALL_TALK[index % SPAN], "thread_id": growth.thread_id})
        assert answer.status_code == 200, answer.text
        if checkpoints:
            growth.added.append(checkpoint_bytes(checkpoints, growth.thread_id) - before)
    return growth
