"""All tables, imported here so `SQLModel.metadata` knows every one of them."""

from hr_app.models.audit import AuditEntry
from hr_app.models.cv import CvDocument, JobTitle, UserCvData
from hr_app.models.cv_people import CvNote, CvTag, CvTagLink
from hr_app.models.enums import (
    CvSource,
    CvStatus,
    Difficulty,
    DocumentKind,
    InterviewStatus,
    OutboxStatus,
    QuestionType,
    Recommendation,
    Role,
    ScorecardStatus,
    SignalKind,
    TextStatus,
)
from hr_app.models.interview import (
    RATING_FIELDS,
    Evaluation,
    Interview,
    InterviewInterviewer,
    ScorecardCriterion,
    ScorecardRating,
    StatusChange,
    is_lead_scorecard,
)
from hr_app.models.org import AccountToken, AppUser, Organization
from hr_app.models.outbox import OutboxAttachment, OutboxMessage
from hr_app.models.panel import Answer, IntegritySignal, InterviewPanel, PanelCandidate, QuestionDistribution
from hr_app.models.questions import Category, Question, SubTopic, Topic

__all__ = [
    "RATING_FIELDS",
    "AccountToken",
    "Answer",
    "AppUser",
    "AuditEntry",
    "Category",
    "CvDocument",
    "CvNote",
    "CvSource",
    "CvStatus",
    "CvTag",
    "CvTagLink",
    "Difficulty",
    "DocumentKind",
    "Evaluation",
    "IntegritySignal",
    "Interview",
    "InterviewInterviewer",
    "InterviewPanel",
    "InterviewStatus",
    "JobTitle",
    "Organization",
    "OutboxAttachment",
    "OutboxMessage",
    "OutboxStatus",
    "PanelCandidate",
    "Question",
    "QuestionDistribution",
    "QuestionType",
    "Recommendation",
    "Role",
    "ScorecardCriterion",
    "ScorecardRating",
    "ScorecardStatus",
    "SignalKind",
    "StatusChange",
    "SubTopic",
    "TextStatus",
    "Topic",
    "UserCvData",
    "is_lead_scorecard",
]
