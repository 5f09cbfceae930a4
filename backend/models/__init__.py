"""Every table of the product, importable from one place (Alembic reads `Base.metadata`)."""

from backend.models.audit import AuditLogEntry
from backend.models.auth_session import AuthSessionRow
from backend.models.base import Base
from backend.models.conversation import ConversationMessage, ConversationThread, StoredFile
from backend.models.emodal import EModalAccount, PortalSessionRow
from backend.models.security import Invitation, LoginFailure
from backend.models.user import User

__all__ = [
    "AuditLogEntry",
    "AuthSessionRow",
    "Base",
    "ConversationMessage",
    "ConversationThread",
    "EModalAccount",
    "Invitation",
    "LoginFailure",
    "PortalSessionRow",
    "StoredFile",
    "User",
]
