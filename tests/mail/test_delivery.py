"""Outgoing mail end to end: the API change queues it, the real worker task sends it to a real SMTP server.

Nothing is mocked: aiosmtpd listens on a free port, huey runs the task in immediate mode (the enqueue after the
commit), or the test calls the task function itself, as the worker's periodic run would.
"""

from __future__ import annotations

import re
import threading
from datetime import timedelta

from sqlmodel import select

from hr_app.config import get_settings
from hr_app.db import session_scope
from hr_app.kit.time import utcnow
from hr_app.models import AppUser, JobTitle, OutboxMessage, OutboxStatus
from hr_app.services import mail_delivery, outbox
from tests.mail.conftest import SmtpServer, free_port

STRONG = "tangerine-violin-orbit-42"
INVITE = {"email": "nia@example.com", "first_name": "Nia", "last_name": "New", "role": "hr", "job_role": "Recruiter"}


def _parts(message):
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def _link(text: str, path: str) -> str:
    return re.search(rf"https?://\S+{path}/(\S+)", text).group(1)


def _messages(db) -> list[OutboxMessage]:
    db.expire_all()
    return list(db.exec(select(OutboxMessage).order_by(OutboxMessage.created_at)))


def _queue(org, to: str, **change) -> None:
    """A change (a job title) and its message in one transaction, as a service does it."""
    with session_scope() as session:
        session.add(JobTitle(organization_id=org.id, name=change.get("job_title", "Mail test")))
        outbox.queue_email(
            session,
            organization_id=org.id,
            kind="invitation",
            to=to,
            template="invitation",
            context={"first_name": "Test", "link": "http://localhost:3000/x", "expires_at": utcnow()},
        )


def test_the_invitation_arrives_at_once_and_its_link_accepts(
    client, db, admin, auth_headers_admin, smtp_server, worker
):
    response = client.post("/api/users/invite/", headers=auth_headers_admin, json=INVITE)
    assert response.status_code == 201, response.text
    [mail] = smtp_server.recorder.mailbox  # delivered by the enqueue after the commit, no periodic run needed
    assert mail["To"] == INVITE["email"] and mail["Subject"] == _messages(db)[0].subject
    assert mail["From"].addresses[0].addr_spec == get_settings().mail_from
    assert mail["From"].addresses[0].display_name == "Acme Corp"
    text, html = _parts(mail)
    token = _link(text, "/accept-invite")
    assert f"/accept-invite/{token}" in html
    accepted = client.post("/api/auth/accept-invite/", json={"token": token, "password": STRONG})
    assert accepted.status_code == 200, accepted.text
    signed_in = client.post("/api/auth/token/", json={"email": INVITE["email"], "password": STRONG})
    assert signed_in.status_code == 200
    [message] = _messages(db)
    assert (message.status, message.attempts, message.last_error) == (OutboxStatus.SENT, 1, None)
    assert message.sent_at is not None
    assert mail["Message-ID"] == mail_delivery.message_id_for(message.idempotency_key, get_settings().mail_from)


def test_the_password_reset_arrives_and_its_link_resets(client, db, interviewer, smtp_server, worker):
    assert client.post("/api/auth/password/reset/", json={"email": interviewer.email}).status_code == 200
    [mail] = smtp_server.recorder.mailbox
    assert mail["To"] == interviewer.email
    text, html = _parts(mail)
    token = _link(text, "/reset-password")
    assert f"/reset-password/{token}" in html
    reset = client.post("/api/auth/password/reset/confirm/", json={"token": token, "password": STRONG})
    assert reset.status_code == 200, reset.text
    assert client.post("/api/auth/token/", json={"email": interviewer.email, "password": STRONG}).status_code == 200


def test_a_rolled_back_change_sends_nothing(db, org, smtp_server, worker):
    try:
        with session_scope() as session:
            outbox.queue_email(
                session,
                organization_id=org.id,
                kind="invitation",
                to="x@example.com",
                template="invitation",
                context={"first_name": "X", "link": "http://localhost:3000/x", "expires_at": utcnow()},
            )
            raise RuntimeError("the change fails")
    except RuntimeError:
        pass
    worker.deliver_outbox.call_local()
    assert smtp_server.recorder.deliveries == [] and _messages(db) == []


def test_nothing_arrives_twice_when_the_server_drops_the_connection_after_data(db, org, smtp_server):
    smtp_server.recorder.drop_next = "after"  # the server stored it, then hung up before saying so
    _queue(org, "priya@example.com")
    report = mail_delivery.deliver_due()
    assert report.retrying and not report.sent
    [message] = _messages(db)
    assert message.status == OutboxStatus.QUEUED and message.attempts == 1 and message.last_error
    assert message.next_attempt_at - utcnow() > timedelta(seconds=50)  # backoff: MAIL_RETRY_BASE_SECONDS
    assert mail_delivery.deliver_due().sent == []  # not due yet: nothing is sent again at once
    report = mail_delivery.deliver_due(now=utcnow() + timedelta(minutes=2))
    assert report.sent == [message.id]
    first, second = smtp_server.recorder.deliveries
    assert first["Message-ID"] == second["Message-ID"]  # the same message: the mailbox keeps one
    assert len(smtp_server.recorder.mailbox) == 1
    [message] = _messages(db)
    assert (message.status, message.attempts, message.last_error) == (OutboxStatus.SENT, 2, None)


def test_a_drop_before_the_server_stored_it_delivers_once_on_retry(db, org, smtp_server):
    smtp_server.recorder.drop_next = "before"
    _queue(org, "priya@example.com")
    assert mail_delivery.deliver_due().retrying
    assert mail_delivery.deliver_due(now=utcnow() + timedelta(minutes=2)).sent
    assert len(smtp_server.recorder.deliveries) == 1


def test_a_message_queued_while_the_server_is_down_arrives_when_it_is_back(db, org, monkeypatch):
    port = free_port()
    monkeypatch.setattr(get_settings(), "smtp_url", f"smtp://127.0.0.1:{port}")
    _queue(org, "priya@example.com")
    assert mail_delivery.deliver_due().retrying  # connection refused: try again later
    [message] = _messages(db)
    assert message.status == OutboxStatus.QUEUED and "refused" in message.last_error.lower()
    server = SmtpServer(port)
    server.start()
    try:
        assert mail_delivery.deliver_due(now=utcnow() + timedelta(minutes=2)).sent == [message.id]
        assert [m["To"] for m in server.recorder.mailbox] == ["priya@example.com"]
    finally:
        server.stop()


def test_retries_back_off_exponentially_then_fail_with_the_last_error(db, org, monkeypatch):
    monkeypatch.setattr(get_settings(), "smtp_url", f"smtp://127.0.0.1:{free_port()}")
    monkeypatch.setattr(get_settings(), "mail_max_attempts", 3)
    _queue(org, "priya@example.com")
    delays = []
    now = utcnow()
    for _ in range(3):
        mail_delivery.deliver_due(now=now)
        [message] = _messages(db)
        delays.append(round((message.next_attempt_at - utcnow()).total_seconds() / 60))
        now = message.next_attempt_at
    assert delays[:2] == [1, 2]  # 60 s, then 120 s
    assert message.status == OutboxStatus.FAILED and message.attempts == 3
    assert "refused" in message.last_error.lower() and message.last_error.endswith("(gave up)")


def test_a_refused_recipient_fails_at_once_with_the_servers_reply_and_the_change_stays(
    client, db, admin, auth_headers_admin, smtp_server, worker
):
    smtp_server.recorder.refuse[INVITE["email"]] = "550 5.1.1 <nia@example.com>: Recipient address rejected"
    response = client.post("/api/users/invite/", headers=auth_headers_admin, json=INVITE)
    assert response.status_code == 201
    [message] = _messages(db)
    assert (message.status, message.attempts) == (OutboxStatus.FAILED, 1)
    assert message.last_error == "550 5.1.1 <nia@example.com>: Recipient address rejected"
    assert db.exec(select(AppUser).where(AppUser.email == INVITE["email"])).one()  # the invitation is kept
    assert smtp_server.recorder.deliveries == []


def test_a_malformed_address_fails_with_the_servers_reply_and_the_change_stays(db, org, smtp_server):
    _queue(org, "john@@example.com", job_title="Kept")
    assert mail_delivery.deliver_due().failed
    [message] = _messages(db)
    assert message.status == OutboxStatus.FAILED and message.last_error.startswith("553 ")  # aiosmtpd's reply
    assert db.exec(select(JobTitle).where(JobTitle.name == "Kept")).one()


def test_an_address_smtplib_would_shorten_is_never_sent(db, org, smtp_server):
    _queue(org, "not an address")  # smtplib would send RCPT TO:<not>
    assert mail_delivery.deliver_due().failed
    [message] = _messages(db)
    assert message.status == OutboxStatus.FAILED and "is not an e-mail address" in message.last_error
    assert smtp_server.recorder.deliveries == []


def test_concurrent_workers_send_each_message_once(db, org, smtp_server):
    for number in range(6):
        _queue(org, f"c{number}@example.com", job_title=f"T{number}")
    runs = [threading.Thread(target=mail_delivery.deliver_due) for _ in range(4)]
    for run in runs:
        run.start()
    for run in runs:
        run.join()
    assert sorted(m["To"] for m in smtp_server.recorder.deliveries) == [f"c{n}@example.com" for n in range(6)]
    assert {m.status for m in _messages(db)} == {OutboxStatus.SENT}


def test_without_smtp_url_messages_wait_and_are_logged_once(db, org, caplog):
    assert get_settings().smtp_url is None
    _queue(org, "priya@example.com")
    with caplog.at_level("WARNING", logger="hr_app.services.mail_delivery"):
        assert mail_delivery.deliver_due().waiting == 1
        assert mail_delivery.deliver_due().waiting == 0  # logged once per message, not every minute
    assert sum("priya@example.com" in record.getMessage() for record in caplog.records) == 1
    [message] = _messages(db)
    assert (message.status, message.attempts, message.last_error) == (
        OutboxStatus.QUEUED,
        0,
        mail_delivery.NOT_CONFIGURED,
    )


def test_setting_smtp_url_later_sends_the_queue(db, org, smtp_server, monkeypatch):
    monkeypatch.setattr(get_settings(), "smtp_url", None)
    _queue(org, "priya@example.com")
    mail_delivery.deliver_due()
    monkeypatch.setattr(get_settings(), "smtp_url", f"smtp://127.0.0.1:{smtp_server.port}")
    assert len(mail_delivery.deliver_due().sent) == 1
    assert [m["To"] for m in smtp_server.recorder.mailbox] == ["priya@example.com"]


def test_smtp_urls():
    target = mail_delivery.parse_smtp_url("smtp://me%40x.com:p%2Fw@mail.example.com:587?starttls=1")
    assert (target.host, target.port, target.starttls, target.use_ssl) == ("mail.example.com", 587, True, False)
    assert (target.username, target.password) == ("me@x.com", "p/w")
    ssl_target = mail_delivery.parse_smtp_url("smtps://mail.example.com")
    assert (ssl_target.port, ssl_target.use_ssl, ssl_target.starttls) == (465, True, False)
    assert mail_delivery.parse_smtp_url("smtp://localhost").port == 25
