"""A controllable clock for the panel session services: every module that asks `utcnow` gets the fake's time."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from hr_app.kit.time import utcnow
from hr_app.services import panel_sessions, panels, session_timeout

CLOCKED = (panel_sessions, panels, session_timeout)


class Clock:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now = utcnow().replace(microsecond=0)
        for module in CLOCKED:
            monkeypatch.setattr(module, "utcnow", lambda: self.now)

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now
