"""The long-lived objects the app builds once in lifespan and hands to requests."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from backend.auth_sessions.store import AuthSessionStore
from backend.config import Settings
from backend.database import build_engine, build_session_factory
from backend.portal.pool_owners import pool_owner_resolver
from backend.portal.recorder import DatabasePortalSessionRecorder
from backend.redis_client import RedisClient
from backend.security.secrets_box import SecretsBox
from backend.security.throttle import LoginThrottle, ThrottleLimits
from backend.security.tokens import TokenService
from cluster.connection import pool_redis
from cluster.pool import ClusterPortalSessionPool
from cluster.runs import RedisAgentRuns
from EModal import ConnectorConfig, PortalPool, PortalSessionPool
from Graph import AgentRunner, AgentRuns, InProcessAgentRuns


@dataclass
class AppServices:
    """Everything a request may need besides its own database session."""

    settings: Settings
    engine: Engine
    session_factory: sessionmaker[Session]
    redis_client: RedisClient | None
    auth_session_store: AuthSessionStore
    tokens: TokenService
    secrets_box: SecretsBox
    login_throttle: LoginThrottle
    # The E-Modal browser pool (None only for tools that never touch the portal, like the CLI).
    portal_pool: PortalPool | None = None
    # The one owner of the agent runs going on (this process's, or the cluster's through Redis).
    agent_runs: AgentRuns = field(default_factory=InProcessAgentRuns)
    # The agent (None until lifespan opened its checkpointer).
    agent_runner: AgentRunner | None = None

    def close(self) -> None:
        """Release connections."""
        self.agent_runs.close()
        if self.portal_pool is not None:
            self.portal_pool.shutdown()
        if self.redis_client is not None:
            self.redis_client.close()
        self.engine.dispose()


def build_portal_pool(settings: Settings, session_factory: sessionmaker[Session]) -> PortalPool:
    """This process's browser pool; in a cluster, one pool shared by every replica (state in Redis, browsers on
    the Grid)."""
    config = ConnectorConfig.from_settings(settings, files_dir=settings.files_dir)
    recorder = DatabasePortalSessionRecorder(session_factory)
    owner_of = pool_owner_resolver(session_factory)
    if not settings.cluster:
        return PortalSessionPool(config, recorder=recorder, owner_of=owner_of)
    if not settings.webdriver_remote_url:
        raise ValueError("EMODAL_AGENT_CLUSTER=true needs EMODAL_AGENT_WEBDRIVER_REMOTE_URL (the Selenium Grid hub): "
                         "every replica must reach the same browsers, which local Chromium processes are not")
    # The key of the credentials' fingerprints in Redis: derived from the encryption key, never stored.
    fingerprint_key = hashlib.sha256(b"portal-pool-fingerprint\x00" + settings.encryption_key.encode()).digest()
    return ClusterPortalSessionPool(
        config, redis_client=pool_redis(settings.redis_url), key_prefix=settings.redis_key_prefix,
        fingerprint_key=fingerprint_key, replica_id=settings.replica_id, recorder=recorder, owner_of=owner_of,
        redis_retry_seconds=max(1, math.ceil(settings.redis_retry_seconds)))


def build_services(settings: Settings, *, with_portal_pool: bool = True) -> AppServices:
    """Wire the services from settings (no network calls: Redis may be down at start)."""
    engine = build_engine(settings.sqlalchemy_url)
    session_factory = build_session_factory(engine)
    redis_client = (
        RedisClient(settings.redis_url, prefix=settings.redis_key_prefix) if settings.redis_url else None
    )
    return AppServices(
        settings=settings,
        engine=engine,
        session_factory=session_factory,
        redis_client=redis_client,
        auth_session_store=AuthSessionStore(
            redis_client=redis_client,
            session_factory=session_factory,
            idle_ttl=timedelta(minutes=settings.auth_session_idle_minutes),
            retry_seconds=settings.redis_retry_seconds,
        ),
        tokens=TokenService(
            secret_key=settings.secret_key,
            algorithm=settings.jwt_algorithm,
            access_ttl=timedelta(minutes=settings.access_token_minutes),
            refresh_ttl=timedelta(days=settings.refresh_token_days),
        ),
        secrets_box=SecretsBox(settings.encryption_key),
        agent_runs=build_agent_runs(settings),
        login_throttle=LoginThrottle(
            redis_client=redis_client,
            session_factory=session_factory,
            limits=ThrottleLimits(per_username=settings.login_failures_per_username,
                                  per_address=settings.login_failures_per_address,
                                  window_seconds=settings.login_throttle_window_seconds),
            retry_seconds=settings.redis_retry_seconds,
        ),
        portal_pool=build_portal_pool(settings, session_factory) if with_portal_pool else None,
    )


def build_agent_runs(settings: Settings) -> AgentRuns:
    """In a cluster the runs are shared by every replica through Redis; else they stay in this process."""
    if not settings.cluster:
        return InProcessAgentRuns()
    return RedisAgentRuns(settings.redis_url, prefix=settings.redis_key_prefix, replica_id=settings.replica_id,
                          lease_seconds=settings.run_lease_seconds)
