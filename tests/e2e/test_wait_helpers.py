"""The shared waits read through Reflex's re-renders: an element replaced between the lookup and the read
(StaleElementReferenceException) is looked up again within the same deadline. A stand-in driver, no browser."""

from __future__ import annotations

import time

import pytest
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException

from tests.e2e.conftest import wait_for
from tests.e2e.helpers import text_of, wait_until


class _Element:
    def __init__(self, text: str, *, stale: bool = False) -> None:
        self._text, self._stale = text, stale

    @property
    def text(self) -> str:
        if self._stale:
            raise StaleElementReferenceException("re-rendered")
        return self._text

    def is_displayed(self) -> bool:
        if self._stale:
            raise StaleElementReferenceException("re-rendered")
        return True


class _Rerendering:
    """Finds the element's old copy `stale_reads` times (as a lookup just before Reflex's re-render does)."""

    def __init__(self, text: str, stale_reads: int) -> None:
        self.text, self.stale_reads, self.lookups = text, stale_reads, 0

    def find_element(self, _by: str, _value: str) -> _Element:
        self.lookups += 1
        return _Element(self.text, stale=self.lookups <= self.stale_reads)


def test_text_of_reads_a_fresh_element_after_a_stale_one():
    driver = _Rerendering("3", stale_reads=2)

    assert text_of(driver, "session-score", timeout=2) == "3"  # type: ignore[arg-type]
    assert driver.lookups == 3


def test_an_empty_text_is_read_at_once():
    driver = _Rerendering("", stale_reads=0)

    assert text_of(driver, "session-score", timeout=2) == ""  # type: ignore[arg-type]
    assert driver.lookups == 1


def test_wait_for_and_wait_until_look_again_after_a_stale_element():
    assert wait_for(_Rerendering("x", stale_reads=1), "page-title", timeout=2).text == "x"  # type: ignore[arg-type]
    driver = _Rerendering("01:00", stale_reads=1)
    assert wait_until(driver, lambda d: d.find_element("id", "session-time-left").text == "01:00", 2)  # type: ignore[arg-type]


@pytest.mark.timing
def test_a_stale_element_that_stays_stale_still_ends_at_the_deadline():
    started = time.monotonic()
    with pytest.raises(TimeoutException):
        text_of(_Rerendering("3", stale_reads=10**6), "session-score", timeout=0.6)  # type: ignore[arg-type]
    assert time.monotonic() - started < 0.6 + 1.0  # the budget, plus at most one poll
