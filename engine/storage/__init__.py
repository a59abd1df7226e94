"""Storage: database engines, the unit of work, platform tables and user-table schema sync."""

from engine.storage.database import Database, UnitOfWork, make_database
from engine.storage.models import Base

__all__ = ["Base", "Database", "UnitOfWork", "make_database"]
