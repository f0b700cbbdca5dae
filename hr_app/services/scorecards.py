"""Scorecards: who interviews, who may write and see which scorecard, and the job titles' criteria (issue 18).

An interview's interviewers are its lead (`Interview.interviewer_id`, the spec's `interviewer`) and the
`InterviewInterviewer` rows; each writes their own scorecard (an `Evaluation` row, decision 60).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace

from sqlmodel import Session, col, select

from hr_app.kit.access import NO_PERMISSION, STAFF_ROLES
from hr_app.kit.errors import Forbidden, Invalid, NotFound
from hr_app.kit.ids import parse_uuid
from hr_app.kit.time import as_utc, utcnow
from hr_app.models import (
    RATING_FIELDS,
    AppUser,
    Evaluation,
    Interview,
    InterviewInterviewer,
    Organization,
    ScorecardCriterion,
    ScorecardRating,
    ScorecardStatus,
)
from hr_app.schemas.records import (
    CriterionRecord,
    InterviewRecord,
    RatingEntry,
    ScorecardRecord,
    ScorecardsView,
    TeamMember,
    has_data,
)
from hr_app.services import blind
from hr_app.services.interviews import get_interview


def scorecard_of(session: Session, interview_id: uuid.UUID, interviewer_id: int | None) -> Evaluation | None:
    return session.exec(
        select(Evaluation).where(
            Evaluation.interview_id == interview_id,
            col(Evaluation.interviewer_id).is_not_distinct_from(interviewer_id),
        )
    ).first()


def hand_over_lead(session: Session, interview: Interview, previous_lead_id: int | None) -> None:
    """After the lead changed: an empty scorecard of the previous lead moves to the new one; one holding data stays
    its author's, who stays on the interview as a co-interviewer (decision 62). The lead is never a co-row."""
    new_lead_id = interview.interviewer_id
    if new_lead_id == previous_lead_id:
        return
    previous = scorecard_of(session, interview.id, previous_lead_id)
    current = scorecard_of(session, interview.id, new_lead_id)
    if new_lead_id is not None:
        row = session.get(InterviewInterviewer, (interview.id, new_lead_id))
        if row is not None:
            session.delete(row)
    if previous is not None and not has_data(previous):
        if current is None:
            previous.interviewer_id, previous.updated_at = new_lead_id, utcnow()
            session.add(previous)
        else:
            session.delete(previous)
    elif (
        previous is not None
        and previous_lead_id is not None
        and session.get(InterviewInterviewer, (interview.id, previous_lead_id)) is None
    ):
        session.add(InterviewInterviewer(interview_id=interview.id, user_id=previous_lead_id))
    session.flush()


# --- who writes and who sees ----------------------------------------------------------------------------

WRITE_REFUSED = "Only the interview's interviewers, or admin and hr for the lead's scorecard, can write it."
NOT_STARTED = "The interview has not started yet: scorecards open at its scheduled start."
SUBMITTED = "This scorecard is submitted: its author reopens it (with a reason) to change it."


def interviewer_ids(session: Session, interview: Interview) -> list[int]:
    """The lead first, then the others in the order they were added."""
    others = session.exec(
        select(InterviewInterviewer.user_id)
        .where(InterviewInterviewer.interview_id == interview.id)
        .order_by(col(InterviewInterviewer.created_at), col(InterviewInterviewer.user_id))
    ).all()
    lead = [interview.interviewer_id] if interview.interviewer_id is not None else []
    return [*lead, *(user_id for user_id in others if user_id != interview.interviewer_id)]


def closed(message: str, sentence: str) -> Invalid:
    return Invalid(message, {"non_field_errors": [sentence]})


def has_started(interview: Interview) -> bool:
    return utcnow() >= as_utc(interview.scheduled_at)


def spec_write_target(session: Session, actor: AppUser, interview: Interview) -> Evaluation:
    """The scorecard the spec's evaluation routes write for `actor`: their own when they interview, the lead's for
    admin and hr, else 403. Nobody writes before the scheduled start, nor into a submitted scorecard (400)."""
    if actor.id in interviewer_ids(session, interview):
        author_id: int | None = actor.id
    elif actor.role in STAFF_ROLES:
        author_id = interview.interviewer_id
    else:
        raise Forbidden(NO_PERMISSION, WRITE_REFUSED)
    if not has_started(interview):
        raise closed("Invalid evaluation data", NOT_STARTED)
    scorecard = scorecard_of(session, interview.id, author_id)
    if scorecard is not None and scorecard.status == ScorecardStatus.SUBMITTED:
        raise closed("Invalid evaluation data", SUBMITTED)
    return scorecard or Evaluation(interview_id=interview.id, interviewer_id=author_id)


def spec_form_card(session: Session, actor: AppUser, record: InterviewRecord) -> Evaluation | None:
    """The scorecard the interview page's spec form shows `actor` (decision 114): the one its save writes, their
    own when they interview (a co-interviewer's, not the lead's), else the lead's as `record` (as_seen_by) has it."""
    interview = record.interview
    if actor.id in interviewer_ids(session, interview) and actor.id != interview.interviewer_id:
        return scorecard_of(session, interview.id, actor.id)
    return record.evaluation


def write_refusal(session: Session, actor: AppUser, interview: Interview) -> str:
    """Why `actor` cannot fill in a scorecard of this interview now, or "" when they can: the interview page shows
    its form read-only with this sentence rather than letting a save be refused."""
    try:
        spec_write_target(session, actor, interview)
    except Forbidden as refused:
        return str(refused.details)
    except Invalid as refused:
        return " ".join(" ".join(problems) for problems in refused.field_errors.values())
    return ""


def sees_others(session: Session, actor: AppUser, interview: Interview) -> bool:
    """Blind until submitted: admin and hr see every scorecard; with the organization's blind setting on, anyone else
    sees the others' only once their own is submitted (decision 63; the rule is `blind.sees_others`)."""
    return blind.sees_others(session, actor, interview.organization_id, interview.id)


def as_seen_by(session: Session, actor: AppUser, record: InterviewRecord) -> InterviewRecord:
    """The record with the lead's scorecard (the spec's evaluation) left out when `actor` may not see it yet."""
    interview = record.interview
    if record.evaluation is None or actor.id == interview.interviewer_id or sees_others(session, actor, interview):
        return record
    return replace(record, evaluation=None)


@dataclass(frozen=True)
class Visibility:
    """What the blind rule needs to judge many interviews at once: the organization's setting and every submitted
    scorecard (interview id, interviewer id) among them. Read once, applied per viewer (`blind_records`)."""

    blind: bool
    submitted: frozenset[tuple[uuid.UUID, int | None]]


def visibility_of(session: Session, organization_id: uuid.UUID, interview_ids: Iterable[uuid.UUID]) -> Visibility:
    """Two statements for any number of interviews."""
    organization = session.get(Organization, organization_id)
    ids = list(interview_ids)
    if organization is None or not organization.blind_scorecards or not ids:
        return Visibility(blind=organization is not None and organization.blind_scorecards, submitted=frozenset())
    return Visibility(blind=True, submitted=submitted_pairs(session, ids))


def submitted_pairs(session: Session, interview_ids: list[uuid.UUID]) -> frozenset[tuple[uuid.UUID, int | None]]:
    """(interview id, interviewer id) of every submitted scorecard of these interviews, in one statement."""
    rows = session.exec(
        select(Evaluation.interview_id, Evaluation.interviewer_id).where(
            col(Evaluation.interview_id).in_(interview_ids), Evaluation.status == ScorecardStatus.SUBMITTED
        )
    ).all()
    return frozenset((interview_id, user_id) for interview_id, user_id in rows)


def blind_records(
    records: list[InterviewRecord], visibility: Visibility, user_id: int, role: str
) -> list[InterviewRecord]:
    """`as_seen_by` for a whole list without a query: the lead's scorecard left out of each record whose viewer is
    neither staff, nor its lead, nor an interviewer who submitted their own (the board, its pushes, a profile)."""
    if role in STAFF_ROLES or not visibility.blind:
        return records
    return [
        record
        if record.evaluation is None
        or record.interview.interviewer_id == user_id
        or (record.interview.id, user_id) in visibility.submitted
        else replace(record, evaluation=None)
        for record in records
    ]


# --- criteria and what a scorecard holds -------------------------------------------------------------------

DEFAULT_CRITERIA = tuple(CriterionRecord(key=key, name=key.capitalize()) for key in RATING_FIELDS)

RatingRows = dict[str, ScorecardRating]


def criteria_for(session: Session, job_title_id: int | None) -> list[CriterionRecord]:
    """The job title's template in its order, else the spec's five (decision 61)."""
    if job_title_id is None:
        return list(DEFAULT_CRITERIA)
    rows = session.exec(
        select(ScorecardCriterion)
        .where(ScorecardCriterion.job_title_id == job_title_id)
        .order_by(col(ScorecardCriterion.position), col(ScorecardCriterion.id))
    ).all()
    template = [CriterionRecord(row.key, row.name, row.guide_2, row.guide_5, row.guide_8) for row in rows]
    return template or list(DEFAULT_CRITERIA)


def rating_rows(session: Session, cards: Iterable[Evaluation]) -> dict[uuid.UUID, RatingRows]:
    """The `scorecard_rating` rows of these scorecards, by scorecard and criterion (one query)."""
    ids = [card.id for card in cards]
    found: dict[uuid.UUID, RatingRows] = {card_id: {} for card_id in ids}
    if ids:
        for row in session.exec(select(ScorecardRating).where(col(ScorecardRating.scorecard_id).in_(ids))).all():
            found[row.scorecard_id][row.criterion] = row
    return found


def rating_of(card: Evaluation, rows: RatingRows, key: str) -> RatingEntry:
    row = rows.get(key)
    rating = getattr(card, key) if key in RATING_FIELDS else (row.rating if row else None)
    return RatingEntry(rating=rating, note=row.note if row else None)


def has_content(card: Evaluation, rows: RatingRows) -> bool:
    """Anything written: a spec field, the recommendation, strengths, concerns, any rating or note."""
    written = (card.recommendation, card.strengths, card.concerns)
    return (
        has_data(card)
        or any(value is not None for value in written)
        or any(row.rating is not None or row.note is not None for row in rows.values())
    )


def progress(card: Evaluation | None, rows: RatingRows) -> ScorecardStatus | None:
    """submitted, draft (something written), or None (nothing yet)."""
    if card is None:
        return None
    if card.status == ScorecardStatus.SUBMITTED:
        return ScorecardStatus.SUBMITTED
    return ScorecardStatus.DRAFT if has_content(card, rows) else None


def scorecard_record(
    card: Evaluation, interviewer: AppUser | None, criteria: list[CriterionRecord], rows: RatingRows
) -> ScorecardRecord:
    ratings = {criterion.key: rating_of(card, rows, criterion.key) for criterion in criteria}
    return ScorecardRecord(scorecard=card, interviewer=interviewer, ratings=ratings)


# --- reading them as the caller may ----------------------------------------------------------------------


def _users(session: Session, ids: Iterable[int | None]) -> dict[int, AppUser]:
    wanted = {user_id for user_id in ids if user_id is not None}
    if not wanted:
        return {}
    return {user.id: user for user in session.exec(select(AppUser).where(col(AppUser.id).in_(wanted))).all() if user.id}


def team_of(
    session: Session, interview: Interview, cards: dict[int | None, Evaluation], rows: dict[uuid.UUID, RatingRows]
) -> list[TeamMember]:
    """The interviewers, lead first, with how far each one's scorecard is."""
    ids = interviewer_ids(session, interview)
    users = _users(session, ids)
    team = []
    for user_id in ids:
        card = cards.get(user_id)
        status = progress(card, rows[card.id]) if card else None
        team.append(TeamMember(user=users[user_id], lead=user_id == interview.interviewer_id, status=status))
    return team


def cards_of(session: Session, interview: Interview) -> dict[int | None, Evaluation]:
    rows = session.exec(select(Evaluation).where(Evaluation.interview_id == interview.id)).all()
    return {card.interviewer_id: card for card in rows}


def visible_scorecards(session: Session, *, actor: AppUser, interview_id: uuid.UUID | str) -> ScorecardsView:
    """Every interviewer's progress, and the scorecards with content that `actor` may read: their own always, the
    others' when the blind rule lets them (admin and hr; anyone once their own is submitted; everyone when the
    organization's blind setting is off). Lead first, then in the order the interviewers were added."""
    record = get_interview(session, actor=actor, interview_id=interview_id)
    interview = record.interview
    cards = cards_of(session, interview)
    rows = rating_rows(session, cards.values())
    team = team_of(session, interview, cards, rows)
    criteria = criteria_for(session, record.candidate.job_title_id)
    sees_all = sees_others(session, actor, interview)
    on_team = [member.user.id for member in team]
    order = [*on_team, *(key for key in cards if key not in on_team)]  # a lead-less interview's slot last
    users = {member.user.id: member.user for member in team} | _users(session, set(cards) - set(on_team))
    shown = [
        scorecard_record(cards[key], users.get(key), criteria, rows[cards[key].id])
        for key in order
        if key in cards and progress(cards[key], rows[cards[key].id]) is not None and (sees_all or key == actor.id)
    ]
    return ScorecardsView(criteria=criteria, interviewers=team, scorecards=shown)


SCORECARD_NOT_FOUND = ("Scorecard not found", "This interview has no such scorecard")


def visible_scorecard(
    session: Session, *, actor: AppUser, interview_id: uuid.UUID | str, scorecard_id: uuid.UUID | str
) -> Evaluation:
    """One scorecard of the interview, when `actor` may see it: their own always, another's when the blind rule
    lets them (as `visible_scorecards`). Unknown, another interview's and hidden all answer the same 404."""
    interview = get_interview(session, actor=actor, interview_id=interview_id).interview
    wanted = parse_uuid(scorecard_id)
    card = session.get(Evaluation, wanted) if wanted is not None else None
    if card is None or card.interview_id != interview.id:
        raise NotFound(*SCORECARD_NOT_FOUND)
    if card.interviewer_id != actor.id and not sees_others(session, actor, interview):
        raise NotFound(*SCORECARD_NOT_FOUND)
    return card
