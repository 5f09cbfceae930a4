"""The API in cluster mode: the pool refuses to start without a Grid, records where browsers live, and answers
503 with a clear message while Redis is down."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from backend.app import create_app
from backend.config import Settings
from backend.models import PortalSessionRow
from backend.services import build_services
from cluster.pool import ClusterPortalSessionPool
from EModal import PortalSessionPool
from tests.support.sandbox import SOLVER_KEY, login_counts, start_sandbox
from tests.support.services import ApiServer, RedisServer, sqlite_url
from tests.support.webdriver_server import chromedriver_server

pytestmark = [pytest.mark.browser, pytest.mark.redis]


def test_cluster_mode_needs_a_grid(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, cluster=True, redis_url="redis://127.0.0.1:1/0")
    with pytest.raises(ValueError, match="EMODAL_AGENT_WEBDRIVER_REMOTE_URL"):
        build_services(settings)


def test_the_pool_follows_the_mode(tmp_path: Path) -> None:
    single = build_services(Settings(data_dir=tmp_path))
    clustered = build_services(Settings(data_dir=tmp_path, cluster=True, redis_url="redis://127.0.0.1:1/0",
                                        webdriver_remote_url="http://127.0.0.1:1"))
    try:
        assert isinstance(single.portal_pool, PortalSessionPool)
        assert isinstance(clustered.portal_pool, ClusterPortalSessionPool)
    finally:
        single.close()
        clustered.close()


@dataclass
class ClusterApi:
    server: ApiServer
    client: httpx.Client
    redis: RedisServer
    sandbox_url: str
    grid_url: str


@pytest.fixture(scope="module")
def cluster_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ClusterApi]:
    tmp: Path = tmp_path_factory.mktemp("cluster-api")
    sandbox, sandbox_url = start_sandbox(https=False)
    redis_server = RedisServer().start()
    try:
        with chromedriver_server() as grid_url:
            settings = Settings(data_dir=tmp, database_url=sqlite_url(tmp), redis_url=redis_server.url,
                                redis_retry_seconds=2, cluster=True, replica_id="api-1",
                                webdriver_remote_url=grid_url, portal_base_url=sandbox_url,
                                captcha_base_url=sandbox_url, captcha_poll_seconds=0.05, page_timeout_seconds=30)
            with ApiServer(create_app(settings)) as server, httpx.Client(base_url=server.url, timeout=180) as client:
                client.post("/auth/register", json={"username": "cluster-user", "password": "cluster-pass-1"})
                token = client.post("/auth/login", data={"username": "cluster-user", "password": "cluster-pass-1"})
                client.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
                yield ClusterApi(server, client, redis_server, sandbox_url, grid_url)
    finally:
        redis_server.close()
        sandbox.stop()


INLINE = {"username": "dispatch2", "password": "Sandbox-Pass-2", "captcha_api_key": SOLVER_KEY}


def test_the_portal_session_row_says_where_its_browser_lives(cluster_api: ClusterApi) -> None:
    first = cluster_api.client.post("/emodal/get_session", json=INLINE)
    assert first.status_code == 200, first.text
    portal_session_id = first.json()["portal_session_id"]
    again = cluster_api.client.post("/emodal/get_session", json=INLINE)
    assert again.json()["is_new_session"] is False
    assert login_counts(cluster_api.sandbox_url)["dispatch2"] == 1
    with cluster_api.server.services.session_factory() as db:
        row = db.scalar(select(PortalSessionRow).where(PortalSessionRow.portal_session_id == portal_session_id))
    pool: Any = cluster_api.server.services.portal_pool
    entry = pool.registry.get(pool.stats().sessions[0].account_key)
    assert row is not None and row.grid_url == cluster_api.grid_url
    assert row.webdriver_session_id == entry.webdriver_session_id
    assert cluster_api.client.get("/health").json()["browser_pool"] == "1/10"


def test_redis_down_answers_503_with_a_clear_message(cluster_api: ClusterApi) -> None:
    pool: Any = cluster_api.server.services.portal_pool
    for info in pool.stats().sessions:  # this Redis keeps nothing across a restart: no browser left unregistered
        pool.close_account(info.account_key)
    cluster_api.redis.stop()
    try:
        response = cluster_api.client.post("/emodal/get_session", json=INLINE)
        assert response.status_code == 503
        assert "Redis" in response.json()["error"]["message"]
        assert response.headers["Retry-After"] == "2"
        health = cluster_api.client.get("/health")
        assert health.status_code == 200 and health.json()["browser_pool"] == "unavailable"
    finally:
        cluster_api.redis.start()
