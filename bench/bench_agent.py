"""Agent benchmarks: ask latency on a warm portal session (our overhead vs portal time); 20 users at once; what a
long thread's turns add to the checkpoints."""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for entry in (str(ROOT), str(ROOT / "src")):
    if entry not in sys.path:
        sys.path.insert(0, entry)

from EModal import Credentials, PortalOperations, PortalSessionPool  # noqa: E402
from EModal.config import ConnectorConfig, PortalUrls  # noqa: E402
from Graph import AgentContext, AgentRunner, open_checkpointer  # noqa: E402
from LLM import OfflineChatModel  # noqa: E402
from portal_service.access import AccountPortalAccess  # noqa: E402
from tests.backend.checkpoint_growth import CHECKPOINTS, converse, small_talk_api  # noqa: E402
from tests.Graph.support import DirectoryFileStore, ListAuditTrail  # noqa: E402
from Tools import TOOLS  # noqa: E402

SOLVER_KEY = "sandbox-solver-key"
ASKS = 20
USERS = 20
POOL = 10
CONTAINERS = 30
NUMBER = re.compile(r"\b[A-Z]{4}\d{7}\b")
EARLY_TURN, LATE_TURN = 20, 200
PARTS = ("latency", "concurrent", "growth")


class TimedPortal:
    """A PortalAccess that adds up the time its portal sessions are held (the portal's share of an ask)."""

    def __init__(self, inner: AccountPortalAccess) -> None:
        self.inner = inner
        self.account_label = inner.account_label
        self.trucking_company = inner.trucking_company
        self.seconds = 0.0
        self._lock = threading.Lock()

    @contextmanager
    def hold(self) -> Iterator[PortalOperations]:
        started = time.perf_counter()
        try:
            with self.inner.hold() as ops:
                yield ops
        finally:
            with self._lock:
                self.seconds += time.perf_counter() - started


def _config(base_url: str, files: Path, pool_size: int, timeout: float = 180) -> ConnectorConfig:
    return ConnectorConfig(portal=PortalUrls.for_base(base_url), captcha_base_url=base_url, captcha_poll_seconds=0.05,
                           page_timeout_seconds=timeout, pool_size=pool_size, keepalive_check_seconds=3600,
                           files_dir=files)


def _context(portal: Any, files: Path, thread_id: str, user_id: int) -> AgentContext:
    return AgentContext(user_id=user_id, auth_session_id=f"bench-{user_id}", thread_id=thread_id, portal=portal,
                        files=DirectoryFileStore(files), audit=ListAuditTrail(), today=date.today())


def _sandbox(accounts: tuple[Any, ...]) -> Any:
    """A sandbox serving these accounts (the config has no account list: the state is rebuilt before start)."""
    from sandbox.app import create_sandbox_app
    from sandbox.config import SandboxConfig
    from sandbox.server import SandboxServer
    from sandbox.state import SandboxState

    server = SandboxServer(SandboxConfig(containers_per_account=CONTAINERS, captcha_delay_seconds=0))
    server.state = SandboxState(server.config, accounts)
    server.app = create_sandbox_app(server.config, server.state)
    return server


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _latency(runner: AgentRunner, base_url: str, work: Path) -> dict[str, float]:
    from sandbox.accounts import DISPATCH1

    credentials = Credentials(DISPATCH1.username, DISPATCH1.password, SOLVER_KEY)
    totals: list[float] = []
    portal_times: list[float] = []
    with PortalSessionPool(_config(base_url, work / "portal", 1), keepalive=False) as pool:
        inner = AccountPortalAccess(pool, account_key="bench-latency", credentials=credentials,
                                 account_label="dispatch1")
        warm = TimedPortal(inner)
        runner.ask(message="am I logged in?", context=_context(warm, work, "warm", 1))
        for index in range(ASKS):
            portal = TimedPortal(inner)
            thread = f"latency-{index}"
            started = time.perf_counter()
            turn = runner.ask(message="status of MSCU5165756",
                              context=_context(portal, work, thread, 1))
            totals.append(time.perf_counter() - started)
            portal_times.append(portal.seconds)
            if "MSCU5165756" not in turn.answer:
                raise RuntimeError(f"unexpected answer: {turn.answer[:200]}")
    overheads = [t - p for t, p in zip(totals, portal_times, strict=True)]
    return {
        "agent_ask_p50_ms": round(statistics.median(totals) * 1000, 1),
        "agent_ask_p95_ms": round(_percentile(totals, 0.95) * 1000, 1),
        "agent_overhead_p50_ms": round(statistics.median(overheads) * 1000, 1),
        "agent_overhead_p95_ms": round(_percentile(overheads, 0.95) * 1000, 1),
        "agent_portal_p50_ms": round(statistics.median(portal_times) * 1000, 1),
        "agent_portal_p95_ms": round(_percentile(portal_times, 0.95) * 1000, 1),
    }


def _concurrent(runner: AgentRunner, server: Any, accounts: tuple[Any, ...], work: Path) -> dict[str, float]:
    owned = {a.username: {c.number for c in server.state.data[a.username].containers} for a in accounts}
    everyone = set().union(*owned.values())

    def one(index: int) -> tuple[bool, bool]:
        account = accounts[index]
        access = AccountPortalAccess(pool, account_key=f"bench-{account.username}", account_label=account.username,
                                  credentials=Credentials(account.username, account.password, SOLVER_KEY))
        thread = f"user-{index}"
        turn = runner.ask(message="how many containers do I have?",
                          context=_context(access, work, thread, 100 + index))
        shown = set(NUMBER.findall(turn.answer)) & everyone
        answered = f"of {CONTAINERS} containers match" in turn.answer and bool(shown)
        if not answered:
            print(f"   {account.username} not answered: {turn.answer[:300]!r}", file=sys.stderr, flush=True)
        return answered, not shown <= owned[account.username]

    # The pool's wait for a free browser is bounded by the page timeout, and that wait includes other users'
    # logins: ten Chromium logins at once on two cores take minutes, so the second ten need a long bound.
    with PortalSessionPool(_config(server.url, work / "portal", POOL, timeout=900), keepalive=False) as pool:
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=USERS) as executor:
            outcomes = list(executor.map(one, range(USERS)))
        wall = time.perf_counter() - started
    return {
        "agent_concurrent_20_answered": float(sum(ok for ok, _ in outcomes)),
        "agent_concurrent_20_wrong": float(sum(wrong for _, wrong in outcomes)),
        "agent_concurrent_20_wall_s": round(wall, 1),
    }


def _accounts() -> tuple[Any, ...]:
    from sandbox.accounts import DISPATCH1, SandboxAccount

    extra = tuple(SandboxAccount(username=f"bench{i:02d}", password=f"Bench-Pass-{i:02d}",
                                 company=f"BENCH TRUCKING {i:02d} LLC", scac=f"BT{i:02d}", plates=(f"{i}BNC{i:03d}",))
                  for i in range(2, USERS + 1))
    return (DISPATCH1, *extra)


def _growth() -> dict[str, float]:
    """Checkpoint bytes a 200-turn small-talk thread adds at turn 20 and at turn 200, through /ask on SQLite."""
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        with small_talk_api(data_dir) as http:
            growth = converse(http, LATE_TURN, data_dir / CHECKPOINTS)
        file_bytes = (data_dir / CHECKPOINTS).stat().st_size
    return {
        "agent_checkpoint_bytes_turn_20": round(growth.by_turn(EARLY_TURN)),
        "agent_checkpoint_bytes_turn_200": round(growth.by_turn(LATE_TURN)),
        "agent_checkpoint_growth_200_vs_20": round(growth.ratio(LATE_TURN, EARLY_TURN), 2),
        "agent_checkpoint_file_mb_200_turns": round(file_bytes / 1e6, 1),
    }


def run(parts: tuple[str, ...] = PARTS) -> dict[str, float]:
    """All figures of the agent benchmark."""
    figures = _growth() if "growth" in parts else {}
    if not {"latency", "concurrent"} & set(parts):
        return figures
    accounts = _accounts()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        server = _sandbox(accounts)
        server.start()
        try:
            with open_checkpointer("sqlite:///bench", work) as checkpointer:
                runner = AgentRunner(model=OfflineChatModel().bind_tools(TOOLS), checkpointer=checkpointer)
                if "latency" in parts:
                    figures.update(_latency(runner, server.url, work))
                if "concurrent" in parts:
                    figures.update(_concurrent(runner, server, accounts, work))
        finally:
            server.stop()
    return figures


if __name__ == "__main__":
    for name, value in run(tuple(sys.argv[1:]) or PARTS).items():
        print(f"{name} = {value}")
