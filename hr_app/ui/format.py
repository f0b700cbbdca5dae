"""Presentation helpers shared by the page states: times, money, ratings. Pure functions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone, tzinfo
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from hr_app.kit.time import as_utc
from hr_app.models import CvStatus

STATUS_COLORS = {
    CvStatus.PENDING: "amber",
    CvStatus.ONGOING: "blue",
    CvStatus.SELECTED: "green",
    CvStatus.REJECTED: "red",
}


def parse_iso(value: str) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed


def iso(value: datetime | None) -> str:
    if value is None:
        return ""
    value = as_utc(value)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def _span(minutes: int) -> str:
    if minutes < 60:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {rest} min" if rest else f"{hours} h"
    days = hours // 24
    return "1 day" if days == 1 else f"{days} days"


def duration(seconds: int) -> str:
    """A length of time as people say it: "40 s", "3 min", "1 h 20 min"."""
    return f"{seconds} s" if seconds < 60 else _span(round(seconds / 60))


def relative_to_now(when: datetime | None, now: datetime | None = None) -> str:
    """'in 20 min', 'late by 5 min', 'now' for a scheduled time."""
    if when is None:
        return ""
    now = now or datetime.now(UTC)
    seconds = (when - now).total_seconds()
    minutes = int(abs(seconds) // 60)
    if minutes == 0:
        return "now"
    return f"in {_span(minutes)}" if seconds > 0 else f"late by {_span(minutes)}"


# Where times are shown: the organization's IANA zone name ("Europe/Paris"), or, before one is known, the
# browser's offset in minutes as JavaScript's getTimezoneOffset() gives it ("-60", or an int).
Zone = int | str


def tzinfo_of(zone: Zone) -> tzinfo:
    """An IANA name follows its own daylight-saving rules date by date; an offset is fixed; anything else is UTC."""
    text = str(zone).strip()
    try:
        return timezone(-timedelta(minutes=int(text)))
    except ValueError:
        pass
    try:
        return ZoneInfo(text) if text else UTC
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def local_clock(when: datetime, zone: Zone) -> str:
    """Hours, minutes and seconds of a UTC time on the wall clock of `zone` (a timeline within one day)."""
    return as_utc(when).astimezone(tzinfo_of(zone)).strftime("%H:%M:%S")


def local_time(when: datetime | None, zone: Zone) -> str:
    """A UTC time as the wall clock of `zone` shows it on that date."""
    if when is None:
        return ""
    return as_utc(when).astimezone(tzinfo_of(zone)).strftime("%d %b %Y, %H:%M")


def local_input_value(when: datetime, zone: Zone) -> str:
    """The value of an <input type=datetime-local> for a UTC time."""
    return as_utc(when).astimezone(tzinfo_of(zone)).strftime("%Y-%m-%dT%H:%M")


def from_local_input(value: str, zone: Zone) -> datetime | None:
    """The UTC time of an <input type=datetime-local> value typed as `zone`'s wall clock."""
    try:
        naive = datetime.strptime(value.strip(), "%Y-%m-%dT%H:%M")
    except ValueError:
        return None
    return naive.replace(tzinfo=tzinfo_of(zone)).astimezone(UTC)


def money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def scorecards_in(submitted: int, total: int) -> str:
    return f"{submitted} of {total} scorecards in"


def average_label(value: Decimal | float | None) -> str:
    return "—" if value is None else f"{float(value):.1f}"
