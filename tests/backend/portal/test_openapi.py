"""The business API's schema: every portal route typed, the original `session_id` name marked deprecated."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from backend.app import create_app
from backend.config import Settings
from tests.support.services import sqlite_url


def _schema(tmp_path: Path) -> dict[str, Any]:
    schema: dict[str, Any] = create_app(Settings(data_dir=tmp_path, database_url=sqlite_url(tmp_path))).openapi()
    return schema


def test_session_id_is_deprecated_in_requests_and_responses(tmp_path: Path) -> None:
    schemas = _schema(tmp_path)["components"]["schemas"]
    for name in ("PortalTargetRequest", "ContainersRequest", "SessionOut", "ContainersOut", "PortalSessionOut"):
        fields = schemas[name]["properties"]
        assert fields["session_id"]["deprecated"] is True, name
        assert "deprecated" not in fields["portal_session_id"], name


def test_every_portal_route_declares_its_response(tmp_path: Path) -> None:
    paths = _schema(tmp_path)["paths"]
    for path, operations in paths.items():
        if not path.startswith("/emodal/"):
            continue
        for method, operation in operations.items():
            if method == "delete":
                continue
            schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
            assert "$ref" in schema or "$ref" in schema.get("items", {}), (method, path)  # a named model
    assert paths["/sessions/current/disconnect"]["post"]["deprecated"] is True
    assert "/sessions/current/portal-sessions/close" in paths
