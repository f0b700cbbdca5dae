"""Building blocks of the public shapes."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

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
DbId = Annotated[int, Field(ge=1, le=MAX_DB_INT)]
DbInt = Annotated[int, Field(ge=-MAX_DB_INT, le=MAX_DB_INT)]  # range rules stay in the services


class Envelope(BaseModel, Generic[T]):
    success: bool = True
    message: str
    data: T


class MessageEnvelope(BaseModel):
    success: bool = True
    message: str


class StrictInput(BaseModel):
    """Request bodies refuse unknown fields, so a misspelt field is an error, not a silent no-op."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
