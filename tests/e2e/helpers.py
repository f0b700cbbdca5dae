"""Small browser helpers shared by the page tests (the fixtures live in conftest.py)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

WAIT_S = 15
FAST_POLL_S = 0.02
SELENIUM_POLL_S = 0.5  # WebDriverWait's own default
# Reflex replaces elements when it re-renders: a lookup that found the old one is simply tried again, within the
# same deadline (StaleElementReferenceException), as is one that found none yet.
RETRIED = (NoSuchElementException, StaleElementReferenceException)
T = TypeVar("T")


def patient_wait(browser: WebDriver, timeout: float = WAIT_S, poll: float = SELENIUM_POLL_S) -> WebDriverWait:
    return WebDriverWait(browser, timeout, poll_frequency=poll, ignored_exceptions=RETRIED)


def wait_until(browser: WebDriver, condition: Callable[[WebDriver], T], timeout: float = WAIT_S) -> T:
    """`condition(browser)` until it is truthy; an element that went stale inside it means: look again."""
    return patient_wait(browser, timeout).until(condition)


def text_of(browser: WebDriver, element_id: str, timeout: float = WAIT_S) -> str:
    """The text of the visible element `#element_id`, read in the same lookup that found it (so a re-render between
    a wait and the read cannot hand back a stale element); an empty text is a text too."""

    def read(driver: WebDriver) -> tuple[str] | None:
        element = driver.find_element(By.ID, element_id)
        return (element.text,) if element.is_displayed() else None

    return wait_until(browser, read, timeout)[0]


def wait_for_attribute(browser: WebDriver, element_id: str, name: str, value: str, timeout: float = WAIT_S) -> None:
    """Until `#element_id`'s attribute `name` is `value`, looking the element up on every try (it may re-render)."""
    wait_until(browser, lambda driver: driver.find_element(By.ID, element_id).get_attribute(name) == value, timeout)


def attribute_of(browser: WebDriver, element_id: str, name: str, timeout: float = WAIT_S) -> str | None:
    """`#element_id`'s attribute `name`, read in the same lookup that found the element."""
    return wait_until(browser, lambda driver: (driver.find_element(By.ID, element_id).get_attribute(name),), timeout)[0]


def css(selector: str) -> tuple[str, str]:
    return (By.CSS_SELECTOR, selector)


def wait_visible(browser: WebDriver, selector: str, timeout: float = WAIT_S) -> WebElement:
    return patient_wait(browser, timeout, FAST_POLL_S).until(ec.visibility_of_element_located(css(selector)))


def wait_gone(browser: WebDriver, selector: str, timeout: float = WAIT_S) -> None:
    patient_wait(browser, timeout, FAST_POLL_S).until(ec.invisibility_of_element_located(css(selector)))


def seconds_until_visible(browser: WebDriver, selector: str, started: float, timeout: float = WAIT_S) -> float:
    wait_visible(browser, selector, timeout)
    return time.monotonic() - started


def seconds_until_gone(browser: WebDriver, selector: str, started: float, timeout: float = WAIT_S) -> float:
    wait_gone(browser, selector, timeout)
    return time.monotonic() - started


def card_selector(candidate_name: str) -> str:
    return f'.board-card[data-candidate="{candidate_name}"]'


def choose_option(browser: WebDriver, trigger_id: str, option_text: str) -> None:
    """Open a Radix select by its trigger's id and pick the option showing `option_text`."""
    browser.find_element(By.ID, trigger_id).click()
    option = patient_wait(browser).until(
        ec.element_to_be_clickable((By.XPATH, f'//div[@role="option"][contains(., "{option_text}")]'))
    )
    option.click()
    patient_wait(browser).until(ec.invisibility_of_element_located((By.CSS_SELECTOR, '[role="listbox"]')))


def wait_hydrated(browser: WebDriver, selector: str = "#page-title", timeout: float = WAIT_S) -> WebElement:
    return wait_visible(browser, selector, timeout)
