"""Shared widgets and the workspace layout."""
