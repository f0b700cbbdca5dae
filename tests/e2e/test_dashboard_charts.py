"""The dashboard draws its figures as recharts bar charts."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from hr_app.models import CvStatus
from tests.e2e.conftest import sign_in, wait_for_text
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
