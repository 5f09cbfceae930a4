"""A live API server per database flavour, and helpers to act as a user through HTTP."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from backend.app import create_app
from backend.config import Settings
from tests.support.services import ApiServer, RedisServer, fresh_postgres_database, sqlite_url

FLAVOURS = ["sqlite+redis", "postgres+redis", "sqlite-only"]


@dataclass
class LoggedInUser:
    """A registered user with a live auth session and an HTTP client carrying its token."""

    username: str
    password: str
    tokens: dict[str, Any]
    client: httpx.Client
    user_id: int = 0

    @property
    def auth_session_id(self) -> str:
        return str(self.tokens["auth_session_id"])


@dataclass
class Api:
    """The running API and ways to talk to it."""

    server: ApiServer
    settings: Settings
    flavour: str
    redis: RedisServer | None
    clients: list[httpx.Client] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.server.url

    def client(self, token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        client = httpx.Client(base_url=self.url, headers=headers, timeout=30)
        self.clients.append(client)
        return client

    def register(self, username: str | None = None, password: str = "correct horse battery") -> tuple[str, str]:  # noqa: S107
        username = username or f"user-{uuid.uuid4().hex[:10]}"
        response = self.client().post("/auth/register", json={"username": username, "password": password})
        assert response.status_code == 201, response.text
        return username, password

    def login(self, username: str, password: str) -> dict[str, Any]:
        response = self.client().post("/auth/login", data={"username": username, "password": password})
        assert response.status_code == 200, response.text
        return dict(response.json())

    def new_user(self) -> LoggedInUser:
        username, password = self.register()
        tokens = self.login(username, password)
        client = self.client(tokens["access_token"])
        me = client.get("/auth/me").json()
        return LoggedInUser(username, password, tokens, client, user_id=int(me["id"]))


def build_settings(tmp: Path, database_url: str, redis_url: str = "", **overrides: Any) -> Settings:
    return Settings(data_dir=tmp, database_url=database_url, redis_url=redis_url, redis_retry_seconds=0.2,
                    **overrides)


@pytest.fixture(scope="module", params=FLAVOURS)
def api(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    """The API on SQLite with Redis, on PostgreSQL with Redis, and on SQLite alone."""
    flavour: str = request.param
    tmp = tmp_path_factory.mktemp(flavour.replace("+", "-"))
    redis_server = RedisServer().start() if "redis" in flavour else None
    try:
        if flavour.startswith("postgres"):
            with fresh_postgres_database() as url:
                yield from _serve(tmp, url, redis_server, flavour)
        else:
            yield from _serve(tmp, sqlite_url(tmp), redis_server, flavour)
    finally:
        if redis_server is not None:
            redis_server.close()


def _serve(tmp: Path, database_url: str, redis_server: RedisServer | None, flavour: str) -> Iterator[Api]:
    settings = build_settings(tmp, database_url, redis_server.url if redis_server else "")
    with ApiServer(create_app(settings)) as server:
        api = Api(server=server, settings=settings, flavour=flavour, redis=redis_server)
        yield api
        for client in api.clients:
            client.close()


@pytest.fixture
def user(api: Api) -> LoggedInUser:
    """A fresh logged-in user."""
    return api.new_user()
