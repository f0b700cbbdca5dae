"""HR's live results say when the clock, not the candidate, submitted a session (issue 19)."""

from __future__ import annotations

from hr_app.kit.time import utcnow
from hr_app.models import PanelCandidate, UserCvData
from hr_app.schemas.panels import CandidateProgress, SessionState
from hr_app.ui.states.panel_results import result_row


def _row(timed_out: bool):
    candidate = PanelCandidate(score=2, submitted_at=utcnow(), opened_at=utcnow(), timed_out=timed_out)
    cv = UserCvData(name="Ann", email="ann@example.com")
    return result_row(CandidateProgress(candidate, cv, SessionState.SUBMITTED, 2, 3))


def test_a_time_out_is_labelled_and_a_submit_is_not():
    assert _row(True).label.endswith("(time ran out)") and _row(True).score == "2 / 3"
    assert not _row(False).label.endswith("(time ran out)")
