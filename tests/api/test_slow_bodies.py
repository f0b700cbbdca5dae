"""Slow bodies against a real server socket (issue 15): clients that trickle a body one byte a second hold no
admission slot, other clients are answered at once, and the trickling ones get 408 in the route's envelope."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn

from hr_app.api.app import create_api
from hr_app.config import get_settings

SLOW_CLIENTS = 6  # three times the admission slots below


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(monkeypatch) -> Iterator[str]:
    monkeypatch.setattr(get_settings(), "db_concurrency", 1)  # 2 admission slots on the server's loop
    monkeypatch.setattr(get_settings(), "body_timeout_seconds", 3)
    port = _free_port()
    config = uvicorn.Config(create_api(), host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    runner = uvicorn.Server(config)
    thread = threading.Thread(target=runner.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not runner.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"127.0.0.1:{port}"
    runner.should_exit = True
    thread.join(timeout=10)


def _trickle(address: str, answers: list[bytes]) -> None:
    host, port = address.split(":")
    with socket.create_connection((host, int(port)), timeout=15) as connection:
        head = f"POST /api/auth/token/ HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\n"
        connection.sendall((head + "Content-Length: 100\r\n\r\n").encode())
        received = b""
        try:
            for byte in b'{"email": "slow@example.com"' * 4:
                connection.sendall(bytes([byte]))
                connection.settimeout(1)
                try:
                    received += connection.recv(65536)
                except TimeoutError:
                    continue
                if received:
                    break
            connection.settimeout(5)
            while b"}" not in received:
                chunk = connection.recv(65536)
                if not chunk:
                    break
                received += chunk
        except (BrokenPipeError, ConnectionResetError):
            pass
        answers.append(received)


@pytest.mark.timing
def test_trickling_bodies_block_nobody_and_are_answered_408(server, auth_headers_hr):
    answers: list[bytes] = []
    slow = [threading.Thread(target=_trickle, args=(server, answers)) for _ in range(SLOW_CLIENTS)]
    for thread in slow:
        thread.start()
    time.sleep(1.5)  # every slow client is now inside its body
    started = time.monotonic()
    response = httpx.get(f"http://{server}/api/auth/me/", headers=auth_headers_hr, timeout=10)
    waited = time.monotonic() - started
    assert response.status_code == 200, response.text
    assert waited < 1, f"a signed-in read waited {waited:.1f} s behind slow bodies"
    for thread in slow:
        thread.join(timeout=20)
    assert len(answers) == SLOW_CLIENTS
    for answer in answers:
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 408"), answer
        assert body == (
            b'{"success":false,"message":"Request timeout","error":"REQUEST_TIMEOUT",'
            b'"details":"The request body did not arrive in time."}'
        )
