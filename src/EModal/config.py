"""The connector's own configuration, built from the project's settings by duck typing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REAL_PORTAL_URLS = {
    "login": "https://ecp2.emodal.com/login",
    "containers": "https://ecp2.emodal.com/containers",
    "addvisit": "https://termops.emodal.com/trucker/web/addvisit",
    "keepalive": "https://termops.emodal.com/trucker/web/",
    "myappointments": "https://truckerportal.emodal.com/myappointments",
}


@dataclass(frozen=True)
class PortalUrls:
    """Addresses of the E-Modal sites the connector visits."""

    login: str = REAL_PORTAL_URLS["login"]
    containers: str = REAL_PORTAL_URLS["containers"]
    addvisit: str = REAL_PORTAL_URLS["addvisit"]
    keepalive: str = REAL_PORTAL_URLS["keepalive"]
    myappointments: str = REAL_PORTAL_URLS["myappointments"]

    @classmethod
    def for_base(cls, base_url: str) -> PortalUrls:
        """Point every address at one base URL, with the portal's own paths (the sandbox layout)."""
        base = base_url.rstrip("/")
        return cls(
            login=base + "/login",
            containers=base + "/containers",
            addvisit=base + "/trucker/web/addvisit",
            keepalive=base + "/trucker/web/",
            myappointments=base + "/myappointments",
        )


@dataclass(frozen=True)
class ConnectorConfig:
    """Everything the connector reads: addresses, browser, pool and captcha knobs."""

    portal: PortalUrls = field(default_factory=PortalUrls)
    captcha_base_url: str = "https://2captcha.com"
    captcha_poll_seconds: float = 5.0
    captcha_timeout_seconds: float = 120.0
    chromium_binary: str = "/usr/bin/chromium"
    chromedriver_path: str = "/usr/bin/chromedriver"
    webdriver_remote_url: str = ""
    pool_size: int = 10
    keepalive_idle_seconds: float = 300.0
    # Fairness between owners (users) sharing the pool: 0 means no per-owner cap / no protection.
    per_owner_limit: int = 0
    protect_recent_seconds: float = 0.0
    pool_wait_seconds: float | None = None  # None: wait up to page_timeout_seconds for room
    keepalive_check_seconds: float = 30.0
    page_timeout_seconds: float = 60.0
    files_dir: Path = Path("data/files")
    profiles_dir: Path | None = None
    window_size: tuple[int, int] = (1600, 1000)
    appointment_session_minutes: float = 10.0
    # "HOST:PORT" that the real `*.emodal.com` names resolve to (a sandbox serving them over HTTPS with a
    # self-signed certificate). Only in this mode does the browser accept certificate errors.
    portal_host_map: str = ""

    @property
    def host_resolver_rules(self) -> str:
        """Chromium's `--host-resolver-rules` value for `portal_host_map` ('' when unset)."""
        return f"MAP *.emodal.com {self.portal_host_map}" if self.portal_host_map else ""

    @classmethod
    def from_settings(cls, settings: Any, **overrides: Any) -> ConnectorConfig:
        """Build from any object carrying the project's `Settings` attribute names."""
        urls = settings.portal_urls
        values: dict[str, Any] = {
            "portal": PortalUrls(
                login=urls.login,
                containers=urls.containers,
                addvisit=urls.addvisit,
                keepalive=urls.keepalive,
                myappointments=urls.myappointments,
            ),
            "captcha_base_url": str(settings.captcha_url).rstrip("/"),
            "captcha_poll_seconds": float(settings.captcha_poll_seconds),
            "captcha_timeout_seconds": float(settings.captcha_timeout_seconds),
            "chromium_binary": settings.chromium_binary,
            "chromedriver_path": settings.chromedriver_path,
            "webdriver_remote_url": settings.webdriver_remote_url,
            "pool_size": int(settings.browser_pool_size),
            "keepalive_idle_seconds": float(settings.browser_keepalive_idle_seconds),
            "per_owner_limit": int(getattr(settings, "browser_pool_per_user", 0)),
            "protect_recent_seconds": float(getattr(settings, "browser_pool_protect_seconds", 0.0)),
            "pool_wait_seconds": getattr(settings, "browser_pool_wait_seconds", None),
            "page_timeout_seconds": float(settings.page_timeout_seconds),
            "files_dir": Path(settings.files_dir),
            "portal_host_map": str(getattr(settings, "portal_host_map", "") or ""),
        }
        values.update(overrides)
        return cls(**values)
