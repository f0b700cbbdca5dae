"""What the interview page's scorecard parts show (issue 18), read off the loop: the caller's own scorecard as form
rows, and the decision view of the scorecards the caller may see (`scorecards.visible_scorecards`, blind until
submitted; the arithmetic is `services.scorecard_decision`)."""

from __future__ import annotations

import dataclasses

from pydantic import ValidationError
from sqlmodel import Session

from hr_app.kit.errors import Invalid
from hr_app.kit.limits import RATING_MAX, RATING_MIN
from hr_app.models import AppUser, Recommendation, ScorecardStatus
from hr_app.schemas.interviews import scorecard_voice_note_url
from hr_app.schemas.records import CriterionRecord, ScorecardRecord, ScorecardsView
from hr_app.schemas.scorecards import ScorecardIn
from hr_app.services import interviews, scorecard_writes, scorecards
from hr_app.services.scorecard_decision import Decision, decide
from hr_app.ui import format

RECOMMENDATIONS = {
    Recommendation.STRONG_NO: "Strong no",
    Recommendation.NO: "No",
    Recommendation.YES: "Yes",
    Recommendation.STRONG_YES: "Strong yes",
}
NOT_A_RATING = f"Enter a whole number from {RATING_MIN} to {RATING_MAX}."


@dataclasses.dataclass
class CriterionRow:
    key: str = ""
    name: str = ""
    guide: str = ""  # what a 2, a 5 and an 8 look like, when the template says
    rating: str = ""
    note: str = ""
    error: str = ""
    note_error: str = ""


@dataclasses.dataclass
class DecisionCell:
    rating: str = ""
    note: str = ""


@dataclasses.dataclass
class DecisionRow:
    name: str = ""
    cells: list[DecisionCell] = dataclasses.field(default_factory=list)
    mean: str = ""
    spread: str = ""
    split: bool = False


@dataclasses.dataclass
class DecisionColumn:
    name: str = ""
    recommendation: str = ""
    strengths: str = ""
    concerns: str = ""
    voice_url: str = ""  # this scorecard's own voice note, "" when it has none
    voice_player: str = ""  # the <audio>'s id
    voice_key: str = ""  # changes with the file, so a new note remounts the player and is fetched again
    voice_label: str = ""  # the player's accessible name


@dataclasses.dataclass(frozen=True)
class ScorecardPage:
    view: ScorecardsView
    decision: Decision
    sees_all: bool  # the blind rule lets the caller see the others' scorecards
    is_interviewer: bool
    mine: ScorecardRecord | None
    closed_because: str  # why the caller cannot write their scorecard now ("" when they can)
    needs_reason: bool  # admin or hr before the scheduled start: they write with a reason (audited)


def read_scorecards(session: Session, actor: AppUser, interview_id: str) -> ScorecardPage:
    view = scorecards.visible_scorecards(session, actor=actor, interview_id=interview_id)
    interview = interviews.get_interview(session, actor=actor, interview_id=interview_id).interview
    mine = next((card for card in view.scorecards if card.scorecard.interviewer_id == actor.id), None)
    early = scorecard_writes.needs_early_reason(actor, interview)
    return ScorecardPage(
        view=view,
        decision=decide(view),
        sees_all=scorecards.sees_others(session, actor, interview),
        is_interviewer=any(member.user.id == actor.id for member in view.interviewers),
        mine=mine,
        closed_because="" if scorecards.has_started(interview) or early else scorecards.NOT_STARTED,
        needs_reason=early,
    )


def _guide(criterion: CriterionRecord) -> str:
    said = [(n, text) for n, text in (("2", criterion.guide_2), ("5", criterion.guide_5), ("8", criterion.guide_8))]
    return " · ".join(f"{n}: {text}" for n, text in said if text)


def criterion_rows(page: ScorecardPage) -> list[CriterionRow]:
    rows = []
    for criterion in page.view.criteria:
        entry = page.mine.ratings.get(criterion.key) if page.mine else None
        rating = "" if entry is None or entry.rating is None else str(entry.rating)
        note = (entry.note if entry else None) or ""
        rows.append(CriterionRow(criterion.key, criterion.name, _guide(criterion), rating, note))
    return rows


def _cell(value: int | None) -> str:
    return "—" if value is None else str(value)


def _notes(decision: Decision, key: str) -> list[str]:
    return [(card.ratings[key].note if key in card.ratings else None) or "" for card in decision.compared]


def decision_rows(decision: Decision) -> list[DecisionRow]:
    return [
        DecisionRow(
            name=line.criterion.name,
            cells=[
                DecisionCell(_cell(rating), note)
                for rating, note in zip(line.ratings, _notes(decision, line.criterion.key), strict=True)
            ],
            mean=format.average_label(line.mean),
            spread=_cell(line.spread),
            split=line.split,
        )
        for line in decision.lines
    ]


def decision_columns(decision: Decision) -> list[DecisionColumn]:
    return [
        DecisionColumn(
            name=card.interviewer.full_name if card.interviewer else "(deleted user)",
            recommendation=RECOMMENDATIONS.get(card.scorecard.recommendation, "—"),  # type: ignore[arg-type]
            strengths=card.scorecard.strengths or "",
            concerns=card.scorecard.concerns or "",
            **_voice(card),
        )
        for card in decision.compared
    ]


def _voice(card: ScorecardRecord) -> dict[str, str]:
    scorecard = card.scorecard
    if not scorecard.voice_note_file:
        return {}
    return {
        "voice_url": scorecard_voice_note_url(scorecard.interview_id, scorecard.id),
        "voice_player": f"dc-voice-{scorecard.id}",
        "voice_key": f"{scorecard.id}-{scorecard.voice_note_file}",
        "voice_label": f"Voice note of {card.interviewer.full_name if card.interviewer else '(deleted user)'}",
    }


def progress_text(view: ScorecardsView) -> str:
    done = sum(1 for member in view.interviewers if member.status == ScorecardStatus.SUBMITTED)
    return format.scorecards_in(done, len(view.interviewers))


def _parse_rating(text: str) -> int | None:
    """A blank field is no rating; anything but a whole number 0-10 is refused (ValueError)."""
    if not text.strip():
        return None
    number = int(text.strip())
    if not RATING_MIN <= number <= RATING_MAX:
        raise ValueError(text)
    return number


def _field_of(location: tuple[int | str, ...]) -> str:
    """pydantic's ("ratings", "knowledge", "note") as the service names fields; a rating is named by its criterion."""
    return ".".join(str(part) for part in location).removesuffix(".rating") or "non_field_errors"


def field_messages(error: Invalid) -> dict[str, str]:
    return {_field_of(tuple(field.split("."))): " ".join(problems) for field, problems in error.field_errors.items()}


def draft_of(
    rows: list[CriterionRow], recommendation: str, strengths: str, concerns: str, reason: str = ""
) -> ScorecardIn:
    """The form as the service's input, or Invalid naming each field the way the service would."""
    ratings: dict[str, dict[str, object]] = {}
    errors: dict[str, list[str]] = {}
    for row in rows:
        try:
            ratings[row.key] = {"rating": _parse_rating(row.rating), "note": row.note.strip() or None}
        except ValueError:
            errors[f"ratings.{row.key}"] = [NOT_A_RATING]
    if errors:
        raise Invalid("Invalid scorecard data", errors)
    data = {
        "ratings": ratings,
        "recommendation": recommendation or None,
        "strengths": strengths,
        "concerns": concerns,
        "reason": reason.strip() or None,
    }
    try:
        return ScorecardIn.model_validate(data)
    except ValidationError as error:
        problems: dict[str, list[str]] = {}
        for problem in error.errors():
            problems.setdefault(_field_of(problem["loc"]), []).append(problem["msg"])
        raise Invalid("Invalid scorecard data", problems) from error
