"""default E-Modal account: the account a user chose is selected again at their next login

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 01:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('emodal_accounts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_default', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('emodal_accounts', schema=None) as batch_op:
        batch_op.drop_column('is_default')
