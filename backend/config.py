"""The one settings object: every knob the product reads, from `EMODAL_AGENT_*` variables."""

from __future__ import annotations

import os
import socket
from functools import cached_property
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET_KEY = "dev-secret-key-change-me"
DEV_ENCRYPTION_KEY = "dev-encryption-key-change-me"

REAL_PORTAL = {
    "login": "https://ecp2.emodal.com/login",
    "containers": "https://ecp2.emodal.com/containers",
    "addvisit": "https://termops.emodal.com/trucker/web/addvisit",
    "keepalive": "https://termops.emodal.com/trucker/web/",
    "myappointments": "https://truckerportal.emodal.com/myappointments",
}
REAL_CAPTCHA_BASE_URL = "https://2captcha.com"


class PortalUrls(BaseModel):
    """Addresses of the E-Modal sites the connector visits."""

    login: str
    containers: str
    addvisit: str
    keepalive: str
    myappointments: str


class Settings(BaseSettings):
    """Runtime configuration; development defaults need no configuration at all."""

    model_config = SettingsConfigDict(env_prefix="EMODAL_AGENT_", extra="ignore")

    env: Literal["development", "production"] = "development"
    data_dir: Path = Path("data")
    database_url: str = ""
    redis_url: str = ""
    redis_key_prefix: str = "emodal-agent"
    redis_retry_seconds: float = Field(default=5.0, ge=0)
    auto_migrate: bool = True
    # Several API replicas behind one address: runs (one per thread, cancel, event streams) are shared through
    # Redis, so this needs redis_url. Off: everything stays in this process, as for one server.
    cluster: bool = False
    # This replica's name in the shared registry (logs and claims); unique per process by default.
    replica_id: str = Field(default_factory=lambda: f"{socket.gethostname()}-{os.getpid()}", min_length=1)
    # A replica renews its runs' claims while they live; one that dies frees its threads after this long.
    run_lease_seconds: int = Field(default=15, ge=2)

    secret_key: str = DEV_SECRET_KEY
    encryption_key: str = DEV_ENCRYPTION_KEY
    jwt_algorithm: Literal["HS256", "HS384", "HS512"] = "HS256"
    access_token_minutes: int = Field(default=15, ge=1)
    refresh_token_days: int = Field(default=14, ge=1)
    auth_session_idle_minutes: int = Field(default=7 * 24 * 60, ge=1)

    browser_pool_size: int = Field(default=10, ge=1)
    # Fair use of the pool: how many portal sessions one user may hold, how long a user's recently used
    # browser is protected from eviction for someone else, and how long a caller waits for room when full.
    browser_pool_per_user: int = Field(default=3, ge=1)
    browser_pool_protect_seconds: int = Field(default=300, ge=0)
    browser_pool_wait_seconds: float = Field(default=10.0, ge=0)
    browser_keepalive_idle_seconds: int = Field(default=300, ge=1)
    chromium_binary: str = "/usr/bin/chromium"
    chromedriver_path: str = "/usr/bin/chromedriver"
    webdriver_remote_url: str = ""
    page_timeout_seconds: float = Field(default=60.0, gt=0)

    portal_base_url: str = ""
    # "HOST:PORT" the real *.emodal.com names resolve to in the browser (a sandbox on HTTPS); empty in production.
    portal_host_map: str = ""
    captcha_base_url: str = ""
    captcha_poll_seconds: float = Field(default=5.0, ge=0)
    captcha_timeout_seconds: float = Field(default=120.0, gt=0)

    # Registration: open in development; closed in production unless this opens it (None: by env).
    registration_open: bool | None = None
    invitation_days: int = Field(default=7, ge=1)
    # Failed logins allowed per username and per client address within the window before a 429.
    login_failures_per_username: int = Field(default=5, ge=1)
    login_failures_per_address: int = Field(default=20, ge=1)
    login_throttle_window_seconds: int = Field(default=900, ge=1)
    # Largest request body read, in bytes (413 above it).
    max_body_bytes: int = Field(default=1_048_576, ge=1024)
    # /docs, /redoc and /openapi.json: on in development; off in production unless this turns them on.
    api_docs_enabled: bool | None = None

    llm_api_key: str = ""
    llm_base_url: str = ""
    llm_model: str = "gpt-4o-mini"
    # The terminals' time zone (IANA): "today", "tomorrow", "this afternoon" and slot windows are read in it.
    terminal_timezone: str = "America/Los_Angeles"
    # Longest answer (tokens) the model may write: without a bound, a small model's tool argument may never end.
    llm_max_tokens: int = Field(default=1024, ge=16)
    # Stream with tools bound: "auto" streams until the server refuses it once, then asks without streaming.
    llm_stream_tools: Literal["auto", "on", "off"] = "auto"

    @field_validator("terminal_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"EMODAL_AGENT_TERMINAL_TIMEZONE must be an IANA zone such as America/Los_Angeles, "
                             f"not {value!r}") from exc
        return value

    @model_validator(mode="after")
    def _cluster_needs_redis(self) -> Settings:
        if self.cluster and not self.redis_url:
            raise ValueError("EMODAL_AGENT_CLUSTER=true needs EMODAL_AGENT_REDIS_URL: the replicas share their "
                             "runs through Redis (set it, or turn cluster mode off for a single server)")
        return self

    @model_validator(mode="after")
    def _refuse_dev_secrets_in_production(self) -> Settings:
        if self.env != "production":
            return self
        defaults = [
            name
            for name, value, default in (
                ("EMODAL_AGENT_SECRET_KEY", self.secret_key, DEV_SECRET_KEY),
                ("EMODAL_AGENT_ENCRYPTION_KEY", self.encryption_key, DEV_ENCRYPTION_KEY),
            )
            if value == default or len(value) < 16
        ]
        if defaults:
            raise ValueError(
                "production mode refuses development secrets: set "
                + " and ".join(defaults)
                + " to a random value of at least 16 characters"
            )
        return self

    @cached_property
    def sqlalchemy_url(self) -> str:
        """Database URL, defaulting to a SQLite file under the data folder."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'emodal-agent.db').resolve()}"

    @property
    def files_dir(self) -> Path:
        """Where exports and screenshots are stored."""
        return self.data_dir / "files"

    @cached_property
    def portal_urls(self) -> PortalUrls:
        """Every portal address, all pointed at `portal_base_url` when it is set."""
        if not self.portal_base_url:
            return PortalUrls(**REAL_PORTAL)
        base = self.portal_base_url.rstrip("/")
        paths = {
            "login": "/login",
            "containers": "/containers",
            "addvisit": "/trucker/web/addvisit",
            "keepalive": "/trucker/web/",
            "myappointments": "/myappointments",
        }
        return PortalUrls(**{name: base + path for name, path in paths.items()})

    @property
    def captcha_url(self) -> str:
        """Base address of the 2captcha-protocol solving service."""
        return (self.captcha_base_url or REAL_CAPTCHA_BASE_URL).rstrip("/")

    @property
    def registration_is_open(self) -> bool:
        """Whether anyone may register without an invitation."""
        return self.env == "development" if self.registration_open is None else self.registration_open

    @property
    def api_docs_are_enabled(self) -> bool:
        """Whether the interactive API docs and the schema are served."""
        return self.env == "development" if self.api_docs_enabled is None else self.api_docs_enabled

    @property
    def llm_configured(self) -> bool:
        """Whether an OpenAI-compatible endpoint is configured."""
        return bool(self.llm_base_url or self.llm_api_key)
