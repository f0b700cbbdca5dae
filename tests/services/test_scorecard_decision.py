"""The decision view's arithmetic, against numbers worked out by hand (no database)."""

from __future__ import annotations

from decimal import Decimal

from hr_app.models import AppUser, Evaluation, Recommendation, ScorecardStatus
from hr_app.schemas.records import CriterionRecord, RatingEntry, ScorecardRecord, ScorecardsView, TeamMember
from hr_app.services.scorecard_decision import decide

CRITERIA = [CriterionRecord("knowledge", "Knowledge"), CriterionRecord("python", "Python")]
ANN, BEN, RAVI = (
    AppUser(id=n, first_name=name, email=f"{name}@x.test", password_hash="")
    for n, name in ((1, "Ann"), (2, "Ben"), (3, "Ravi"))
)


def _card(
    user: AppUser,
    ratings: dict[str, int | None],
    recommendation: Recommendation | None,
    status: ScorecardStatus = ScorecardStatus.SUBMITTED,
) -> ScorecardRecord:
    card = Evaluation(interviewer_id=user.id, status=status, recommendation=recommendation)
    return ScorecardRecord(card, user, {key: RatingEntry(value, None) for key, value in ratings.items()})


def _view(cards: list[ScorecardRecord], ravi: ScorecardStatus | None) -> ScorecardsView:
    team = [
        TeamMember(ANN, True, ScorecardStatus.SUBMITTED),
        TeamMember(BEN, False, ScorecardStatus.SUBMITTED),
        TeamMember(RAVI, False, ravi),
    ]
    return ScorecardsView(CRITERIA, team, cards)


def test_mean_spread_and_the_disagreement_flag_as_worked_by_hand():
    # knowledge 9 and 4: mean 6.5, spread 5 (>= 4: split); python 7 and 8: mean 7.5, spread 1.
    # Ravi's draft is not compared: he is named as missing.
    decision = decide(
        _view(
            [
                _card(ANN, {"knowledge": 9, "python": 7}, Recommendation.YES),
                _card(BEN, {"knowledge": 4, "python": 8}, Recommendation.YES),
                _card(RAVI, {"knowledge": 0, "python": None}, Recommendation.STRONG_NO, ScorecardStatus.DRAFT),
            ],
            ScorecardStatus.DRAFT,
        )
    )
    knowledge, python = decision.lines
    assert [card.interviewer.first_name for card in decision.compared] == ["Ann", "Ben"]
    assert (knowledge.ratings, knowledge.mean, knowledge.spread, knowledge.split) == ([9, 4], Decimal("6.5"), 5, True)
    assert (python.ratings, python.mean, python.spread, python.split) == ([7, 8], Decimal("7.5"), 1, False)
    assert not decision.recommendations_split
    assert decision.disagreement
    assert decision.waiting_for == ["Ravi"]


def test_recommendations_on_both_sides_flag_even_when_ratings_agree():
    # 6, 7, 7: mean 20/3 = 6.666... -> 6.7, spread 1; strong yes against no is a split.
    decision = decide(
        _view(
            [
                _card(ANN, {"knowledge": 6, "python": 6}, Recommendation.STRONG_YES),
                _card(BEN, {"knowledge": 7, "python": 9}, Recommendation.NO),
                _card(RAVI, {"knowledge": 7, "python": 8}, Recommendation.YES),
            ],
            ScorecardStatus.SUBMITTED,
        )
    )
    knowledge, python = decision.lines
    assert (knowledge.mean, knowledge.spread, knowledge.split) == (Decimal("6.7"), 1, False)
    assert (python.mean, python.spread, python.split) == (Decimal("7.7"), 3, False)
    assert decision.recommendations_split and decision.disagreement
    assert decision.waiting_for == []


def test_a_spread_of_three_and_one_side_only_is_no_disagreement_and_nothing_rated_has_no_mean():
    decision = decide(
        _view(
            [
                _card(ANN, {"knowledge": 5, "python": None}, Recommendation.STRONG_NO),
                _card(BEN, {"knowledge": 8, "python": None}, Recommendation.NO),
            ],
            None,
        )
    )
    knowledge, python = decision.lines
    assert (knowledge.spread, knowledge.split) == (3, False)
    assert (python.mean, python.spread) == (None, None)
    assert not decision.disagreement
    assert decision.waiting_for == ["Ravi"]
