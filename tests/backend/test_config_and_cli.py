"""Settings defaults, production refusals, and the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from backend.config import REAL_PORTAL, Settings

COMMANDS = ["serve", "sandbox", "demo", "ask", "create-admin", "migrate"]


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "backend.cli", *args], capture_output=True, text=True,
                          timeout=120, env={**os.environ, **(env or {})}, check=False)


def test_development_defaults_need_no_configuration(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    assert settings.sqlalchemy_url == f"sqlite:///{(tmp_path / 'emodal-agent.db').resolve()}"
    assert settings.redis_url == ""
    assert settings.portal_urls.login == REAL_PORTAL["login"]


def test_portal_base_url_points_every_site_at_the_sandbox() -> None:
    urls = Settings(portal_base_url="http://127.0.0.1:8099/", captcha_base_url="http://127.0.0.1:8099").portal_urls
    assert urls.login == "http://127.0.0.1:8099/login"
    assert urls.addvisit == "http://127.0.0.1:8099/trucker/web/addvisit"
    assert urls.myappointments == "http://127.0.0.1:8099/myappointments"


def test_the_terminal_time_zone_is_a_setting_and_an_unknown_zone_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().terminal_timezone == "America/Los_Angeles"
    monkeypatch.setenv("EMODAL_AGENT_TERMINAL_TIMEZONE", "America/New_York")
    assert Settings().terminal_timezone == "America/New_York"
    with pytest.raises(ValidationError) as refused:
        Settings(terminal_timezone="Pacific/Nowhere")
    assert "EMODAL_AGENT_TERMINAL_TIMEZONE" in str(refused.value)


def test_production_refuses_development_secrets_and_names_them() -> None:
    with pytest.raises(ValidationError) as refused:
        Settings(env="production")
    assert "EMODAL_AGENT_SECRET_KEY" in str(refused.value) and "EMODAL_AGENT_ENCRYPTION_KEY" in str(refused.value)
    with pytest.raises(ValidationError) as one_left:
        Settings(env="production", secret_key="s" * 40)
    assert "EMODAL_AGENT_ENCRYPTION_KEY" in str(one_left.value)
    assert "EMODAL_AGENT_SECRET_KEY" not in str(one_left.value)
    assert Settings(env="production", secret_key="s" * 40, encryption_key="e" * 40).env == "production"


def test_serve_in_production_with_defaults_exits_with_a_clear_message() -> None:
    result = _run("serve", env={"EMODAL_AGENT_ENV": "production"})
    assert result.returncode != 0
    assert "EMODAL_AGENT_SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_every_subcommand_prints_help(command: str) -> None:
    result = _run(command, "--help")
    assert result.returncode == 0, result.stderr
    assert f"emodal-agent {command}" in result.stdout


def test_migrate_creates_the_schema(tmp_path: Path) -> None:
    result = _run("migrate", env={"EMODAL_AGENT_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "emodal-agent.db").is_file()
    assert "up to date" in result.stdout


def test_cluster_mode_needs_redis_and_says_so() -> None:
    with pytest.raises(ValidationError) as refused:
        Settings(cluster=True)
    assert "EMODAL_AGENT_REDIS_URL" in str(refused.value)
    settings = Settings(cluster=True, redis_url="redis://127.0.0.1:1/0")
    assert settings.run_lease_seconds == 15 and settings.replica_id.endswith(f"-{os.getpid()}")
    result = _run("serve", env={"EMODAL_AGENT_CLUSTER": "true"})
    assert result.returncode != 0 and "EMODAL_AGENT_CLUSTER=true needs EMODAL_AGENT_REDIS_URL" in result.stderr
    assert "Traceback" not in result.stderr
