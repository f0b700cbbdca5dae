"""Delivers the outbox over SMTP: claim, send, record; never two senders for one message.

A message is claimed by a conditional UPDATE (still queued, due, and with the attempt count this worker read), which
moves its next attempt a lease into the future. Only the worker whose UPDATE changed the row sends it, so several
worker threads, processes or nodes can run at once. A worker that dies after claiming leaves the row to be claimed
again when the lease ends: delivery is at least once, and every attempt carries the same Message-ID (derived from the
idempotency key), so a recipient's mail store keeps one copy.
"""

from __future__ import annotations

import hashlib
import logging
import smtplib
import ssl
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from urllib.parse import parse_qs, unquote, urlsplit

from sqlalchemy import update
from sqlmodel import Session, col, select

from hr_app.config import get_settings
from hr_app.db import session_scope
from hr_app.kit.time import utcnow
from hr_app.models import Organization, OutboxMessage, OutboxStatus
from hr_app.services.outbox import attachments_of

log = logging.getLogger(__name__)

CLAIM_LEASE = timedelta(minutes=10)  # longer than any one SMTP conversation (the timeout is per operation)
BATCH = 50  # messages one run claims at a time
NOT_CONFIGURED = "Not sent yet: SMTP_URL is not set (the message waits in the outbox)."


@dataclass
class DeliveryReport:
    sent: list[uuid.UUID] = field(default_factory=list)
    retrying: list[uuid.UUID] = field(default_factory=list)
    failed: list[uuid.UUID] = field(default_factory=list)
    waiting: int = 0  # queued but not sent because no SMTP server is configured


class PermanentFailure(Exception):
    """The server refused the message for good (a 5xx reply): retrying cannot help."""


class TransientFailure(Exception):
    """A 4xx reply: the server asks us to try again later."""


@dataclass(frozen=True)
class SmtpTarget:
    host: str
    port: int
    use_ssl: bool
    starttls: bool
    username: str | None
    password: str | None


def parse_smtp_url(url: str) -> SmtpTarget:
    """`smtp://user:pass@host:587?starttls=1` or `smtps://user:pass@host:465` (also `?ssl=1`)."""
    parts = urlsplit(url)
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    use_ssl = parts.scheme == "smtps" or query.get("ssl") in ("1", "true", "yes")
    starttls = not use_ssl and query.get("starttls") in ("1", "true", "yes")
    return SmtpTarget(
        host=parts.hostname or "localhost",
        port=parts.port or (465 if use_ssl else 587 if starttls else 25),
        use_ssl=use_ssl,
        starttls=starttls,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
    )


def message_id_for(idempotency_key: str, mail_from: str) -> str:
    """The same key always gives the same Message-ID, so a resent attempt is recognisably the same message."""
    digest = hashlib.sha256(idempotency_key.encode()).hexdigest()[:40]
    domain = mail_from.rsplit("@", 1)[-1].strip("<> ") or "localhost"
    return f"<{digest}@{domain}>"


def build_email(session: Session, message: OutboxMessage) -> EmailMessage:
    settings = get_settings()
    organization = session.get(Organization, message.organization_id)
    sender_name = (organization.sender_name or organization.name) if organization else "hr_app"
    email = EmailMessage()
    email["From"] = formataddr((sender_name, settings.mail_from))
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Date"] = format_datetime(message.created_at)
    email["Message-ID"] = message_id_for(message.idempotency_key, settings.mail_from)
    email.set_content(message.text_body)
    email.add_alternative(message.html_body, subtype="html")
    for attachment in attachments_of(session, message.id):
        maintype, _, subtype = attachment.content_type.partition("/")
        email.add_attachment(
            attachment.content, maintype=maintype, subtype=subtype.split(";")[0], filename=attachment.filename
        )
    return email


def _reply(code: int, text: bytes | str) -> str:
    text = text.decode(errors="replace") if isinstance(text, bytes) else text
    return f"{code} {text}".strip()


def send(email: EmailMessage, recipient: str, target: SmtpTarget) -> None:
    """One SMTP conversation. Raises PermanentFailure on a 5xx reply, anything else on a transient problem."""
    if smtplib.quoteaddr(recipient) != f"<{recipient}>":
        # smtplib would quietly shorten it ("not an address" becomes <not>) and mail someone else
        raise PermanentFailure(f"Not sent: {recipient!r} is not an e-mail address.")
    timeout = get_settings().smtp_timeout_seconds
    client_class = smtplib.SMTP_SSL if target.use_ssl else smtplib.SMTP
    kwargs = {"context": ssl.create_default_context()} if target.use_ssl else {}
    try:
        with client_class(target.host, target.port, timeout=timeout, **kwargs) as client:
            if target.starttls:
                client.starttls(context=ssl.create_default_context())
            if target.username:
                client.login(target.username, target.password or "")
            client.send_message(email, from_addr=get_settings().mail_from, to_addrs=[recipient])
    except smtplib.SMTPRecipientsRefused as refused:
        code, text = next(iter(refused.recipients.values()))
        _raise_for(code, text)
    except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as error:
        _raise_for(error.smtp_code, error.smtp_error)
    except smtplib.SMTPResponseException as error:
        if not isinstance(error, smtplib.SMTPAuthenticationError):  # a setting to fix, not this message's fault
            _raise_for(error.smtp_code, error.smtp_error)
        raise


def _raise_for(code: int, text: bytes | str) -> None:
    reply = _reply(code, text)
    if 500 <= code < 600:
        raise PermanentFailure(reply)
    raise TransientFailure(reply)


def _due(session: Session, now: datetime, extra=()) -> list[tuple[uuid.UUID, int]]:  # noqa: ANN001
    query = (
        select(OutboxMessage.id, OutboxMessage.attempts)
        .where(OutboxMessage.status == OutboxStatus.QUEUED, col(OutboxMessage.next_attempt_at) <= now, *extra)
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(BATCH)
    )
    return [(row[0], row[1]) for row in session.exec(query).all()]


def claim(session: Session, now: datetime) -> list[uuid.UUID]:
    """Take up to BATCH due messages for this worker; a message another worker took in between is skipped."""
    claimed = []
    for message_id, attempts in _due(session, now):
        result = session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.id == message_id,
                OutboxMessage.status == OutboxStatus.QUEUED,
                OutboxMessage.attempts == attempts,
                col(OutboxMessage.next_attempt_at) <= now,
            )
            .values(attempts=attempts + 1, next_attempt_at=now + CLAIM_LEASE)
        )
        if result.rowcount == 1:
            claimed.append(message_id)
    return claimed


def _record(message_id: uuid.UUID, attempt: int, values: dict) -> None:
    with session_scope() as session:
        session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.id == message_id,
                OutboxMessage.status == OutboxStatus.QUEUED,
                OutboxMessage.attempts == attempt,
            )
            .values(**values)
        )


def retry_delay(attempt: int) -> timedelta:
    """Exponential backoff: base, 2 x base, 4 x base, ... after the first, second, third attempt."""
    return timedelta(seconds=get_settings().mail_retry_base_seconds * 2 ** (attempt - 1))


def _deliver_one(message_id: uuid.UUID, target: SmtpTarget, report: DeliveryReport) -> None:
    with session_scope() as session:
        message = session.get(OutboxMessage, message_id)
        if message is None:
            return
        attempt, recipient, email = message.attempts, message.recipient, build_email(session, message)
    try:
        send(email, recipient, target)
    except PermanentFailure as error:
        _record(message_id, attempt, {"status": OutboxStatus.FAILED, "last_error": str(error)})
        log.warning("Mail %s to %s refused: %s", message_id, recipient, error)
        report.failed.append(message_id)
    except Exception as error:
        reason = str(error) or type(error).__name__
        if attempt >= get_settings().mail_max_attempts:
            _record(message_id, attempt, {"status": OutboxStatus.FAILED, "last_error": f"{reason} (gave up)"})
            log.warning("Mail %s to %s failed after %d attempts: %s", message_id, recipient, attempt, reason)
            report.failed.append(message_id)
        else:
            _record(message_id, attempt, {"last_error": reason, "next_attempt_at": utcnow() + retry_delay(attempt)})
            report.retrying.append(message_id)
    else:
        _record(message_id, attempt, {"status": OutboxStatus.SENT, "sent_at": utcnow(), "last_error": None})
        report.sent.append(message_id)


def _note_unsent(now: datetime) -> int:
    """Without SMTP_URL: log each new message once (its text carries any link), and say so on the Outbox page."""
    waiting = 0
    with session_scope() as session:
        for message_id, _ in _due(session, now, (col(OutboxMessage.last_error).is_(None),)):
            result = session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == message_id, col(OutboxMessage.last_error).is_(None))
                .values(last_error=NOT_CONFIGURED)
            )
            if result.rowcount == 1:
                message = session.get(OutboxMessage, message_id)
                log.warning(
                    "SMTP_URL is not set; mail kept in the outbox:\nTo: %s\nSubject: %s\n\n%s",
                    message.recipient,
                    message.subject,
                    message.text_body,
                )
                waiting += 1
    return waiting


def deliver_due(now: datetime | None = None) -> DeliveryReport:
    """Send every due message (one run of the worker's task). `now` is for tests that jump past a backoff."""
    now = now or utcnow()
    report = DeliveryReport()
    smtp_url = get_settings().smtp_url
    if smtp_url is None:
        report.waiting = _note_unsent(now)
        return report
    target = parse_smtp_url(smtp_url)
    while True:
        with session_scope() as session:
            claimed = claim(session, now)
        for message_id in claimed:
            _deliver_one(message_id, target, report)
        if len(claimed) < BATCH:
            return report
