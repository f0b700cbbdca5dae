"""Every limit the domain enforces, written once: models, schemas, services and the UI read them from here.

A column's length, the request shape's `max_length`, the service's check, its message and the UI's counter all
derive from the one constant below, so changing a limit is a one-line edit (and a migration for a column).
`tests/test_limits.py` pins that the layers read these and that no copied literal comes back.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

# --- text lengths (characters) -----------------------------------------------------------------------
REMARK_MAX_LENGTH = 500  # a status change's remark (one interview or a bulk rejection)
DECISION_MESSAGE_MAX_LENGTH = 5000  # the decision e-mail's text, as HR edits it
LANGUAGES_MAX_LENGTH = 500  # an evaluation's "languages" note
EMAIL_MAX_LENGTH = 254  # RFC 5321's longest address: a user's and a CV's e-mail
PERSON_NAME_MAX_LENGTH = 150  # a user's first name, last name and job role
LABEL_MAX_LENGTH = 150  # a job title; a question bank category, topic or subtopic
TITLE_MAX_LENGTH = 255  # an organization, a panel, a CV's candidate name
PHONE_MAX_LENGTH = 32
PLACE_MAX_LENGTH = 120  # a CV's place and district
QUESTION_TEXT_MAX_LENGTH = 5000  # a question's text and explanation
OPTION_MAX_LENGTH = 500  # one answer option of a question
TEXT_ANSWER_MAX_LENGTH = 2000  # a candidate's answer to a free-text question (a short answer, not an essay)
PASSWORD_INPUT_MAX_LENGTH = 256  # what a request body may carry; the hash's own limit is in services/security
PASSWORD_MIN_LENGTH = 8
STATUS_COLUMN_LENGTH = 20  # the columns holding a status or a role (their enum's values)
CHOSEN_PASSWORD_MIN_LENGTH = 12  # a password chosen through an invitation, a reset link or a change (issue 16)
TIME_ZONE_MAX_LENGTH = 64  # an IANA time zone name (the longest today is 32)
SENDER_NAME_MAX_LENGTH = 100  # the organization's "from" name on e-mail
TOKEN_HASH_LENGTH = 64  # a one-time link token's SHA-256, in hex
TOKEN_PURPOSE_LENGTH = 10  # "invite" or "reset"
LINK_TOKEN_INPUT_MAX_LENGTH = 256  # what a request body may carry as a link token
OUTBOX_KIND_LENGTH = 40  # an outbox message's kind and its related object's type
OUTBOX_RELATED_ID_LENGTH = 64  # the related object's id (a UUID or an integer, as text)
WINDOW_ID_MAX_LENGTH = 64  # the browser window (Reflex client token) that last acted on a panel session
SIGNALS_PER_SESSION_MAX = 500  # integrity signals kept per panel session (a page stuck in a loop stops there)
CANDIDATES_PER_REQUEST_MAX = 500  # CVs added to a running panel in one request
IDEMPOTENCY_KEY_LENGTH = 200  # an outbox message's idempotency key (its Message-ID derives from it)
CONTENT_TYPE_LENGTH = 100  # an attachment's MIME type
FILE_NAME_MAX_LENGTH = 255  # a CV document's file name as the uploader named it (cleaned)
STORAGE_NAME_LENGTH = 255  # a stored file's generated name ("cv_documents/<hex>.pdf")
SHA256_HEX_LENGTH = 64  # a stored document's SHA-256, in hex
DOCUMENT_KIND_LENGTH = 10  # a CV document's kind (pdf, docx, odt, txt) and its text status
CRITERION_KEY_LENGTH = 64  # a scorecard criterion's key (a slug of its name; the spec's five are their own keys)
CRITERION_GUIDE_MAX_LENGTH = 500  # what a 2, a 5 or an 8 looks like on one criterion
CV_TAG_MAX_LENGTH = 40  # one tag's name (a word or two: "python", "relocation ok")
CV_TAG_KEY_LENGTH = 3 * CV_TAG_MAX_LENGTH  # a tag's case-folded name ("ß" folds to "ss": up to 3 characters each)
CV_NOTE_MAX_LENGTH = 5000  # one private note on a CV
REOPEN_REASON_MAX_LENGTH = 500  # why a submitted scorecard is reopened, or why it is written before the start
SCORECARD_TEXT_MAX_LENGTH = 5000  # a scorecard's strengths, its concerns, and each criterion's note

# --- request bodies (issue 15: capped as they stream, before anything else reads them) ---------------------
JSON_BODY_MAX_BYTES = 1024 * 1024  # a JSON (or any non-upload) request body
JSON_MAX_DEPTH = 64  # arrays and objects nested inside each other in one JSON body
MULTIPART_OVERHEAD_BYTES = 64 * 1024  # the part headers and boundaries around an upload's one file
BODY_MIN_BYTES_PER_SECOND = 16 * 1024  # past BODY_TIMEOUT_SECONDS, a large upload earns this much more time

# --- numeric ranges ------------------------------------------------------------------------------------
RATING_MIN, RATING_MAX = 0, 10  # each of an evaluation's five ratings, and every scorecard criterion's
CRITERIA_MAX = 20  # criteria one scorecard template may hold
INTERVIEWERS_MAX = 10  # interviewers one interview may have (the lead included)
DISAGREEMENT_SPREAD = 4  # the decision view flags a criterion whose ratings spread this much or more
BULK_STEP_DEFAULT_MINUTES = 15  # bulk start: minutes between one interview and the next
BULK_STEP_MIN_MINUTES, BULK_STEP_MAX_MINUTES = 5, 24 * 60
HAND_SCORE_MIN, HAND_SCORE_MAX = 0, 10  # HR's points for one free-text answer (HAND_SCORE_MAX: the full credit)
PANEL_MAX_QUESTIONS = 1000  # questions one panel may ask
PANEL_TIME_LIMIT_MIN, PANEL_TIME_LIMIT_MAX = 1, 24 * 60  # a panel's time limit per candidate (minutes)
SESSION_GRACE_SECONDS = 10  # past a candidate's deadline, answers in flight on the network are still taken
IMPORT_MAX_ROWS = 2000  # rows one import may carry: the question import and the CV import alike
INTERVIEW_MINUTES_MIN, INTERVIEW_MINUTES_MAX = 5, 8 * 60  # an organization's interview length
CLASH_WINDOW_MINUTES_MIN, CLASH_WINDOW_MINUTES_MAX = 0, 24 * 60  # an organization's clash window
PASS_MARK_MIN, PASS_MARK_MAX = 0, 100  # a panel's pass mark and the organization's default for it (per cent)
DEFAULT_PASS_MARK = 60
# The years an ISO week parameter may name (agenda, dashboard): a week of 9999 would end past the calendar.
ISO_WEEK_YEAR_MIN, ISO_WEEK_YEAR_MAX = 1000, 9998
POINTS_PLACES, POINTS_INTEGER_DIGITS = 2, 6  # a panel session's points: NUMERIC(8, 2) (at most 1000 questions)
SALARY_PLACES, SALARY_INTEGER_DIGITS = 2, 10  # an expected salary: NUMERIC(12, 2)
# A DOCX or ODT is a ZIP: more entries or more unpacked bytes than this is refused (a ZIP bomb, not a CV).
DOCUMENT_ZIP_MAX_ENTRIES = 2000
DOCUMENT_ZIP_MAX_UNPACKED_BYTES = 256 * 1024 * 1024
# A ZIP of CV documents (POST /api/cvs/import-documents/): one CV per document, within these bounds (a ZIP bomb).
IMPORT_ZIP_MAX_DOCUMENTS = 200
IMPORT_ZIP_MAX_UNPACKED_BYTES = 256 * 1024 * 1024
IMPORT_ZIP_MAX_RATIO = 100  # unpacked bytes per packed byte of one entry; text packs ~10:1, a bomb ~1000:1
CV_TEXT_MAX_CHARS = 200_000  # a CV document's extracted text kept for reading and search (a CV is far shorter)
CV_SEARCH_MAX_LENGTH = 200  # characters of one CV search (a few words; longer is refused)
CV_SEARCH_MAX_WORDS = 10  # words of one search that count (the rest are ignored)
CV_SEARCH_MAX_RESULTS = 50  # best-ranked CVs one search answers with (one page of the CVs list)
CV_TAGS_MAX = 20  # tags one CV may carry
CV_TEXT_SWEEP_BATCH = 50  # documents the worker's periodic run extracts at most per minute (missed enqueues)

# --- the messages that quote a limit (DRF's wording, as the spec writes them) ------------------------------


def too_long(limit: int) -> str:
    return f"Ensure this field has no more than {limit} characters."


def too_short(limit: int) -> str:
    return f"Ensure this field has at least {limit} characters."


def extra_fields(header: int, extra: int) -> str:
    """A CSV row longer than its header (both imports): refused, never cut silently."""
    return f"This row has {header + extra} fields; the header has {header}."


RATING_RANGE_MESSAGE = f"Rating must be between {RATING_MIN} and {RATING_MAX}"
BULK_STEP_RANGE_MESSAGE = f"Ensure this value is between {BULK_STEP_MIN_MINUTES} and {BULK_STEP_MAX_MINUTES}."

# --- constrained types for request shapes --------------------------------------------------------------
Remark = Annotated[str, Field(max_length=REMARK_MAX_LENGTH)]
Languages = Annotated[str, Field(max_length=LANGUAGES_MAX_LENGTH)]
Rating = Annotated[int, Field(ge=RATING_MIN, le=RATING_MAX)]
Email = Annotated[str, Field(max_length=EMAIL_MAX_LENGTH)]
PersonName = Annotated[str, Field(max_length=PERSON_NAME_MAX_LENGTH)]
PasswordInput = Annotated[str, Field(max_length=PASSWORD_INPUT_MAX_LENGTH)]
LinkToken = Annotated[str, Field(max_length=LINK_TOKEN_INPUT_MAX_LENGTH)]
TimeZoneName = Annotated[str, Field(max_length=TIME_ZONE_MAX_LENGTH)]
SenderName = Annotated[str, Field(max_length=SENDER_NAME_MAX_LENGTH)]
OrganizationName = Annotated[str, Field(max_length=TITLE_MAX_LENGTH)]
