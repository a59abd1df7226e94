"""Uploaded files: stored on disk under the data dir, described by a platform table."""
