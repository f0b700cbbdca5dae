"""How late the event loop wakes: a periodic task that sleeps and measures its own delay.

Anything slow run inline on the loop (a database call, a password hash) delays every wake-up behind it, so the
recent worst delays here are what every websocket and async route of this worker felt. `GET /api/health/` reports
them next to a database ping.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque


class LoopLagProbe:
    def __init__(self, interval_s: float = 0.01, window: int = 2000) -> None:
        self.interval_s = interval_s
        self._lags_ms: deque[float] = deque(maxlen=window)

    async def run(self) -> None:
        """Sleep `interval_s` again and again, recording how much later than asked each wake-up came (ms)."""
        while True:
            asked = time.perf_counter()
            await asyncio.sleep(self.interval_s)
            late_s = time.perf_counter() - asked - self.interval_s
            self._lags_ms.append(max(late_s, 0.0) * 1000)

    def snapshot(self) -> dict[str, float | int]:
        """p99 and max lag (ms) over the recent window, and how many wake-ups that window holds."""
        lags = sorted(self._lags_ms)
        if not lags:
            return {"p99_ms": 0.0, "max_ms": 0.0, "samples": 0}
        p99 = lags[min(len(lags) - 1, math.ceil(0.99 * len(lags)) - 1)]
        return {"p99_ms": round(p99, 3), "max_ms": round(lags[-1], 3), "samples": len(lags)}

    def reset(self) -> None:
        self._lags_ms.clear()


probe = LoopLagProbe()


async def run_probe() -> None:
    """The server's probe, for `app.register_lifespan_task(run_probe)`: runs until the server stops."""
    await probe.run()
