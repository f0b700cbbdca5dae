"""The demo shows the product working: interviews around now (one scored with a voice note, one decided) and a
panel with submitted results."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import select

from hr_app import storage
from hr_app.db import session_scope
from hr_app.demo.seed import seed_demo
from hr_app.kit.time import as_utc
from hr_app.models import CvStatus, Evaluation, Interview, PanelCandidate, UserCvData


def test_demo_seeds_interviews_around_now_and_panel_results(db):
    with session_scope() as session:
        assert seed_demo(session, password="Demo-password-1").created
    now = datetime.now(UTC)
    interviews = db.exec(select(Interview).order_by(Interview.scheduled_at)).all()
    offsets = [as_utc(i.scheduled_at) - now for i in interviews]
    assert len(interviews) == 4
    assert offsets[0] < -timedelta(hours=20) and timedelta(0) < offsets[2] < timedelta(hours=1)
    statuses = sorted(i.status for i in interviews)
    assert statuses.count("selected") == 1
    evaluations = {e.interview_id: e for e in db.exec(select(Evaluation))}
    with_note = [e for e in evaluations.values() if e.voice_note_file]
    assert len(with_note) == 1 and storage.get_storage().exists(with_note[0].voice_note_file)
    assert with_note[0].appearance == 8
    decided = next(i for i in interviews if i.status == "selected")
    assert db.get(UserCvData, decided.candidate_id).status == CvStatus.SELECTED.value
    submitted = db.exec(select(PanelCandidate).where(PanelCandidate.submitted_at.is_not(None))).all()
    assert len(submitted) == 2 and sorted(c.score for c in submitted)[0] < sorted(c.score for c in submitted)[1]


def test_the_demo_outbox_holds_what_its_interviews_and_panel_would_have_sent(db):
    from hr_app.models import OutboxMessage

    with session_scope() as session:
        assert seed_demo(session, password="Demo-password-1").created
    messages = db.exec(select(OutboxMessage)).all()
    invitations = [m for m in messages if m.kind == "interview_invitation"]
    assert len(invitations) == 2 * len(db.exec(select(Interview)).all())  # candidate and interviewer each
    links = sorted(m.recipient for m in messages if m.kind == "panel_link")
    candidates = db.exec(select(PanelCandidate)).all()
    assert links == sorted(db.get(UserCvData, c.candidate_id).email for c in candidates)
    assert {m.status for m in messages} == {"queued"}
