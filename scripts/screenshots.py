"""Screenshot every page into docs/screenshots/ from a seeded, throw-away copy of the app.

    .venv/bin/python scripts/screenshots.py            # all pages
    .venv/bin/python scripts/screenshots.py cvs board  # only these

It seeds the demo organization into a temporary SQLite database, adds a few interviews (one evaluated,
one selected), starts the prod server from a temporary copy of the project (so `make run` keeps
working), signs in as the demo admin in headless Chromium, waits for each page's data, and saves
1366x900 PNGs. Re-run it whenever a page changes.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = Path(tempfile.mkdtemp(prefix="hr_app_shots_"))
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'shots.db'}"
os.environ["UPLOAD_DIR"] = str(WORK / "uploads")
os.environ["SECRET_KEY"] = "screenshots-" + uuid.uuid4().hex
os.environ["BCRYPT_ROUNDS"] = "4"
os.environ.pop("REDIS_URL", None)
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)

from datetime import UTC, datetime, timedelta  # noqa: E402

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402
from sqlmodel import select  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
PASSWORD = "Demo-password-1"
ADMIN = "admin@demo.example"


def _migrate() -> None:
    from alembic import command
    from alembic.config import Config

    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["database_url"] = os.environ["DATABASE_URL"]
    config.attributes["configure_logger"] = False
    command.upgrade(config, "head")


def _seed() -> dict[str, str]:
    """The demo organization plus a live-looking board; returns ids the pages need."""
    from hr_app.db import session_scope
    from hr_app.demo.seed import seed_demo
    from hr_app.models import AppUser, InterviewPanel, Role
    from hr_app.services import cvs, evaluations, interviews

    with session_scope() as session:
        seed_demo(session, password=PASSWORD)
    with session_scope() as session:
        admin = session.exec(select(AppUser).where(AppUser.email == ADMIN)).one()
        people = session.exec(select(AppUser).where(AppUser.role == Role.INTERVIEWER.value)).all()
        pending = cvs.cvs_for_interview(session, actor=admin)
        now = datetime.now(UTC).replace(second=0, microsecond=0)
        started = []
        for index, record in enumerate(pending[:5]):
            started.append(
                interviews.start_interview(
                    session,
                    actor=admin,
                    candidate_id=record.cv.id,
                    scheduled_at=now + timedelta(minutes=-5 + 20 * index),
                    interviewer_id=people[index % len(people)].id,
                )
            )
        first = str(started[0].interview.id)
        evaluations.save_evaluation(
            session,
            actor=admin,
            interview_id=first,
            data={
                "appearance": 8,
                "knowledge": 9,
                "confidence": 7,
                "languages": "English, Malayalam",
                "expected_salary": "65000",
                "experience": "4 years of Django and PostgreSQL; led a payments migration.",
            },
        )
        interviews.update_status(
            session,
            actor=admin,
            interview_id=started[4].interview.id,
            status="selected",
            remark="Strong system design.",
        )
        panel = session.exec(select(InterviewPanel)).first() or _create_panel(session, admin, pending[5:8], now)
    return {"interview": first, "panel": str(panel.id)}


def _create_panel(session, admin, candidates, now):  # noqa: ANN001
    """A panel over the first subtopics of the first category that hold questions."""
    from hr_app.schemas.panels import PanelCreate
    from hr_app.services import panels, question_bank

    category = question_bank.list_categories(session, actor=admin)[0]
    rows = []
    for topic in question_bank.list_topics(session, actor=admin, category_id=category.id):
        for subtopic in question_bank.list_subtopics(session, actor=admin, topic_id=topic.id):
            counts = question_bank.availability(session, actor=admin, subtopic_id=subtopic.id)
            easy, medium, hard = min(counts.easy, 2), min(counts.medium, 1), min(counts.hard, 1)
            if easy + medium + hard and len(rows) < 2:
                rows.append(
                    {"topic_uuid": topic.id, "subtopic_uuid": subtopic.id, "easy": easy, "medium": medium, "hard": hard}
                )
    data = PanelCreate(
        name="Backend screening, December",
        description="Python and SQL fundamentals for the developer openings.",
        total_number_of_questions=sum(r["easy"] + r["medium"] + r["hard"] for r in rows),
        start_datetime=now - timedelta(hours=1),
        end_datetime=now + timedelta(days=7),
        category_uuid=category.id,
        question_distributions=rows,
        candidate_uuids=[record.cv.id for record in candidates],
    )
    return panels.create_panel(session, actor=admin, data=data).panel


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(browser: WebDriver, selector: str, timeout: float = 20) -> None:
    WebDriverWait(browser, timeout).until(ec.visibility_of_element_located((By.CSS_SELECTOR, selector)))


def _settle(_browser: WebDriver) -> None:
    """Let toasts, fonts and transitions finish (for the picture only; tests never sleep)."""
    time.sleep(0.8)


def main(selected: list[str]) -> None:
    from tests.e2e.conftest import new_browser, start_server, stop_server

    _migrate()
    ids = _seed()
    server_dir = WORK / "server"
    server_dir.mkdir()
    env = {key: os.environ[key] for key in ("DATABASE_URL", "UPLOAD_DIR", "SECRET_KEY", "BCRYPT_ROUNDS")}
    server = start_server(server_dir, _free_port(), env)
    OUT.mkdir(parents=True, exist_ok=True)
    browser = new_browser(1366, 900)
    try:
        shots = [
            ("login", "/login", "#login-submit", None),
            ("dashboard", "/", "#page-title", None),
            ("cvs", "/cvs", "#cv-table", None),
            ("cvs-start-interview", "/cvs", "#cv-table", "start"),
            ("ongoing-board", "/ongoing", "#board .board-card", None),
            ("interviews", "/interviews", "#interview-table", None),
            ("interview", f"/interviews/{ids['interview']}", "#candidate-name", None),
            ("panels", "/panels", "#panel-table", None),
            ("panel-new", "/panels/new", "#panel-name", "category"),
            ("panel-detail", f"/panels/{ids['panel']}", "#session-links", None),
            ("question-bank", "/questions", "#tree", "subtopic"),
        ]
        browser.get(f"{server.url}/login")
        _wait(browser, "#login-submit")
        _settle(browser)
        if not selected or "login" in selected:
            browser.save_screenshot(str(OUT / "login.png"))
        browser.find_element(By.ID, "email").send_keys(ADMIN)
        browser.find_element(By.ID, "password").send_keys(PASSWORD)
        browser.find_element(By.ID, "login-submit").click()
        _wait(browser, "#page-title")
        for name, path, ready, extra in shots[1:]:
            if selected and name not in selected:
                continue
            browser.get(f"{server.url}{path}")
            _wait(browser, ready)
            if extra == "start":
                browser.find_element(By.CSS_SELECTOR, ".start-interview").click()
                _wait(browser, "#start-submit")
            elif extra == "category":
                browser.find_element(By.ID, "panel-category").click()
                _wait(browser, '[role="option"]')
                browser.find_elements(By.CSS_SELECTOR, '[role="option"]')[0].click()
                _wait(browser, ".dist-row")
                row = browser.find_element(By.CSS_SELECTOR, ".dist-row")
                row.find_element(By.CSS_SELECTOR, ".row-topic").click()
                _wait(browser, '[role="option"]')
                browser.find_elements(By.CSS_SELECTOR, '[role="option"]')[0].click()
                time.sleep(0.4)
                row.find_element(By.CSS_SELECTOR, ".row-subtopic").click()
                _wait(browser, '[role="option"]')
                browser.find_elements(By.CSS_SELECTOR, '[role="option"]')[0].click()
                for _ in range(2):
                    row.find_element(By.CSS_SELECTOR, ".step-easy-up").click()
                browser.find_element(By.ID, "panel-name").send_keys("Python screening, December")
            elif extra == "subtopic":
                browser.find_element(By.CSS_SELECTOR, '.tree-node[data-kind="subtopic"]').click()
                _wait(browser, "#selected-path")
            _settle(browser)
            browser.save_screenshot(str(OUT / f"{name}.png"))
            print("saved", OUT / f"{name}.png")
    finally:
        browser.quit()
        stop_server(server)
        shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
