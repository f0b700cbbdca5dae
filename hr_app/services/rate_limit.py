"""Failure limits for sign-ins, panel-token guesses and reset requests, on the `limits` library (issue 15).

Moving windows: a subject may fail `attempts` times within any `window` seconds, and waits until the oldest of
those failures leaves the window. With REDIS_URL the windows live in Redis (every worker sees the same count;
`limits` runs them as Lua scripts, which Redis 6 and 7 both run); without it they live in this process.
Only failures are counted; which checks run before and which after a success is each caller's rule.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from functools import lru_cache
from ipaddress import ip_address

from limits import RateLimitItem, RateLimitItemPerSecond
from limits.storage import Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

from hr_app.config import get_settings

WINDOW_SECONDS = 60
KEY_PREFIX = "hr_app:ratelimit"


def _trusted(address: str) -> bool:
    try:
        ip = ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in get_settings().trusted_proxy_networks)


def client_address(peer: str, forwarded_for: str = "") -> str:
    """The address limits count against: the peer, or, when the peer is a trusted proxy (TRUSTED_PROXIES, none by
    default), the right-most X-Forwarded-For entry that is not one (the entries left of it are the client's to
    write, so they are never believed)."""
    if not _trusted(peer):
        return peer
    for hop in reversed([item.strip() for item in forwarded_for.split(",") if item.strip()]):
        if not _trusted(hop):
            return hop
    return peer


@lru_cache
def storage() -> Storage:
    url = get_settings().redis_url
    return storage_from_string(url, key_prefix=KEY_PREFIX) if url else storage_from_string("memory://")


@lru_cache
def limiter() -> MovingWindowRateLimiter:
    return MovingWindowRateLimiter(storage())


def reset_all() -> None:
    """Forget every count (tests; an operator after an incident)."""
    storage().reset()


@dataclass(frozen=True)
class Limit:
    """At most `attempts` failures per subject within any `window` seconds."""

    name: str
    attempts: int
    window: int = WINDOW_SECONDS

    @property
    def _item(self) -> RateLimitItem:
        return RateLimitItemPerSecond(self.attempts, self.window)

    def blocked_for(self, subject: str) -> int:
        """Seconds the subject must still wait, 0 when it may try."""
        if limiter().test(self._item, self.name, subject):
            return 0
        reset_at = limiter().get_window_stats(self._item, self.name, subject).reset_time
        return max(1, math.ceil(reset_at - time.time()))

    def record_failure(self, subject: str) -> None:
        limiter().hit(self._item, self.name, subject)

    def clear(self, subject: str) -> None:
        limiter().clear(self._item, self.name, subject)


@dataclass(frozen=True)
class GrowingLimit:
    """Tiers of limits on one subject: each tier allows more failures over a longer window, so the wait grows
    with the failures (a minute, then up to an hour, then up to a day) instead of one flat deny."""

    tiers: tuple[Limit, ...]

    def blocked_for(self, subject: str) -> int:
        return max(tier.blocked_for(subject) for tier in self.tiers)

    def record_failure(self, subject: str) -> None:
        for tier in self.tiers:
            tier.record_failure(subject)

    def clear(self, subject: str) -> None:
        for tier in self.tiers:
            tier.clear(subject)


def growing(name: str, per_minute: int) -> GrowingLimit:
    """`per_minute` failures a minute, twice that an hour, four times that a day."""
    return GrowingLimit(
        (
            Limit(f"{name}-minute", per_minute, WINDOW_SECONDS),
            Limit(f"{name}-hour", 2 * per_minute, 60 * WINDOW_SECONDS),
            Limit(f"{name}-day", 4 * per_minute, 24 * 60 * WINDOW_SECONDS),
        )
    )
