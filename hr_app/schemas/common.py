"""Building blocks of the public shapes."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated, Any, Generic, TypeVar

import orjson
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer
from pydantic_core import PydanticCustomError

T = TypeVar("T")


def format_utc(value: datetime) -> str:
    """ISO 8601 in UTC with a `Z`, to the second, as the spec writes timestamps."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


ApiDateTime = Annotated[datetime, PlainSerializer(format_utc, return_type=str)]
Money = Annotated[Decimal, PlainSerializer(lambda value: f"{value:.2f}", return_type=str)]


# The largest value an INTEGER column holds on every database we run on (PostgreSQL's int4). Bounding input
# here turns a huge number into a 400 on its field instead of an overflow deep in the driver (a 500).
MAX_DB_INT = 2_147_483_647


def _not_a_boolean(value: Any) -> Any:
    """JSON `true` is not a number: pydantic would read it as 1 (`interviewer_id: true` naming user 1); DRF says
    `A valid integer is required.`, and so do we."""
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


Integer = Annotated[int, BeforeValidator(_not_a_boolean)]
DbId = Annotated[Integer, Field(ge=1, le=MAX_DB_INT)]
DbInt = Annotated[Integer, Field(ge=-MAX_DB_INT, le=MAX_DB_INT)]  # range rules stay in the services

_DATE_ONLY = re.compile(r"\s*\d{4}-\d{1,2}-\d{1,2}\s*")


def _iso_datetime(value: Any) -> Any:
    """A datetime, or an ISO 8601 string with a time. Pydantic would also take a number (Unix seconds) and a bare
    date (midnight); the spec asks for an ISO 8601 date and time, and DRF refuses both."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        if _DATE_ONLY.fullmatch(value):
            raise PydanticCustomError("datetime_parsing", "Input should be a valid datetime")
        return value
    raise PydanticCustomError("datetime_type", "Input should be a valid datetime")


DateTimeInput = Annotated[datetime, BeforeValidator(_iso_datetime)]


class Envelope(BaseModel, Generic[T]):
    success: bool = True
    message: str
    data: T


def envelope_json(message: str, data: Any) -> bytes:
    """`Envelope(message=..., data=...).model_dump_json()` for data that is JSON values already (the lists read
    as text, decision 54): the same bytes, without building a model per row. orjson writes them in half of
    pydantic-core's time (11 ms against 22 ms for 10,000 interviews); for the values these lists hold (text, whole
    numbers, booleans, null) it writes exactly what pydantic-core writes, which tests/services/test_sql_text.py
    checks for every Unicode character (decision 122)."""
    return orjson.dumps({"success": True, "message": message, "data": data})


class MessageEnvelope(BaseModel):
    success: bool = True
    message: str


class StrictInput(BaseModel):
    """Request bodies refuse unknown fields, so a misspelt field is an error, not a silent no-op."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# An ISO week as query parameters take it, for the OpenAPI document (week 53 exists only in some years: left out),
# in the years ISO_WEEK_YEAR_MIN (1000) to ISO_WEEK_YEAR_MAX (9998) that scheduling.parse_week takes. Empty means
# "this week".
ISO_WEEK_SCHEMA = {"pattern": r"^(([1-8]\d{3}|9[0-8]\d{2}|99[0-8]\d|999[0-8])-W(0[1-9]|[1-4]\d|5[0-2]))?$"}
UUID_LIST_SCHEMA = {"minItems": 1, "items": {"type": "string", "format": "uuid"}}
UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
