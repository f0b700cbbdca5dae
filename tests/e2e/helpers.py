"""Small browser helpers shared by the page tests (the fixtures live in conftest.py)."""

from __future__ import annotations

import time

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

WAIT_S = 15
FAST_POLL_S = 0.02


def css(selector: str) -> tuple[str, str]:
    return (By.CSS_SELECTOR, selector)


def wait_visible(browser: WebDriver, selector: str, timeout: float = WAIT_S) -> WebElement:
    return WebDriverWait(browser, timeout, poll_frequency=FAST_POLL_S).until(
        ec.visibility_of_element_located(css(selector))
    )


def wait_gone(browser: WebDriver, selector: str, timeout: float = WAIT_S) -> None:
    WebDriverWait(browser, timeout, poll_frequency=FAST_POLL_S).until(ec.invisibility_of_element_located(css(selector)))


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
    option = WebDriverWait(browser, WAIT_S).until(
        ec.element_to_be_clickable((By.XPATH, f'//div[@role="option"][contains(., "{option_text}")]'))
    )
    option.click()
    WebDriverWait(browser, WAIT_S).until(ec.invisibility_of_element_located((By.CSS_SELECTOR, '[role="listbox"]')))


def wait_hydrated(browser: WebDriver, selector: str = "#page-title", timeout: float = WAIT_S) -> WebElement:
    return wait_visible(browser, selector, timeout)
