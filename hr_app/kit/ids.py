"""Identifiers as they arrive from the doors (a UUID or its text)."""

from __future__ import annotations

import uuid


def parse_uuid(value: uuid.UUID | str) -> uuid.UUID | None:
    """The UUID, or None when the text is not one (callers answer 404, not 500)."""
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None
