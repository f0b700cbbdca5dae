"""The dashboard draws its figures as recharts bar charts."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from hr_app.models import CvStatus
from tests.api.interview_support import make_interview
from tests.e2e.conftest import save_screenshot, sign_in, wait_for_text
from tests.e2e.helpers import wait_visible
from tests.factories import PASSWORD, create_cv, create_job_title

pytestmark = pytest.mark.e2e


def test_dashboard_shows_bar_charts(live_server, browser, db, org, hr_user):
    backend = create_job_title(db, org, "Backend")
    create_cv(db, org, name="Chart One", job_title=backend)
    create_cv(db, org, name="Chart Two", job_title=backend, status=CvStatus.REJECTED.value)
    sign_in(browser, live_server, hr_user.email, PASSWORD, "/")
    wait_for_text(browser, "stat-pending", "1")
    wait_for_text(browser, "stat-rejected", "1")
    wait_for_text(browser, "cv-summary", "2 CVs in total")
    for chart in ("chart-status", "chart-job"):
        wait_visible(browser, f"#{chart} .recharts-bar-rectangle")
    wait_visible(browser, "#chart-week .recharts-wrapper")  # no interview this week: axes, no bars
    assert "Backend" in browser.find_element(By.ID, "chart-job").text
    assert "Rejected" in browser.find_element(By.ID, "chart-status").text


LONG_TITLES = (
    "Senior Backend Software Engineer (Payments)",
    "Frontend Developer, Design Systems",
    "Quality Assurance Automation Engineer",
    "Site Reliability Engineer",
    "Data Analyst",
)


def _boxes(browser, selector: str) -> list[dict]:
    return browser.execute_script(
        """return [...document.querySelectorAll(arguments[0])].map(el => {
            const r = el.getBoundingClientRect();
            return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, text: el.textContent};
        });""",
        selector,
    )


def _overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def _axis_labels(browser, chart_id: str) -> list[dict]:
    ticks = _boxes(browser, f"#{chart_id} text.recharts-cartesian-axis-tick-value")
    return [tick for tick in ticks if not tick["text"].strip().replace(".", "").isdigit()]  # names, not numbers


def test_long_job_titles_do_not_overlap(live_server, browser_factory, db, org, hr_user):
    browser = browser_factory(1366, 1200)  # tall enough for the picture to hold every chart
    for index, name in enumerate(LONG_TITLES):
        title = create_job_title(db, org, name)
        for n in range(index + 1):
            create_cv(db, org, name=f"Long {index} {n}", job_title=title)
        if index < 3:  # three titles have a rated interview
            rated = create_cv(db, org, name=f"Rated {index}", job_title=title)
            make_interview(db, org, cv=rated, appearance=6 + index, knowledge=7, confidence=8)
    sign_in(browser, live_server, hr_user.email, PASSWORD, "/")
    wait_visible(browser, "#chart-job .recharts-bar-rectangle")
    wait_visible(browser, "#chart-rating .recharts-bar-rectangle")
    save_screenshot(browser, "dashboard-long-titles")
    for chart_id, count in (("chart-job", len(LONG_TITLES)), ("chart-rating", 3)):
        labels = _axis_labels(browser, chart_id)
        assert len(labels) == count, [label["text"] for label in labels]
        assert any(label["text"].endswith("…") for label in labels)  # cut; the tooltip has the whole name
        clashes = [(a["text"], b["text"]) for i, a in enumerate(labels) for b in labels[i + 1 :] if _overlap(a, b)]
        assert not clashes, f"overlapping axis labels in {chart_id}: {clashes}"
    assert "7.0 · 1 rated" in browser.find_element(By.ID, "chart-rating").text  # average and how many, per title
    assert not browser.find_elements(By.ID, "ratings-table")
