"""A panel's results as CSV: one row per candidate, in the order `panels.panel_results` gives."""

from __future__ import annotations

import csv
import io

from hr_app.models import InterviewPanel, PanelCandidate
from hr_app.schemas.common import format_utc
from hr_app.schemas.panels import CandidateProgress, SessionState
from hr_app.services.exports import safe_cell
from hr_app.services.question_scoring import WAITING_FOR_HAND_SCORING

HEADER = ("Candidate", "E-mail", "State", "Answered", "Questions", "Score", "Opened at (UTC)", "Submitted at (UTC)")
STATE_LABELS = {
    SessionState.NOT_OPEN: "Not opened",
    SessionState.OPEN: "In progress",
    SessionState.SUBMITTED: "Submitted",
    SessionState.EXPIRED: "Expired",
}


def _score_cell(candidate: PanelCandidate) -> object:
    return WAITING_FOR_HAND_SCORING if candidate.hand_scoring_pending else candidate.score


def results_csv(panel: InterviewPanel, progress: list[CandidateProgress]) -> str:
    """The score is filled only for submitted sessions (an unsubmitted session has no score yet), and says it is
    waiting while a written answer is not scored by hand."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for item in progress:
        candidate = item.candidate
        submitted = item.state == SessionState.SUBMITTED
        writer.writerow(
            [
                safe_cell(item.cv.name),
                safe_cell(item.cv.email),
                STATE_LABELS[item.state],
                item.answered,
                item.total,
                _score_cell(candidate) if submitted else "",
                format_utc(candidate.opened_at) if candidate.opened_at else "",
                format_utc(candidate.submitted_at) if candidate.submitted_at else "",
            ]
        )
    return buffer.getvalue()
