"""lineage edges

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21 23:05:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "lineage_edges",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("app_id", sa.Integer(), nullable=False),
        sa.Column("from_form", sa.String(length=40), nullable=False),
        sa.Column("from_id", sa.BigInteger(), nullable=False),
        sa.Column("to_form", sa.String(length=40), nullable=False),
        sa.Column("to_id", sa.BigInteger(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("event_form", sa.String(length=40), nullable=False),
        sa.Column("event_id", sa.BigInteger(), nullable=False),
        sa.Column("field", sa.String(length=100), nullable=False),
        sa.Column("quantity", sa.Numeric(15, 6).with_variant(sa.Float(), "sqlite"), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["app_id"], ["apps.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_lineage_from", "lineage_edges", ["app_id", "from_form", "from_id"])
    op.create_index("ix_lineage_to", "lineage_edges", ["app_id", "to_form", "to_id"])
    op.create_index("ix_lineage_event", "lineage_edges", ["app_id", "event_form", "event_id"])


def downgrade() -> None:
    op.drop_table("lineage_edges")
