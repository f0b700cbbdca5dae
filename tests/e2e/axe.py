"""axe-core in real Chromium: inject the vendored axe.min.js into the open page and run it.

The file is axe-core from the npm registry, committed under tests/e2e/vendor/axe-core/ with its licence
(`make axe` fetches it again at the pinned version), so a clean clone runs the check without the network.
"""

from __future__ import annotations

import time
from functools import cache
from pathlib import Path

from selenium.webdriver.remote.webdriver import WebDriver

AXE_JS = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']})
  .then(result => done(result.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                                summary: (n.failureSummary || '').slice(0, 300)}))}))))
  .catch(error => done([{id: 'axe-error', impact: 'critical', help: String(error), nodes: []}]));
"""


@cache
def _axe_source() -> str:
    return AXE_JS.read_text()


def install(browser: WebDriver) -> None:
    """Have Chromium load axe into every page it opens from now on (no 550 KB script sent per page)."""
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": _axe_source()})


def settle(browser: WebDriver, quiet_s: float = 0.15, timeout: float = 3.0) -> None:
    """Wait until the page stops changing (the websocket has filled the state), so axe sees the real page."""
    deadline = time.monotonic() + timeout
    last = browser.execute_script("return document.body.innerHTML.length")
    stable_since = time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.05)
        size = browser.execute_script("return document.body.innerHTML.length")
        if size != last:
            last, stable_since = size, time.monotonic()
        elif time.monotonic() - stable_since >= quiet_s:
            return


def violations(browser: WebDriver) -> list[dict]:
    """The serious and critical axe-core violations of the page as it is now."""
    if not browser.execute_script("return typeof window.axe !== 'undefined'"):
        browser.execute_script(_axe_source())
    browser.set_script_timeout(30)
    found = browser.execute_async_script(_RUN)
    return [v for v in found if v["impact"] in BLOCKING]


def describe(found: list[dict]) -> str:
    lines = []
    for v in found:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']}")
        for node in v["nodes"][:6]:
            hint = node["summary"].split("\n")[1:2]  # the first reason axe gives
            lines.append(f"      {node['target'][:90]}  {node['html'][:120]}  {' '.join(hint)[:140]}")
    return "\n".join(lines)
