"""Browser tests: the real prod server (`reflex run --env prod`) and real Chromium.

The server runs from a copy of the app in a temporary folder (one project folder serves one app:
a developer's `make run` in the checkout keeps working), on the test database, with the test
secret, so tokens and rows made by the factories are valid there too.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import httpx
import pytest
from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec

from tests.e2e.helpers import WAIT_S, patient_wait

ROOT = Path(__file__).resolve().parents[2]
APP_FILES = ("hr_app", "assets", "rxconfig.py", "alembic", "alembic.ini", "reflex.lock", "requirements.txt")
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
START_TIMEOUT_S = 180


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def reflex_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{ROOT / '.tools/node_modules/.bin'}:{env.get('PATH', '')}"
    env.update(
        REFLEX_USE_SYSTEM_BUN="1",
        REFLEX_TELEMETRY_ENABLED="false",
        REFLEX_CHECK_LATEST_VERSION="false",
        PYTHONUNBUFFERED="1",
    )
    if "NPM_CONFIG_REGISTRY" not in env:
        registry = subprocess.run(["npm", "config", "get", "registry"], capture_output=True, text=True, check=False)
        env["NPM_CONFIG_REGISTRY"] = registry.stdout.strip()
    env.update(extra or {})
    return env


@dataclass
class LiveServer:
    url: str
    log_path: Path
    process: subprocess.Popen[bytes]

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")


def start_server(workdir: Path, port: int, extra_env: dict[str, str] | None = None) -> LiveServer:
    for name in APP_FILES:
        source = ROOT / name
        target = workdir / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, target)
    return launch_server(workdir, port, extra_env)


def launch_server(workdir: Path, port: int, extra_env: dict[str, str] | None = None) -> LiveServer:
    """Start `reflex run --env prod` in a folder that already holds the app (e.g. to restart it)."""
    log_path = workdir / "server.log"
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            [str(ROOT / ".venv/bin/reflex"), "run", "--env", "prod", "--single-port", "--frontend-port", str(port)],
            cwd=workdir,
            env=reflex_env(extra_env),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = LiveServer(url=f"http://127.0.0.1:{port}", log_path=log_path, process=process)
    _wait_until_serving(server)
    return server


def _wait_until_serving(server: LiveServer) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"reflex exited early:\n{server.log_text()[-4000:]}")
        try:
            if httpx.get(f"{server.url}/ping", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    stop_server(server)
    raise RuntimeError(f"reflex did not serve within {START_TIMEOUT_S} s:\n{server.log_text()[-4000:]}")


def stop_server(server: LiveServer) -> None:
    if server.process.poll() is None:
        os.killpg(server.process.pid, signal.SIGTERM)
        try:
            server.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.process.pid, signal.SIGKILL)
            server.process.wait()


@pytest.fixture(scope="session")
def live_server(database: str) -> Iterator[LiveServer]:
    workdir = Path(tempfile.mkdtemp(prefix="hr_app_e2e_"))
    server = start_server(workdir, _free_port())
    yield server
    stop_server(server)
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(autouse=True)
def _no_server_errors(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a browser test whose server logged a traceback while it ran."""
    if "live_server" not in request.fixturenames:
        yield
        return
    server: LiveServer = request.getfixturevalue("live_server")
    offset = len(server.log_text())
    yield
    new_output = server.log_text()[offset:]
    assert "Traceback (most recent call last)" not in new_output, new_output[-4000:]


def new_browser(width: int = 1366, height: int = 900) -> WebDriver:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--window-size={width},{height}",
        f"--user-data-dir={tempfile.mkdtemp(prefix='hr_app_chromium_')}",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # console messages (CSP reports among them)
    return webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))


@pytest.fixture
def browser_factory() -> Iterator[Callable[..., WebDriver]]:
    browsers: list[WebDriver] = []

    def make(width: int = 1366, height: int = 900) -> WebDriver:
        browser = new_browser(width, height)
        browsers.append(browser)
        return browser

    yield make
    for browser in browsers:
        browser.quit()


@pytest.fixture
def browser(browser_factory: Callable[..., WebDriver]) -> WebDriver:
    return browser_factory()


def wait_for(browser: WebDriver, element_id: str, timeout: float = WAIT_S):
    return patient_wait(browser, timeout).until(ec.visibility_of_element_located((By.ID, element_id)))


def wait_for_text(browser: WebDriver, element_id: str, text: str, timeout: float = WAIT_S) -> None:
    patient_wait(browser, timeout).until(ec.text_to_be_present_in_element((By.ID, element_id), text))


def wait_for_url(browser: WebDriver, location: str, timeout: float = WAIT_S) -> None:
    """Wait until the browser is at `location`: the same path, and the same query when `location` has one.

    A substring match would be satisfied too early: "/interviews" is contained in "/interviews/<id>".
    """
    expected = urlsplit(location)

    def arrived(driver: WebDriver) -> bool:
        current = urlsplit(driver.current_url)
        return current.path.rstrip("/") == expected.path.rstrip("/") and (
            not expected.query or unquote(current.query) == expected.query
        )

    try:
        patient_wait(browser, timeout).until(arrived)
    except TimeoutException:
        raise AssertionError(f"expected to arrive at {location}, still at {browser.current_url}") from None


def sign_in(browser: WebDriver, server: LiveServer, email: str, password: str, path: str = "/") -> None:
    browser.get(f"{server.url}/login")
    wait_for(browser, "email").send_keys(email)
    browser.find_element(By.ID, "password").send_keys(password)
    browser.find_element(By.ID, "login-submit").click()
    wait_for(browser, "page-title")
    if path != "/":
        browser.get(f"{server.url}{path}")
        wait_for(browser, "page-title")


SCREENSHOT_DIR = ROOT / "docs" / "screenshots"


def save_screenshot(browser: WebDriver, name: str) -> Path:
    """Save a page picture: into docs/screenshots with HR_APP_SCREENSHOTS=1 (to refresh the committed ones),
    else into a temporary folder, so that a test run never rewrites tracked files."""
    folder = SCREENSHOT_DIR if os.environ.get("HR_APP_SCREENSHOTS") == "1" else Path(tempfile.gettempdir())
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    browser.save_screenshot(str(path))
    return path
