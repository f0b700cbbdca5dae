"""The closed sets of values the domain uses; stored as strings with CHECK constraints."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    HR = "hr"
    INTERVIEWER = "interviewer"


class CvStatus(StrEnum):
    PENDING = "pending"
    ONGOING = "ongoing"
    SELECTED = "selected"
    REJECTED = "rejected"


class CvSource(StrEnum):
    """Where a candidate came from (issue 17); a CV may have none (every CV from before revision 0013)."""

    REFERRAL = "referral"
    JOB_BOARD = "job_board"
    AGENCY = "agency"
    CAREER_SITE = "career_site"
    OTHER = "other"


class InterviewStatus(StrEnum):
    PENDING = "pending"
    SELECTED = "selected"
    REJECTED = "rejected"


class Difficulty(StrEnum):
    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"


class QuestionType(StrEnum):
    """How a question is answered and scored (issue 19); every question from before revision 0016 is single choice."""

    SINGLE_CHOICE = "single_choice"  # one option is right
    MULTIPLE_CHOICE = "multiple_choice"  # several options are right: all or nothing, or partial credit
    TRUE_FALSE = "true_false"  # the two fixed options True and False
    FREE_TEXT = "free_text"  # a short text, scored by hand by HR


class ScorecardStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"


class Recommendation(StrEnum):
    """An interviewer's overall call; the first two and the last two are the two sides of a disagreement."""

    STRONG_NO = "strong_no"
    NO = "no"
    YES = "yes"
    STRONG_YES = "strong_yes"


class OutboxStatus(StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"


class DocumentKind(StrEnum):
    """The CV document formats accepted, each recognised by its content."""

    PDF = "pdf"
    DOCX = "docx"
    ODT = "odt"
    TXT = "txt"


class TextStatus(StrEnum):
    """Where a CV document's text extraction stands (the background worker does it, never the request)."""

    PENDING = "pending"
    DONE = "done"
    NO_TEXT = "no_text"  # e.g. a scanned PDF: pages without a text layer (OCR is not done)
    FAILED = "failed"


class SignalKind(StrEnum):
    """What the candidate's page noticed during a session: context for HR, never a verdict."""

    TAB_HIDDEN = "tab_hidden"  # the tab went to the background (another tab, app or window)
    TAB_VISIBLE = "tab_visible"  # ... and came back
    FOCUS_LOST = "focus_lost"  # the window lost focus (another window in front, the tab still shown)
    PASTE = "paste"
    COPY = "copy"
    SECOND_WINDOW = "second_window"  # the same link answered from another window within two minutes


def sql_in(column: str, enum: type[StrEnum]) -> str:
    """A CHECK expression that keeps `column` inside `enum`."""
    values = ", ".join(f"'{member.value}'" for member in enum)
    return f"{column} IN ({values})"
