"""Fixed-window attempt counters for failed logins and panel-token guesses.

With REDIS_URL the counters live in Redis, so every worker sees the same count; without it they
live in this process (one worker serves everything then).
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from hr_app.config import get_settings

WINDOW_SECONDS = 60


class CounterStore(Protocol):
    def hit(self, key: str, window: int) -> tuple[int, int]:
        """Count one attempt; return (attempts in this window, seconds until it resets)."""

    def peek(self, key: str) -> tuple[int, int]: ...

    def clear(self, key: str) -> None: ...

    def reset_all(self) -> None: ...


class MemoryCounterStore:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counters: dict[str, tuple[int, float]] = {}

    def hit(self, key: str, window: int) -> tuple[int, int]:
        now = time.monotonic()
        with self._lock:
            count, reset_at = self._counters.get(key, (0, now + window))
            if reset_at <= now:
                count, reset_at = 0, now + window
            count += 1
            self._counters[key] = (count, reset_at)
        return count, max(1, math.ceil(reset_at - now))

    def peek(self, key: str) -> tuple[int, int]:
        now = time.monotonic()
        with self._lock:
            count, reset_at = self._counters.get(key, (0, now))
        if reset_at <= now:
            return 0, 0
        return count, max(1, math.ceil(reset_at - now))

    def clear(self, key: str) -> None:
        with self._lock:
            self._counters.pop(key, None)

    def reset_all(self) -> None:
        with self._lock:
            self._counters.clear()


class RedisCounterStore:
    PREFIX = "hr_app:ratelimit:"

    def __init__(self, url: str) -> None:
        import redis

        self._redis = redis.Redis.from_url(url)

    def hit(self, key: str, window: int) -> tuple[int, int]:
        full_key = self.PREFIX + key
        pipe = self._redis.pipeline()
        pipe.incr(full_key)
        pipe.expire(full_key, window, nx=True)
        pipe.ttl(full_key)
        count, _, ttl = pipe.execute()
        return int(count), max(1, int(ttl))

    def peek(self, key: str) -> tuple[int, int]:
        full_key = self.PREFIX + key
        pipe = self._redis.pipeline()
        pipe.get(full_key)
        pipe.ttl(full_key)
        count, ttl = pipe.execute()
        return (int(count), max(1, int(ttl))) if count else (0, 0)

    def clear(self, key: str) -> None:
        self._redis.delete(self.PREFIX + key)

    def reset_all(self) -> None:
        for key in self._redis.scan_iter(self.PREFIX + "*"):
            self._redis.delete(key)


@lru_cache
def counter_store() -> CounterStore:
    url = get_settings().redis_url
    return RedisCounterStore(url) if url else MemoryCounterStore()


@dataclass(frozen=True)
class Limit:
    """At most `attempts` failures per `key` within a window."""

    name: str
    attempts: int
    window: int = WINDOW_SECONDS

    def _key(self, subject: str) -> str:
        return f"{self.name}:{subject}"

    def blocked_for(self, subject: str) -> int:
        """Seconds the subject must still wait, 0 when it may try."""
        count, ttl = counter_store().peek(self._key(subject))
        return ttl if count >= self.attempts else 0

    def record_failure(self, subject: str) -> None:
        counter_store().hit(self._key(subject), self.window)

    def clear(self, subject: str) -> None:
        counter_store().clear(self._key(subject))
