"""portal sessions on a Selenium Grid: the WebDriver session id and Grid address of each portal session's browser

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 03:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('portal_sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('webdriver_session_id', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('grid_url', sa.String(length=500), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('portal_sessions', schema=None) as batch_op:
        batch_op.drop_column('grid_url')
        batch_op.drop_column('webdriver_session_id')
