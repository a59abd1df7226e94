"""import runs: the token of the run that owns a committing job, and who started it

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("import_jobs") as batch:
        batch.add_column(sa.Column("run_token", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("run_actor", sa.JSON(), nullable=True))
    # A commit running during the upgrade has no token: give it one no run holds, so that
    # it is taken up only once silent (not at once, while its old process may still run).
    op.execute("UPDATE import_jobs SET run_token = 'earlier-version' WHERE status = 'running'")


def downgrade() -> None:
    with op.batch_alter_table("import_jobs") as batch:
        batch.drop_column("run_actor")
        batch.drop_column("run_token")
