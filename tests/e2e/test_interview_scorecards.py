"""Scorecards on the interview page in Chromium (issue 18): an interviewer saves a draft with Enter and submits;
hr sees the decision view with the disagreement flagged and the missing interviewer named, plays a co-interviewer's
own voice note there, and selects there."""

from __future__ import annotations

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from hr_app.models import Role
from tests.api.interview_support import wav_bytes
from tests.e2e.conftest import save_screenshot, sign_in, wait_for, wait_for_text
from tests.e2e.test_interview_page import _start, _type
from tests.factories import PASSWORD, auth_header, create_cv, create_user

pytestmark = pytest.mark.e2e

FIVE = ("appearance", "knowledge", "confidence", "attitude", "communication")


def _api(server_url: str, user, method: str, path: str, body: dict) -> None:
    url = f"{server_url}/api/interview-management/{path}"
    response = httpx.request(method, url, headers=auth_header(user), json=body)
    assert response.status_code == 200, response.text


def test_an_interviewer_submits_and_hr_sees_the_disagreement(
    live_server, browser_factory, db, org, hr_user, interviewer
):
    ben = create_user(db, org, role=Role.INTERVIEWER, first_name="Ben", last_name="Oak")
    ravi = create_user(db, org, role=Role.INTERVIEWER, first_name="Ravi", last_name="Nair")
    interview_id = _start(live_server.url, hr_user, create_cv(db, org, name="Sam Scored"), lead=interviewer)
    _api(live_server.url, hr_user, "PUT", f"{interview_id}/interviewers/", {"interviewer_ids": [ben.id, ravi.id]})
    ratings = {key: {"rating": 3} for key in FIVE}
    _api(live_server.url, ben, "PUT", f"{interview_id}/scorecards/mine/", {"ratings": ratings, "recommendation": "no"})
    recorded = httpx.post(  # Ben's own voice note, on his own scorecard (decision 128)
        f"{live_server.url}/api/interview-management/{interview_id}/evaluation/",
        headers=auth_header(ben),
        files={"voice_note": ("ben.wav", wav_bytes(), "audio/wav")},
    )
    assert recorded.status_code == 200, recorded.text  # the draft above made the scorecard
    _api(live_server.url, ben, "POST", f"{interview_id}/scorecards/mine/submit/", {})

    lead = browser_factory()
    sign_in(lead, live_server, interviewer.email, PASSWORD, f"/interviews/{interview_id}")
    wait_for(lead, "my-scorecard")
    wait_for_text(lead, "dc-blind", "Blind until you submit")  # Ben's is in, but not shown to the lead yet
    for key, value in zip(FIVE, ("8", "9", "7", "8", "8"), strict=True):
        _type(lead, f"sc-rating-{key}", value)
    _type(lead, "sc-note-knowledge", "Deep on SQL")
    lead.find_element(By.ID, "sc-rec-strong_yes").click()
    _type(lead, "sc-strengths", "Clear answers")
    lead.find_element(By.ID, "sc-rating-communication").send_keys(Keys.ENTER)  # Enter saves the draft
    wait_for_text(lead, "sc-status", "draft")
    lead.find_element(By.ID, "sc-submit").send_keys(Keys.ENTER)  # by keyboard (a toast may cover the button)
    wait_for_text(lead, "sc-status", "submitted")
    wait_for(lead, "sc-reopen")
    assert not lead.find_element(By.ID, "sc-rating-knowledge").is_enabled()  # read-only once submitted
    wait_for(lead, "disagreement-flag")  # submitted: the lead now sees Ben's

    hr = browser_factory()
    sign_in(hr, live_server, hr_user.email, PASSWORD, f"/interviews/{interview_id}")
    wait_for_text(hr, "dc-progress", "2 of 3 scorecards in")
    wait_for_text(hr, "dc-waiting", "Ravi Nair")
    wait_for_text(hr, "disagreement-flag", "both sides of yes/no")
    table = hr.find_element(By.ID, "decision-table").text
    assert "Ben Oak" in table and "Strong yes" in table
    assert len(hr.find_elements(By.CSS_SELECTOR, "#decision-table .dc-split")) == 5  # 3 against 7-9: spread >= 4
    [player] = hr.find_elements(By.CSS_SELECTOR, "#dc-voice-notes audio.dc-voice")  # Ben's; the lead has none
    WebDriverWait(hr, 10).until(lambda b: player.get_attribute("data-loaded") == "true")
    assert "Ben Oak" in player.get_attribute("aria-label")
    hr.execute_script("document.getElementById('dc-select').scrollIntoView({block: 'center'})")
    hr.find_element(By.ID, "dc-select").send_keys(Keys.ENTER)  # Select from the decision view: the status dialog
    wait_for(hr, "status-remark").send_keys("Strong on SQL; Ben's concerns talked through")
    hr.find_element(By.ID, "status-confirm").click()
    wait_for_text(hr, "dc-outcome", "Strong on SQL; Ben's concerns talked through")
    wait_for_text(hr, "interview-status", "selected")
    hr.execute_script("document.getElementById('decision-view').scrollIntoView({block: 'start'})")
    save_screenshot(hr, "interview-scorecards")
