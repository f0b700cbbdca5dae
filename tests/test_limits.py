"""Each rule once: every limit is one constant in hr_app/kit/limits.py that the column, the request shape, the
service's message and the UI all read; no copied literal comes back elsewhere in hr_app."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hr_app.kit import limits
from hr_app.models import Evaluation, StatusChange, UserCvData
from hr_app.schemas.interviews import EvaluationIn, StatusUpdateIn
from hr_app.schemas.scheduling import BulkRejectIn, BulkStartIn
from hr_app.ui.components.cv_bulk import bulk_reject_dialog

HR_APP = Path(__file__).resolve().parent.parent / "hr_app"
HOME = {HR_APP / "kit" / "limits.py", HR_APP / "config.py"}  # config's settings bound themselves

# Columns whose width one field uses and no rule repeats (a file name, a MIME type, a token, audit labels).
SINGLE_USE_WIDTHS = {
    ("models/interview.py", "voice_note_file"),
    ("models/interview.py", "voice_note_content_type"),
    ("models/org.py", "password_hash"),
    ("models/panel.py", "token"),
    ("models/audit.py", "actor_label"),
    ("models/audit.py", "object_type"),
    ("models/audit.py", "object_id"),
    ("models/audit.py", "action"),
}
_LENGTH_LITERAL = re.compile(r"^\s*(\w+):.*\bmax_length=\d")
# A bound of 2 or more written as a number (0 and 1 say "not negative", "from the first", "not blank").
_BOUND_LITERAL = re.compile(r"\b(?:le|ge|lt|gt|max|min|max_length|min_length)=(?:[2-9]|\d{2,})")
# A validation message ("Ensure this ...", "must be ...") that writes a limit of 2 or more instead of deriving it.
_QUOTED_LIMIT = re.compile(r"(?:Ensure this|must be)[^\"{]*? (?:[2-9]|\d{2,})\b")


def _property(schema: type, field: str) -> dict:
    prop = schema.model_json_schema()["properties"][field]
    return next(branch for branch in prop.get("anyOf", [prop]) if branch.get("type") != "null")


def test_the_remark_limit_is_one_constant_in_column_schemas_service_and_ui() -> None:
    assert StatusChange.__table__.c.remark.type.length == limits.REMARK_MAX_LENGTH
    assert _property(StatusUpdateIn, "remark")["maxLength"] == limits.REMARK_MAX_LENGTH
    assert _property(BulkRejectIn, "remark")["maxLength"] == limits.REMARK_MAX_LENGTH
    assert f"maxLength:{limits.REMARK_MAX_LENGTH}" in str(bulk_reject_dialog())
    assert limits.too_long(limits.REMARK_MAX_LENGTH) == "Ensure this field has no more than 500 characters."


def test_the_rating_range_and_the_bulk_step_are_one_constant_each() -> None:
    check = str(next(c for c in Evaluation.__table__.constraints if c.name == "ck_evaluation_knowledge").sqltext)
    assert check == f"knowledge IS NULL OR (knowledge >= {limits.RATING_MIN} AND knowledge <= {limits.RATING_MAX})"
    assert _property(EvaluationIn, "knowledge") | {"type": "integer"} == {
        "type": "integer",
        "minimum": limits.RATING_MIN,
        "maximum": limits.RATING_MAX,
    }
    step = BulkStartIn.model_json_schema()["properties"]["step_minutes"]
    assert (step["default"], step["minimum"], step["maximum"]) == (15, 5, 1440)
    assert limits.BULK_STEP_RANGE_MESSAGE == "Ensure this value is between 5 and 1440."
    assert UserCvData.__table__.c.email.type.length == limits.EMAIL_MAX_LENGTH


def _hr_app_lines() -> list[tuple[str, int, str]]:
    return [
        (path.relative_to(HR_APP).as_posix(), number, line)
        for path in sorted(HR_APP.rglob("*.py"))
        if path not in HOME
        for number, line in enumerate(path.read_text().splitlines(), 1)
    ]


@pytest.mark.parametrize(
    ("pattern", "what"),
    [(_BOUND_LITERAL, "a numeric bound"), (_QUOTED_LIMIT, "a message quoting a number")],
)
def test_no_limit_is_written_as_a_literal_outside_kit_limits(pattern: re.Pattern[str], what: str) -> None:
    found = []
    for path, number, line in _hr_app_lines():
        if not pattern.search(line):
            continue
        column = _LENGTH_LITERAL.match(line)
        if column and (path, column.group(1)) in SINGLE_USE_WIDTHS:
            continue
        found.append(f"{path}:{number}: {line.strip()}")
    assert found == [], f"{what} outside hr_app/kit/limits.py; name it there and read it: {found}"


def test_the_grep_catches_a_copied_limit() -> None:
    assert _BOUND_LITERAL.search("    remark: str | None = Field(default=None, max_length=500)")
    assert _BOUND_LITERAL.search("appearance: int | None = Field(default=None, ge=0, le=10)")
    assert _QUOTED_LIMIT.search('"Ensure this value is between 5 and 1440."')
    assert _QUOTED_LIMIT.search('f"Rating must be between 0 and 10"')
    assert not _QUOTED_LIMIT.search('f"Ensure this value is between 1 and {MAX_LIMIT}."')
    assert not _BOUND_LITERAL.search("DbId = Annotated[Integer, Field(ge=1, le=MAX_DB_INT)]")
