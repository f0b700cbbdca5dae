"""The interview page: evaluation with the live average, an uploaded wav played back, status and delete."""

from __future__ import annotations

import math
import struct
import uuid
import wave
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait
from sqlmodel import select

from hr_app.models import Evaluation, Interview, StatusChange
from tests.e2e.conftest import sign_in, wait_for, wait_for_text, wait_for_url
from tests.e2e.helpers import attribute_of, wait_for_attribute, wait_visible
from tests.factories import PASSWORD, auth_header, create_cv

pytestmark = pytest.mark.e2e


def _tone_wav(path: Path, seconds: float = 1.0, rate: int = 8000) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        frames = (int(12000 * math.sin(2 * math.pi * 440 * i / rate)) for i in range(int(seconds * rate)))
        out.writeframes(b"".join(struct.pack("<h", frame) for frame in frames))
    return path


def _start(server_url: str, user, cv, lead=None) -> str:
    """An interview begun five minutes ago (scorecards open at the scheduled start, issue 18)."""
    body = {"candidate_id": str(cv.id), "scheduled_at": (datetime.now(UTC) - timedelta(minutes=5)).isoformat()}
    if lead is not None:
        body["interviewer_id"] = lead.id
    response = httpx.post(
        f"{server_url}/api/interview-management/start-interview/", headers=auth_header(user), json=body
    )
    assert response.status_code == 201, response.text
    return response.json()["data"]["id"]


def paste(browser, element_id: str, text: str) -> None:
    """Put a long text into a React-controlled input at once, as a paste would."""
    browser.execute_script(
        """const el = document.getElementById(arguments[0]);
        const proto = el.tagName === 'TEXTAREA' ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
        Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, arguments[1]);
        el.dispatchEvent(new Event('input', {bubbles: true}));""",
        element_id,
        text,
    )


def _type(browser, element_id: str, text: str) -> None:
    element = browser.find_element(By.ID, element_id)
    element.clear()
    element.send_keys(text)


def test_fill_evaluation_upload_wav_and_play_it_back(live_server, browser, db, org, admin, tmp_path):
    cv = create_cv(db, org, name="Eva Luation")
    interview_id = _start(live_server.url, admin, cv)
    sign_in(browser, live_server, admin.email, PASSWORD, f"/interviews/{interview_id}")
    wait_for_text(browser, "candidate-name", "Eva Luation")

    for field, value in (("appearance", "8"), ("knowledge", "9"), ("confidence", "7")):
        _type(browser, f"rating-{field}", value)
    wait_for_text(browser, "average", "8.0")  # computed as you type, before any save
    _type(browser, "rating-attitude", "8")
    _type(browser, "rating-communication", "9")
    wait_for_text(browser, "average", "8.2")
    _type(browser, "eval-languages", "English, Hindi")
    _type(browser, "eval-expected_salary", "50000")
    browser.find_element(By.ID, "eval-remark").send_keys("<b>calm</b> & clear")

    wav = _tone_wav(tmp_path / "note.wav")
    assert not browser.find_element(By.ID, "voice-upload-submit").is_enabled()  # no file chosen yet
    browser.find_element(By.CSS_SELECTOR, "#voice-upload input[type=file]").send_keys(str(wav))
    wait_visible(browser, ".selected-file")
    browser.find_element(By.ID, "voice-upload-submit").click()
    wait_for(browser, "voice-saved")

    browser.find_element(By.ID, "eval-languages").send_keys(Keys.ENTER)  # Enter submits the form
    wait_for_text(browser, "saved-message", "5 of 5 ratings")
    assert "voice note" in browser.find_element(By.ID, "saved-message").text

    wait_for_attribute(browser, "voice-player", "data-loaded", "true", 10)
    assert attribute_of(browser, "voice-player", "src").startswith("blob:")
    duration = browser.execute_async_script(
        """const [done] = [arguments[arguments.length - 1]];
        const a = document.getElementById('voice-player');
        const report = () => done(a.duration);
        if (a.readyState >= 1) report(); else a.addEventListener('loadedmetadata', report, {once: true});"""
    )
    assert abs(duration - 1.0) < 0.1
    browser.execute_script("document.getElementById('voice-player').play()")
    WebDriverWait(browser, 10).until(
        lambda b: b.execute_script("return document.getElementById('voice-player').currentTime") > 0
    )

    db.expire_all()
    evaluation = db.exec(select(Evaluation).where(Evaluation.interview_id == uuid.UUID(interview_id))).one()
    assert (evaluation.appearance, evaluation.knowledge, evaluation.communication) == (8, 9, 9)
    assert evaluation.remark == "<b>calm</b> & clear"
    assert evaluation.voice_note_file and evaluation.voice_note_file.endswith(".wav")
    assert str(evaluation.expected_salary) == "50000.00"


def test_select_with_remark_shows_history(live_server, browser, db, org, hr_user):
    cv = create_cv(db, org, name="Hugo History")
    interview_id = _start(live_server.url, hr_user, cv)
    sign_in(browser, live_server, hr_user.email, PASSWORD, f"/interviews/{interview_id}")
    wait_for(browser, "status-selected").click()
    remark = wait_for(browser, "status-remark")
    paste(browser, "status-remark", "x" * 501)
    wait_for_text(browser, "remark-counter", "501 / 500")
    assert not browser.find_element(By.ID, "status-confirm").is_enabled()
    remark.send_keys(Keys.BACKSPACE)
    wait_for_text(browser, "remark-counter", "500 / 500")
    browser.find_element(By.ID, "status-confirm").click()
    wait_for_text(browser, "interview-status", "selected")
    wait_for_text(browser, "history", "by Jane Smith")
    db.expire_all()
    change = db.exec(select(StatusChange)).one()
    assert (change.from_status, change.to_status, len(change.remark)) == ("pending", "selected", 500)


def test_delete_is_for_managers_only(live_server, browser_factory, db, org, admin, interviewer):
    cv = create_cv(db, org, name="Del Candidate")
    interview_id = _start(live_server.url, admin, cv)
    viewer = browser_factory()
    sign_in(viewer, live_server, interviewer.email, PASSWORD, f"/interviews/{interview_id}")
    wait_for_text(viewer, "candidate-name", "Del Candidate")
    assert not viewer.find_elements(By.CSS_SELECTOR, ".delete-button")
    assert not viewer.find_elements(By.ID, "status-selected")

    manager = browser_factory()
    sign_in(manager, live_server, admin.email, PASSWORD, f"/interviews/{interview_id}")
    wait_for(manager, "delete-interview").click()
    wait_for(manager, "delete-confirm").click()
    wait_for_url(manager, "/interviews")
    db.expire_all()
    assert db.get(Interview, uuid.UUID(interview_id)) is None


def test_record_a_voice_note_in_the_browser(live_server, browser, db, org, interviewer, admin):
    # Chromium runs with a fake microphone (a beep); the recording is converted to WAV and saved.
    cv = create_cv(db, org, name="Rec Order")
    interview_id = _start(live_server.url, admin, cv, lead=interviewer)  # only its interviewers write scorecards
    sign_in(browser, live_server, interviewer.email, PASSWORD, f"/interviews/{interview_id}")
    wait_for_text(browser, "candidate-name", "Rec Order")
    wait_for(browser, "record-start").click()
    wait_for_text(browser, "record-timer", "0:01")  # the timer runs while recording
    meter = browser.find_element(By.ID, "record-level")
    WebDriverWait(browser, 10).until(lambda b: meter.value_of_css_property("width") != "0px")  # the level meter moves
    wait_for(browser, "record-stop").click()
    wait_for(browser, "voice-saved")
    wait_for_attribute(browser, "voice-player", "data-loaded", "true", 10)
    db.expire_all()
    evaluation = db.exec(select(Evaluation).where(Evaluation.interview_id == uuid.UUID(interview_id))).one()
    assert evaluation.voice_note_file.endswith(".wav")
