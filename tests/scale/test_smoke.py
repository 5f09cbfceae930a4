"""The cluster answers: a question through one replica runs its browser on a Grid node; the next through another."""

from __future__ import annotations

import pytest

from tests.scale.client import Dispatcher
from tests.scale.figures import Figures
from tests.scale.grid import SeleniumGrid, SessionWatch
from tests.scale.replicas import ApiReplica

pytestmark = [pytest.mark.scale, pytest.mark.timeout(900)]

PREGATED = "MSDU5772413"


def test_a_question_through_each_replica_runs_on_the_grid(grid: SeleniumGrid, healthy_replicas: list[ApiReplica],
                                                          figures: Figures) -> None:
    first, second = healthy_replicas
    dispatcher = Dispatcher.register(first)
    dispatcher.add_sandbox_account(first)
    try:
        with figures.timed("smoke_first_ask_seconds"), SessionWatch(grid) as watch:
            turn = dispatcher.answer(first, f"has {PREGATED} passed pregate?")
        assert turn["answer"].startswith(f"Yes: **{PREGATED}** passed Pregate"), turn["answer"]
        assert watch.seen, "no browser session appeared on the Grid while the portal was read"
        node_uris = {session.node_uri for session in watch.seen}
        assert node_uris <= {f"http://127.0.0.1:{node.env['GRID_NODE_PORT']}" for node in grid.nodes}

        with figures.timed("smoke_second_ask_seconds"):
            again = dispatcher.answer(second, f"and has {PREGATED} passed pregate now?")
        assert PREGATED in again["answer"], again["answer"]
        assert again["thread_id"] == turn["thread_id"], "the second replica did not continue the same conversation"
        # The screenshot the first replica took downloads through the second (the data folder is shared).
        assert turn["files"], "the pregate answer came without its screenshot"
        download = dispatcher.client(second).get(turn["files"][0]["url"])
        assert download.status_code == 200 and download.content, download.text
    finally:
        dispatcher.close()
