"""The decision view's arithmetic (issue 18): the submitted scorecards side by side, each criterion's mean and
spread, where the interviewers disagree, and who has not submitted yet. Pure: it reads a `ScorecardsView` (what
the caller may see, `scorecards.visible_scorecards`) and touches no database (decision 100)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from hr_app.models import Recommendation, ScorecardStatus
from hr_app.schemas.records import CriterionRecord, ScorecardRecord, ScorecardsView

SPREAD_FLAG = 4  # a criterion whose highest and lowest rating are this far apart is a disagreement
NO_SIDE = frozenset({Recommendation.STRONG_NO, Recommendation.NO})
YES_SIDE = frozenset({Recommendation.YES, Recommendation.STRONG_YES})


@dataclass(frozen=True)
class CriterionLine:
    criterion: CriterionRecord
    ratings: list[int | None]  # one per compared scorecard, in their order
    mean: Decimal | None  # to one decimal, half up; None when nobody rated it
    spread: int | None  # highest minus lowest rating
    split: bool  # spread of SPREAD_FLAG or more


@dataclass(frozen=True)
class Decision:
    compared: list[ScorecardRecord]  # the submitted scorecards the caller may see, lead first
    lines: list[CriterionLine]
    recommendations_split: bool  # recommendations on both sides of yes/no
    waiting_for: list[str]  # the interviewers whose scorecard is not submitted, in the team's order

    @property
    def disagreement(self) -> bool:
        return self.recommendations_split or any(line.split for line in self.lines)


def mean_of(numbers: list[int]) -> Decimal | None:
    if not numbers:
        return None
    return (Decimal(sum(numbers)) / len(numbers)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def criterion_line(criterion: CriterionRecord, compared: list[ScorecardRecord]) -> CriterionLine:
    ratings = [card.ratings[criterion.key].rating if criterion.key in card.ratings else None for card in compared]
    given = [rating for rating in ratings if rating is not None]
    spread = max(given) - min(given) if given else None
    return CriterionLine(criterion, ratings, mean_of(given), spread, spread is not None and spread >= SPREAD_FLAG)


def is_split(recommendations: list[Recommendation | None]) -> bool:
    given = set(recommendations)
    return bool(given & NO_SIDE) and bool(given & YES_SIDE)


def decide(view: ScorecardsView) -> Decision:
    compared = [card for card in view.scorecards if card.scorecard.status == ScorecardStatus.SUBMITTED]
    waiting = [member.user.full_name for member in view.interviewers if member.status != ScorecardStatus.SUBMITTED]
    return Decision(
        compared=compared,
        lines=[criterion_line(criterion, compared) for criterion in view.criteria],
        recommendations_split=is_split([card.scorecard.recommendation for card in compared]),
        waiting_for=waiting,
    )
