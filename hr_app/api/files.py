"""Stored files as HTTP responses: a single byte range (206) or the whole file, from any storage backend."""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import Response, StreamingResponse

from hr_app import storage
from hr_app.kit.errors import NotFound

_RANGE = re.compile(r"bytes=(\d*)-(\d*)")
_UNSAFE_IN_NAME = re.compile(r"[^A-Za-z0-9._ -]+")


def content_disposition(kind: str, filename: str) -> str:
    """`inline` or `attachment` with a name that cannot break the header: ASCII, plus RFC 5987 for the rest."""
    plain = _UNSAFE_IN_NAME.sub("_", filename).strip(" .") or "download"
    if plain == filename:
        return f'{kind}; filename="{plain}"'
    return f"{kind}; filename=\"{plain}\"; filename*=UTF-8''{quote(filename, safe='')}"


CSV_TYPE = "text/csv; charset=utf-8"


def attachment(content: str | bytes, media_type: str, filename: str) -> Response:
    """A generated file to save (an export, an invite), never kept by a shared cache."""
    return Response(
        content,
        media_type=media_type,
        headers={
            "Content-Disposition": content_disposition("attachment", filename),
            "Cache-Control": "private, no-store",
        },
    )


def _byte_range(header: str | None, size: int) -> tuple[int, int] | None:
    """The one range asked for, clipped to the file; None means the whole file. Raises ValueError when unsatisfiable."""
    match = _RANGE.fullmatch((header or "").strip())
    if not match or match.groups() == ("", ""):
        return None  # absent, several ranges or not bytes: the whole file is a valid answer
    first, last = match.groups()
    if not first:  # the last N bytes
        start, end = max(size - int(last), 0), size - 1
    else:
        start, end = int(first), min(int(last), size - 1) if last else size - 1
    if start >= size or start > end:
        raise ValueError("unsatisfiable range")
    return start, end


def stored_file_response(
    request: Request, name: str, *, media_type: str, filename: str, disposition: str, missing: NotFound
) -> Response:
    backend = storage.get_storage()
    try:
        size = backend.size(name)
    except storage.Missing as exc:
        raise missing from exc
    headers = {
        "Accept-Ranges": "bytes",
        "Content-Disposition": content_disposition(disposition, filename),
        "Cache-Control": "private, no-cache",
        "X-Content-Type-Options": "nosniff",
    }
    try:
        wanted = _byte_range(request.headers.get("range"), size)
    except ValueError:
        return Response(status_code=416, headers={**headers, "Content-Range": f"bytes */{size}"})
    start, end = wanted or (0, size - 1)
    headers["Content-Length"] = str(end - start + 1)
    if wanted:
        headers["Content-Range"] = f"bytes {start}-{end}/{size}"
    return StreamingResponse(
        backend.read(name, start, end), status_code=206 if wanted else 200, media_type=media_type, headers=headers
    )


# The OpenAPI answers of a route that streams a voice note.
VOICE_NOTE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"audio/mpeg": {}, "audio/wav": {}, "audio/mp4": {}}},
    206: {"description": "Range"},
}


def voice_note_response(request: Request, name: str, content_type: str, *, missing: NotFound) -> Response:
    """A stored voice note, played in the page (`inline`) and named by its kind only."""
    return stored_file_response(
        request,
        name,
        media_type=content_type,
        filename=f"voice-note{PurePosixPath(name).suffix}",
        disposition="inline",
        missing=missing,
    )
