"""Keep secrets out of log records written by libraries (a solver key travels in a URL query)."""

from __future__ import annotations

import logging
import re

_SECRET_QUERY = re.compile(r"(?i)\b(key|password|token|apikey|api_key)=([^&\s\"']+)")
# Filters on a logger do not see its children's records: name the loggers that actually emit.
_REDACTED_LOGGERS = ("httpx", "httpcore.connection", "httpcore.http11", "urllib3.connectionpool",
                     "selenium.webdriver.remote.remote_connection", "uvicorn.access")


class SecretQueryRedactor(logging.Filter):
    """Masks `key=`, `password=` and `token=` values; drops WebDriver payload dumps (they hold typed text)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("selenium.webdriver.remote") and record.levelno <= logging.DEBUG:
            return False
        if isinstance(record.msg, str):
            record.msg = _SECRET_QUERY.sub(r"\1=***", record.msg)
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(_SECRET_QUERY.sub(r"\1=***", str(a)) if _SECRET_QUERY.search(str(a)) else a
                                for a in args)
        return True


def install_secret_redaction() -> None:
    """Attach the redactor to the loggers of the HTTP and browser libraries (once)."""
    for name in _REDACTED_LOGGERS:
        target = logging.getLogger(name)
        if not any(isinstance(f, SecretQueryRedactor) for f in target.filters):
            target.addFilter(SecretQueryRedactor())
