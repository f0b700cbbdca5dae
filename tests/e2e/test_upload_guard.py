"""Reflex's `POST /_upload` on the real production server: a stranger, an unknown handler, a body of unknown
length and an oversized file are refused from the headers alone, before a byte of the body is sent; a body that
trickles is cut off with 408. (The signed-in uploads that work are in test_interview_page.py and test_dialogs.py.)

Raw sockets: each request sends its headers and no body, so an answer at all proves nothing was waited for."""

from __future__ import annotations

import json
import socket
import time
import uuid
from urllib.parse import urlsplit

import pytest

from hr_app.config import get_settings
from hr_app.ui.upload_guard import upload_caps
from tests.e2e.conftest import sign_in, wait_for_text
from tests.e2e.test_interview_page import _start
from tests.factories import PASSWORD, create_cv, row_counts

pytestmark = pytest.mark.e2e

VOICE = next(name for name in upload_caps() if name.endswith(".upload_voice"))
BOUNDARY = "guardtestboundary"


def _request(url: str, headers: dict[str, str], body: bytes = b"") -> tuple[int, dict]:
    """Send the headers (and `body`, possibly only the start of what Content-Length says); read the answer."""
    address = urlsplit(url)
    lines = ["POST /_upload HTTP/1.1", f"Host: {address.netloc}", *(f"{k}: {v}" for k, v in headers.items())]
    with socket.create_connection((address.hostname, address.port), timeout=15) as connection:
        connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        answer = b""
        while b"\r\n\r\n" not in answer or not _complete(answer):
            chunk = connection.recv(65536)
            if not chunk:
                break
            answer += chunk
    head, _, payload = answer.partition(b"\r\n\r\n")
    status = int(head.split(b" ")[1])
    return status, json.loads(payload.split(b"\r\n")[1] if b"chunked" in head.lower() else payload)


def _complete(answer: bytes) -> bool:
    head, _, payload = answer.partition(b"\r\n\r\n")
    for line in head.lower().split(b"\r\n"):
        if line.startswith(b"content-length:"):
            return len(payload) >= int(line.split(b":")[1])
    return payload.endswith(b"0\r\n\r\n")


def _headers(client_token: str, handler: str = VOICE, length: int | None = 1_000_000) -> dict[str, str]:
    headers = {
        "Reflex-Client-Token": client_token,
        "Reflex-Event-Handler": handler,
        "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
    }
    if length is None:
        headers["Transfer-Encoding"] = "chunked"
    else:
        headers["Content-Length"] = str(length)
    return headers


def _signed_in_tab(browser, live_server, db, org, admin) -> str:
    interview_id = _start(live_server.url, admin, create_cv(db, org, name="Guard Candidate"))
    sign_in(browser, live_server, admin.email, PASSWORD, path=f"/interviews/{interview_id}")
    wait_for_text(browser, "candidate-name", "Guard Candidate")
    return browser.execute_script("return window.sessionStorage.getItem('token')")


def test_a_stranger_is_refused_before_the_body(live_server):
    assert _request(live_server.url, _headers(str(uuid.uuid4()))) == (401, {"detail": "Sign in to upload files."})


def test_only_the_apps_upload_handlers(live_server):
    headers = _headers(str(uuid.uuid4()), handler="reflex___state____state.auth_state.logout")
    assert _request(live_server.url, headers) == (404, {"detail": "No such upload handler."})


def test_a_body_of_unknown_length_is_refused(live_server):
    headers = _headers(str(uuid.uuid4()), length=None)
    assert _request(live_server.url, headers) == (411, {"detail": "An upload must declare its Content-Length."})


def test_a_signed_in_tab_cannot_send_an_oversized_file(live_server, browser, db, org, admin):
    token = _signed_in_tab(browser, live_server, db, org, admin)
    too_big = upload_caps()[VOICE] + 1
    megabytes = get_settings().max_upload_mb
    assert _request(live_server.url, _headers(token, length=too_big)) == (
        413,
        {"detail": f"File too large. Maximum size is {megabytes} MB."},
    )


@pytest.mark.timing
def test_a_trickling_upload_is_cut_off_and_stores_nothing(live_server, browser, db, org, admin):
    token = _signed_in_tab(browser, live_server, db, org, admin)
    start = f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="note.mp3"\r\n\r\n'.encode()
    before = row_counts(db)
    started = time.monotonic()
    status, body = _request(live_server.url, _headers(token, length=4096), start + b"ID3")
    waited = time.monotonic() - started
    assert (status, body) == (408, {"detail": "The upload did not arrive in time."})
    assert get_settings().body_timeout_seconds <= waited < get_settings().body_timeout_seconds + 5
    db.expire_all()
    assert row_counts(db) == before
