"""Every API request body read whole, capped and timed, before anything else runs (issue 15).

- Size: a declared Content-Length over the route's cap is refused at once; a body without one (chunked) is
  counted as it streams and refused as soon as it passes the cap. The cap is 1 MiB for JSON and any other
  body, and `MAX_UPLOAD_MB` / `MAX_CV_MB` plus the form's own bytes for a multipart upload. 413.
- Time: the body must arrive within `BODY_TIMEOUT_SECONDS`, plus the time a large upload needs at
  `BODY_MIN_BYTES_PER_SECOND`; a client trickling bytes is answered 408 and holds nothing meanwhile.
- Depth: a JSON body nested deeper than `JSON_MAX_DEPTH` is refused (400) before a parser recurses into it.

This middleware is the outermost of the API app, so the admission limiter (`concurrency.py`) takes its slot only
once the body is here: slow clients cannot fill the slots that every signed-in request needs. Refusals come in the
route's envelope (`envelopes.error_body`).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from tempfile import SpooledTemporaryFile
from typing import IO

import anyio
import anyio.to_thread
from fastapi.responses import JSONResponse
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hr_app.api.envelopes import error_body
from hr_app.config import get_settings
from hr_app.kit.errors import DomainError, Invalid, PayloadTooLarge, RequestTimeout
from hr_app.kit.limits import (
    BODY_MIN_BYTES_PER_SECOND,
    JSON_BODY_MAX_BYTES,
    JSON_MAX_DEPTH,
    MULTIPART_OVERHEAD_BYTES,
)

_CV_DOCUMENT = re.compile(r"^/api/cvs/[^/]+/document/?$")
_REPLAY_CHUNK = 64 * 1024
_SCAN_IN_THREAD_FROM = 64 * 1024  # bytes: a larger body's depth is measured off the event loop


class ClientGone(Exception):
    """The client disconnected before its body arrived: nobody is left to answer."""


def _header(scope: Scope, name: str) -> str:
    return Headers(scope=scope).get(name, "")


def _content_type(scope: Scope) -> str:
    return _header(scope, "content-type").split(";")[0].strip().lower()


def _is_json(content_type: str) -> bool:
    return content_type in ("", "application/json") or content_type.endswith("+json")


def body_cap(scope: Scope) -> tuple[int, str]:
    """The most bytes this request's body may carry, and the sentence that says so."""
    if _content_type(scope) != "multipart/form-data":
        return JSON_BODY_MAX_BYTES, f"The request body may be at most {JSON_BODY_MAX_BYTES // 1024} KB."
    settings = get_settings()
    if _CV_DOCUMENT.match(scope["path"]):
        file_bytes, megabytes, allowance = settings.max_cv_bytes, settings.max_cv_mb, MULTIPART_OVERHEAD_BYTES
    else:  # a voice note or a CSV file, beside the form's other fields
        file_bytes, megabytes, allowance = settings.max_upload_bytes, settings.max_upload_mb, JSON_BODY_MAX_BYTES
    return file_bytes + allowance, f"File too large. Maximum size is {megabytes} MB."


# --- JSON depth -----------------------------------------------------------------------------------------

_TO_PARENS = bytes.maketrans(b"[{]}", b"(())")
_NOT_BRACKETS = bytes(byte for byte in range(256) if byte not in b"[]{}")


def nested_too_deep(body: bytes, limit: int = JSON_MAX_DEPTH) -> bool:
    """Whether arrays and objects nest deeper than `limit`, strings ignored; C-speed steps only (1 MiB: ~30 ms)."""
    if body.count(b"[") + body.count(b"{") <= limit:
        return False
    unescaped = body.replace(b"\\\\", b"").replace(b'\\"', b"")  # left to right, as JSON reads escapes
    outside_strings = b"".join(unescaped.split(b'"')[::2])
    parens = outside_strings.translate(_TO_PARENS, _NOT_BRACKETS)
    for _ in range(limit):  # each round removes the innermost pairs: one level of nesting
        shorter = parens.replace(b"()", b"")
        if len(shorter) == len(parens):
            break
        parens = shorter
    return b"()" in parens or parens.count(b"(") > limit  # pairs left after `limit` rounds, or unclosed ones


async def _too_deep(body: bytes) -> bool:
    if len(body) < _SCAN_IN_THREAD_FROM:
        return nested_too_deep(body)
    return await anyio.to_thread.run_sync(nested_too_deep, body)


# --- reading ----------------------------------------------------------------------------------------------


class Body:
    """A request body read whole: small ones in memory, large uploads spooled to a temporary file."""

    def __init__(self) -> None:
        self.size = 0
        self.spool: IO[bytes] = SpooledTemporaryFile(max_size=JSON_BODY_MAX_BYTES)  # noqa: SIM115  (closed by close())

    def add(self, chunk: bytes) -> None:
        self.size += len(chunk)
        self.spool.write(chunk)

    def head(self) -> bytes:
        """The whole body; only called for bodies up to the JSON cap."""
        self.spool.seek(0)
        return self.spool.read()

    async def chunks(self) -> AsyncIterator[bytes]:
        self.spool.seek(0)
        while chunk := self.spool.read(_REPLAY_CHUNK):
            yield chunk

    def close(self) -> None:
        self.spool.close()


async def read_body(receive: Receive, cap: int, cap_sentence: str) -> Body:
    """Read every `http.request` message, refusing past `cap` bytes or past the deadline."""
    timeout = get_settings().body_timeout_seconds
    started = anyio.current_time()
    body = Body()
    try:
        while True:
            deadline = started + timeout + body.size / BODY_MIN_BYTES_PER_SECOND
            with anyio.move_on_after(deadline - anyio.current_time()) as waited:
                message = await receive()
            if waited.cancelled_caught:
                raise RequestTimeout("Request timeout", "The request body did not arrive in time.")
            if message["type"] == "http.disconnect":
                raise ClientGone
            body.add(message.get("body", b""))
            if body.size > cap:
                raise PayloadTooLarge("Request body too large", cap_sentence)
            if not message.get("more_body", False):
                return body
    except BaseException:
        body.close()
        raise


def _replay(body: Body, receive: Receive) -> Receive:
    chunks = body.chunks()
    finished = False

    async def replayed() -> Message:
        nonlocal finished
        if finished:
            return await receive()  # after the body: the client's disconnect, as the server reports it
        chunk = await anext(chunks, None)
        if chunk is None or body.spool.tell() >= body.size:
            finished = True
        return {"type": "http.request", "body": chunk or b"", "more_body": not finished}

    return replayed


async def refuse(scope: Scope, receive: Receive, send: Send, error: DomainError) -> None:
    # The rest of an unread body is not worth reading: the connection closes after the answer.
    headers = {"Connection": "close"} if isinstance(error, PayloadTooLarge | RequestTimeout) else {}
    response = JSONResponse(error_body(scope["path"], error), status_code=error.status_code, headers=headers)
    await response(scope, receive, send)


class RequestBodyGuard:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        cap, cap_sentence = body_cap(scope)
        declared = _header(scope, "content-length")
        if declared.isdigit() and int(declared) > cap:
            await refuse(scope, receive, send, PayloadTooLarge("Request body too large", cap_sentence))
            return
        try:
            body = await read_body(receive, cap, cap_sentence)
        except ClientGone:
            return
        except (PayloadTooLarge, RequestTimeout) as error:
            await refuse(scope, receive, send, error)
            return
        try:
            if body.size <= JSON_BODY_MAX_BYTES and _is_json(_content_type(scope)) and await _too_deep(body.head()):
                problem = f"The JSON body is nested more than {JSON_MAX_DEPTH} levels deep."
                await refuse(scope, receive, send, Invalid("Invalid data provided", {"non_field_errors": [problem]}))
                return
            await self.app(scope, _replay(body, receive), send)
        finally:
            body.close()
