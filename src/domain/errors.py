"""The domain's exception tree: values a dispatcher typed that the domain rules cannot use."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error the domain rules raise; the message says what to fix."""

    code = "invalid_value"
