"""Connector benchmarks: extraction speed by list size, warm-session reuse, memory per browser."""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for entry in (str(ROOT), str(ROOT / "src")):
    if entry not in sys.path:
        sys.path.insert(0, entry)

from EModal import Credentials, PortalSessionPool  # noqa: E402
from EModal.config import ConnectorConfig, PortalUrls  # noqa: E402

SIZES = (300, 1200, 4800)
TIMELINE_CONTAINER = "MSDU5772413"


def _config(base_url: str, files: Path, host_map: str = "") -> ConnectorConfig:
    return ConnectorConfig(
        portal=PortalUrls() if host_map else PortalUrls.for_base(base_url),
        portal_host_map=host_map,
        captcha_base_url=base_url,
        captcha_poll_seconds=0.05,
        page_timeout_seconds=120,
        pool_size=2,
        keepalive_check_seconds=3600,
        files_dir=files,
    )


def _credentials() -> Credentials:
    from sandbox.accounts import DISPATCH1

    return Credentials(DISPATCH1.username, DISPATCH1.password, "sandbox-solver-key")


def _extraction(size: int, files: Path) -> tuple[float, float]:
    """Seconds to read every container of a list of `size`, and the peak browser memory (MB)."""
    from sandbox.config import SandboxConfig
    from sandbox.server import SandboxServer

    with SandboxServer(SandboxConfig(containers_per_account=size, captcha_delay_seconds=0)) as server:
        base_url = server.start()
        with PortalSessionPool(_config(str(base_url), files), keepalive=False) as pool:
            with pool.hold("bench", _credentials()) as portal:
                started = time.perf_counter()
                rows = portal.get_containers()
                elapsed = time.perf_counter() - started
            if len(rows) != size:
                raise RuntimeError(f"read {len(rows)} containers, expected {size}")
            memory = max(s.rss_mb for s in pool.stats().sessions)
    return elapsed, memory


def _reuse(files: Path) -> tuple[float, float]:
    """Seconds for a timeline lookup on a warm portal session, and on one that must log in first."""
    from sandbox.config import SandboxConfig
    from sandbox.server import SandboxServer

    # As the demo runs: the real host names over HTTPS, the widget and the sign-on hop.
    with SandboxServer(SandboxConfig(captcha_delay_seconds=0), https=True) as server:
        base_url = server.start()
        with PortalSessionPool(_config(str(base_url), files, server.host_map), keepalive=False) as pool:
            started = time.perf_counter()
            with pool.hold("cold", _credentials()) as portal:
                portal.get_container_timeline(TIMELINE_CONTAINER)
            cold = time.perf_counter() - started
            started = time.perf_counter()
            with pool.hold("cold", _credentials()) as portal:
                if portal.is_new_session:
                    raise RuntimeError("the warm lookup started a new browser")
                portal.get_container_timeline(TIMELINE_CONTAINER)
            warm = time.perf_counter() - started
    return warm, cold


def run() -> dict[str, float]:
    """Run every connector benchmark once and return the figures by stable name."""
    figures: dict[str, float] = {}
    peak_memory = 0.0
    with tempfile.TemporaryDirectory(prefix="bench-connector-") as folder:
        files = Path(folder)
        per_container: dict[int, float] = {}
        for size in SIZES:
            elapsed, memory = _extraction(size, files)
            figures[f"extraction_containers_per_second_{size}"] = round(size / elapsed, 1)
            per_container[size] = elapsed / size
            peak_memory = max(peak_memory, memory)
        figures["extraction_cost_ratio_4800_vs_300"] = round(per_container[4800] / per_container[300], 3)
        warm, cold = _reuse(files)
    figures["timeline_warm_seconds"] = round(warm, 3)
    figures["timeline_cold_seconds"] = round(cold, 3)
    figures["timeline_reuse_speedup_cold_vs_warm"] = round(cold / warm, 2)
    figures["browser_peak_rss_mb"] = round(peak_memory, 1)
    return figures


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
