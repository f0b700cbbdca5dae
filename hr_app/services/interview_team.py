"""Who interviews: admin and hr set an interview's interviewers besides its lead (issue 18)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import NamedTuple

from sqlmodel import Session, col, select

from hr_app.kit.access import require_staff
from hr_app.kit.errors import Invalid
from hr_app.kit.limits import INTERVIEWERS_MAX
from hr_app.models import AppUser, Interview, InterviewInterviewer
from hr_app.schemas.records import InterviewRecord, TeamMember
from hr_app.services import audit, events, interview_mail, scorecards
from hr_app.services.events import Topic
from hr_app.services.interviews import get_interview_for_update

FIELD = "interviewer_ids"
TOO_MANY = f"An interview has at most {INTERVIEWERS_MAX} interviewers, the lead included."


def _unknown(ids: list[int]) -> Invalid:
    listed = ", ".join(str(user_id) for user_id in ids)
    return Invalid.on(FIELD, f"Interviewer with this ID does not exist: {listed}.")


def _active_members(session: Session, organization_id: uuid.UUID, ids: list[int]) -> None:
    """Every id an active user of the organization (another organization's is as unknown as a missing one, 400,
    as start-interview answers for its `interviewer_id`)."""
    found = set(
        session.exec(
            select(AppUser.id).where(
                col(AppUser.id).in_(ids), AppUser.organization_id == organization_id, col(AppUser.is_active).is_(True)
            )
        ).all()
    )
    missing = [user_id for user_id in ids if user_id not in found]
    if missing:
        raise _unknown(missing)


def _wanted(interview: Interview, ids: list[int]) -> list[int]:
    """The co-interviewers asked for, in order, once each; the lead stays the lead whether listed or not."""
    return _team_of(interview.interviewer_id, ids)


def _team_of(lead_id: int | None, ids: Sequence[int]) -> list[int]:
    wanted = [user_id for user_id in dict.fromkeys(ids) if user_id != lead_id]
    if len(wanted) + (lead_id is not None) > INTERVIEWERS_MAX:
        raise Invalid.on(FIELD, TOO_MANY)
    return wanted


def check_team(session: Session, organization_id: uuid.UUID, lead_id: int | None, ids: Sequence[int]) -> list[int]:
    """The co-interviewers `set_interviewers` would give interviews with this lead, or its 400, before any is
    started (bulk start checks the team once for the whole batch)."""
    wanted = _team_of(lead_id, ids)
    _active_members(session, organization_id, wanted)
    return wanted


def _drop(session: Session, interview: Interview, removed: list[int]) -> None:
    """Remove these co-interviewers and their empty scorecards; one who has written something stays (400)."""
    cards = scorecards.cards_of(session, interview)
    rows = scorecards.rating_rows(session, cards.values())
    written = [uid for uid in removed if uid in cards and scorecards.progress(cards[uid], rows[cards[uid].id])]
    if written:
        users = session.exec(select(AppUser).where(col(AppUser.id).in_(written))).all()
        names = ", ".join(sorted(user.full_name or user.email for user in users))
        raise Invalid.on(FIELD, f"Has written a scorecard of this interview, so stays on it: {names}.")
    for user_id in removed:
        if user_id in cards:
            session.delete(cards[user_id])
        session.delete(session.get(InterviewInterviewer, (interview.id, user_id)))


def _mail_the_change(session: Session, record: InterviewRecord, *, added: set[int], removed: set[int]) -> None:
    users = {user.id: user for user in session.exec(select(AppUser).where(col(AppUser.id).in_(added | removed)))}
    interview_mail.queue_team_change(
        session,
        record,
        added=[users[i] for i in sorted(added) if i in users],
        removed=[users[i] for i in sorted(removed) if i in users],
    )


def set_interviewers(
    session: Session, *, actor: AppUser, interview_id: uuid.UUID | str, interviewer_ids: list[int]
) -> list[TeamMember]:
    """Admin and hr: the interview's interviewers become its lead plus `interviewer_ids`. Unknown, inactive or other
    organizations' users are 400; removing one who has written a scorecard is 400; a refusal changes nothing."""
    organization_id = require_staff(actor)
    record = get_interview_for_update(session, actor=actor, interview_id=interview_id)
    interview = record.interview
    wanted = _wanted(interview, interviewer_ids)
    _active_members(session, organization_id, wanted)
    before = scorecards.interviewer_ids(session, interview)
    current = [user_id for user_id in before if user_id != interview.interviewer_id]
    _drop(session, interview, [user_id for user_id in current if user_id not in wanted])
    session.add_all(
        InterviewInterviewer(interview_id=interview.id, user_id=user_id) for user_id in wanted if user_id not in current
    )
    session.flush()
    after = scorecards.interviewer_ids(session, interview)
    if set(after) != set(before):
        changed = ({FIELD: before}, {FIELD: after})
        audit.record(session, actor, audit.ObjectType.INTERVIEW, interview.id, "interviewers_changed", *changed)
        events.publish(session, interview.organization_id, Topic.INTERVIEWS, interview_ids=[interview.id])
        _mail_the_change(session, record, added=set(after) - set(before), removed=set(before) - set(after))
    cards = scorecards.cards_of(session, interview)
    return scorecards.team_of(session, interview, cards, scorecards.rating_rows(session, cards.values()))


class Progress(NamedTuple):
    submitted: int  # the interviewers whose scorecard is submitted
    total: int  # the interviewers, the lead included


def scorecard_progress(session: Session, interviews: Sequence[Interview]) -> dict[uuid.UUID, Progress]:
    """How many of each interview's interviewers have submitted their scorecard (the board's "2 of 3 scorecards
    in"): two queries for all the interviews, whatever their number. It says who has scored, not what, so it is
    not blind (as the interviewers' progress of `GET .../scorecards/`)."""
    ids = [interview.id for interview in interviews]
    if not ids:
        return {}
    team = {interview.id: {interview.interviewer_id} - {None} for interview in interviews}
    for interview_id, user_id in session.exec(
        select(InterviewInterviewer.interview_id, InterviewInterviewer.user_id).where(
            col(InterviewInterviewer.interview_id).in_(ids)
        )
    ).all():
        team[interview_id].add(user_id)
    done = {interview_id: 0 for interview_id in ids}
    for interview_id, user_id in scorecards.submitted_pairs(session, ids):
        done[interview_id] += user_id in team[interview_id]
    return {interview_id: Progress(done[interview_id], len(team[interview_id])) for interview_id in ids}
