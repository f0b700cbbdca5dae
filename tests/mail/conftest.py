"""A real SMTP server (aiosmtpd) on a free port, and the worker in huey's immediate mode pointed at it."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from hr_app.config import get_settings


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Recorder:
    """What reached the server. `deliveries` is every accepted DATA; `mailbox` keeps one per Message-ID."""

    deliveries: list[EmailMessage] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)  # recipient -> the server's reply to RCPT TO
    drop_next: str | None = None  # "before" or "after" storing: close the connection instead of answering DATA

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        drop, self.drop_next = self.drop_next, None
        if drop != "before":
            self.deliveries.append(message_from_bytes(envelope.original_content, policy=policy.default))
        if drop:
            server.transport.close()
            return "421 closing"
        return "250 Message accepted for delivery"

    @property
    def mailbox(self) -> list[EmailMessage]:
        seen: dict[str, EmailMessage] = {}
        for message in self.deliveries:
            seen.setdefault(message["Message-ID"], message)
        return list(seen.values())


class SmtpServer:
    def __init__(self, port: int) -> None:
        self.port = port
        self.recorder = Recorder()
        self._controller: Controller | None = None

    def start(self) -> None:
        self._controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


@pytest.fixture
def smtp_server(monkeypatch) -> Iterator[SmtpServer]:
    server = SmtpServer(free_port())
    server.start()
    settings = get_settings()
    monkeypatch.setattr(settings, "smtp_url", f"smtp://127.0.0.1:{server.port}")
    monkeypatch.setattr(settings, "mail_retry_base_seconds", 60)
    yield server
    server.stop()


@pytest.fixture
def worker() -> Iterator[object]:
    """The real worker module in huey's immediate mode: a commit that queues mail delivers it before returning."""
    from hr_app import worker as module

    module.install()
    module.huey.immediate = True
    yield module
    module.huey.immediate = False
