"""Presentation helpers: relative and local times, money, averages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from hr_app.ui import format

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (timedelta(minutes=20), "in 20 min"),
        (timedelta(minutes=-5), "late by 5 min"),
        (timedelta(seconds=30), "now"),
        (timedelta(hours=2, minutes=5), "in 2 h 5 min"),
        (timedelta(hours=-3), "late by 3 h"),
        (timedelta(days=3, hours=1), "in 3 days"),
        (timedelta(days=-1, hours=-2), "late by 1 day"),
    ],
)
def test_relative_to_now(delta: timedelta, expected: str) -> None:
    assert format.relative_to_now(NOW + delta, NOW) == expected


def test_local_time_uses_the_browser_offset() -> None:
    assert format.local_time(NOW, -330) == "26 Nov 2026, 14:30"  # India: getTimezoneOffset() is -330
    assert format.local_time(NOW, 60) == "26 Nov 2026, 08:00"


def test_datetime_local_input_round_trip() -> None:
    value = format.local_input_value(NOW, -330)
    assert value == "2026-11-26T14:30"
    assert format.from_local_input(value, -330) == NOW
    assert format.from_local_input("not a date", 0) is None


def test_iso_and_parse() -> None:
    assert format.iso(NOW) == "2026-11-26T09:00:00Z"
    assert format.parse_iso("2026-11-26T09:00:00Z") == NOW
    assert format.parse_iso("") is None


def test_money_and_average() -> None:
    assert format.money(Decimal("50000")) == "50000.00"
    assert format.money(None) == ""
    assert format.average_label(Decimal("8.2")) == "8.2"
    assert format.average_label(None) == "—"
