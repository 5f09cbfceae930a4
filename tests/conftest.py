"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os

# Tests never reach the real portal or a real model, whatever the developer's shell exports.
for _name in list(os.environ):
    if _name.startswith("EMODAL_AGENT_") and not _name.startswith("EMODAL_AGENT_TEST_"):
        del os.environ[_name]
