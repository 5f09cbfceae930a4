"""A live API with chosen settings, and helpers to act as users and as an administrator."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from backend.app import create_app
from backend.auth.service import create_user
from backend.config import Settings
from backend.services import AppServices
from tests.support.services import ApiServer, RedisServer, fresh_postgres_database, sqlite_url

PASSWORD = "correct horse battery"


@dataclass
class LoggedIn:
    """A logged-in user: their id, tokens, and a client carrying the access token."""

    user_id: int
    username: str
    tokens: dict[str, Any]
    client: httpx.Client


@dataclass
class LiveApi:
    """The running API with its settings and services."""

    server: ApiServer
    settings: Settings
    redis: RedisServer | None
    clients: list[httpx.Client] = field(default_factory=list)

    @property
    def services(self) -> AppServices:
        services: AppServices = self.server.services
        return services

    def client(self, token: str | None = None, *, local_address: str | None = None) -> httpx.Client:
        """A client; `local_address` (a 127.x.y.z) makes it another client address."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        transport = httpx.HTTPTransport(local_address=local_address) if local_address else None
        client = httpx.Client(base_url=self.server.url, headers=headers, timeout=30, transport=transport)
        self.clients.append(client)
        return client

    def add_user(self, role: str = "user", username: str | None = None) -> str:
        """Create a user directly in the database (works whatever the registration policy)."""
        username = username or f"{role}-{uuid.uuid4().hex[:10]}"
        with self.services.session_factory.begin() as db:
            create_user(db=db, username=username, password=PASSWORD, role=role)
        return username

    def login(self, username: str, password: str = PASSWORD) -> LoggedIn:
        response = self.client().post("/auth/login", data={"username": username, "password": password})
        assert response.status_code == 200, response.text
        tokens = dict(response.json())
        client = self.client(tokens["access_token"])
        user_id = int(client.get("/auth/me").json()["id"])
        return LoggedIn(user_id=user_id, username=username, tokens=tokens, client=client)

    def new_user(self, role: str = "user") -> LoggedIn:
        return self.login(self.add_user(role))


@contextmanager
def live_api(tmp: Path, *, database: str = "sqlite", with_redis: bool = True, **overrides: Any) -> Iterator[LiveApi]:
    """Serve the app on SQLite or PostgreSQL, with or without a real Redis, with settings `overrides`."""
    redis_server = RedisServer().start() if with_redis else None
    try:
        if database == "postgres":
            with fresh_postgres_database() as url:
                yield from _serve(tmp, url, redis_server, overrides)
        else:
            yield from _serve(tmp, sqlite_url(tmp), redis_server, overrides)
    finally:
        if redis_server is not None:
            redis_server.close()


def _serve(tmp: Path, url: str, redis_server: RedisServer | None, overrides: dict[str, Any]) -> Iterator[LiveApi]:
    settings = Settings(data_dir=tmp, database_url=url, redis_url=redis_server.url if redis_server else "",
                        redis_retry_seconds=0.2, **overrides)
    with ApiServer(create_app(settings)) as server:
        api = LiveApi(server=server, settings=settings, redis=redis_server)
        yield api
        for client in api.clients:
            client.close()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def dev_api(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApi]:
    """The API in development mode with Redis, on SQLite and on PostgreSQL."""
    with live_api(tmp_path_factory.mktemp(f"security-{request.param}"), database=request.param) as api:
        yield api
