"""Traceability: the lineage graph kept by the write path, and the queries that walk it."""
