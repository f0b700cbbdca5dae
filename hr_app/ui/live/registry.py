"""Which tabs follow which page: one set of client tokens per (page set, organization), and each
organization's board version (one more per push of a board change, so a tab can tell it missed one).

An in-process dict with one worker, a Redis set and counter when Redis is configured (every worker sees them).
With Redis a push is also spread: the worker that took the write publishes it once (`publish`), and every
worker (`listen`) refreshes the tabs whose sockets it holds.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import os
from collections.abc import Callable, Iterable
from typing import Any, Protocol

import redis.asyncio as redis

from hr_app.config import get_settings

REDIS_KEY = "hr_app:live:{organization_id}"
VERSION_KEY = "hr_app:live-version:{organization_id}"
REDIS_TTL_S = 7 * 24 * 3600
# Pub/sub channels are shared by every database of a Redis server: the database is in the name.
PUSH_CHANNEL = "hr_app:live-push:{db}"
RELISTEN_S = 1.0  # a lost subscription is taken again after this; the pushes missed meanwhile re-sync by version

logger = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class Published:
    """One push as it travels to every worker: the organization, the topics that changed, the interviews the
    board changes are about (None: anything) and the board version the push brings (0: no board change)."""

    organization_id: str
    topics: frozenset[str]
    interviews: frozenset[str] | None
    version: int

    def __or__(self, other: Published) -> Published:
        """Two pushes as one: every topic and interview of both, the later version (a tab one before it patches
        the cards of both, which holds every change up to it)."""
        both = None if self.interviews is None or other.interviews is None else self.interviews | other.interviews
        return Published(self.organization_id, self.topics | other.topics, both, max(self.version, other.version))

    def encode(self) -> str:
        interviews = None if self.interviews is None else sorted(self.interviews)
        return json.dumps([self.organization_id, sorted(self.topics), interviews, self.version])

    @classmethod
    def decode(cls, text: str) -> Published:
        organization_id, topics, interviews, version = json.loads(text)
        return cls(organization_id, frozenset(topics), None if interviews is None else frozenset(interviews), version)


class Registry(Protocol):
    async def add(self, organization_id: str, token: str) -> None: ...
    async def members(self, organization_id: str) -> set[str]: ...
    async def discard(self, organization_id: str, tokens: Iterable[str]) -> None: ...
    async def next_version(self, organization_id: str) -> int: ...
    async def version(self, organization_id: str) -> int: ...

    # Whether pushes are spread over the workers (publish and listen); False: one worker, it refreshes every tab.
    spreads: bool


class MemoryRegistry:
    """One worker: the tokens live in this process."""

    spreads = False

    def __init__(self) -> None:
        self._tokens: dict[str, set[str]] = {}
        self._versions: dict[str, int] = {}

    async def add(self, organization_id: str, token: str) -> None:
        self._tokens.setdefault(organization_id, set()).add(token)

    async def members(self, organization_id: str) -> set[str]:
        return set(self._tokens.get(organization_id, ()))

    async def discard(self, organization_id: str, tokens: Iterable[str]) -> None:
        self._tokens.get(organization_id, set()).difference_update(tokens)

    async def next_version(self, organization_id: str) -> int:
        self._versions[organization_id] = self._versions.get(organization_id, 0) + 1
        return self._versions[organization_id]

    async def version(self, organization_id: str) -> int:
        return self._versions.get(organization_id, 0)


class RedisRegistry:
    """Several workers: one Redis set per organization, shared by all of them."""

    spreads = True

    def __init__(self, url: str) -> None:
        self._url = url
        self._clients: dict[int, Any] = {}

    def _client(self) -> Any:
        loop_id = id(asyncio.get_running_loop())  # a client belongs to one event loop
        if loop_id not in self._clients:
            self._clients[loop_id] = redis.from_url(self._url, decode_responses=True)
        return self._clients[loop_id]

    @staticmethod
    def _key(organization_id: str) -> str:
        return REDIS_KEY.format(organization_id=organization_id)

    async def add(self, organization_id: str, token: str) -> None:
        key = self._key(organization_id)
        async with self._client().pipeline(transaction=False) as pipe:
            await pipe.sadd(key, token).expire(key, REDIS_TTL_S).execute()

    async def members(self, organization_id: str) -> set[str]:
        return set(await self._client().smembers(self._key(organization_id)))

    async def discard(self, organization_id: str, tokens: Iterable[str]) -> None:
        tokens = list(tokens)
        if tokens:
            await self._client().srem(self._key(organization_id), *tokens)

    async def next_version(self, organization_id: str) -> int:
        # No expiry: a tab never sees the counter start again under it (if Redis loses it, tabs re-read once).
        return int(await self._client().incr(VERSION_KEY.format(organization_id=organization_id)))

    async def version(self, organization_id: str) -> int:
        return int(await self._client().get(VERSION_KEY.format(organization_id=organization_id)) or 0)

    def _channel(self) -> str:
        return PUSH_CHANNEL.format(db=self._client().get_connection_kwargs().get("db", 0))

    async def publish(self, push: Published) -> None:
        """One message for every worker (this one too)."""
        await self._client().publish(self._channel(), push.encode())

    async def listen(self, arrived: Callable[[Published], None], ready: asyncio.Event | None = None) -> None:
        """Call `arrived` with every push any worker publishes, in their order, until cancelled; `ready` is set
        once subscribed. A lost connection is taken again (the pushes in between are missed: the tabs re-sync
        by the board version on the next one)."""
        while True:
            try:
                async with self._client().pubsub() as pubsub:
                    await pubsub.subscribe(self._channel())
                    if ready is not None:
                        ready.set()
                    async for message in pubsub.listen():
                        if message["type"] == "message":
                            _hand_over(arrived, message["data"])
            except (redis.ConnectionError, redis.TimeoutError, OSError):
                logger.warning("Live pushes: the Redis subscription was lost; subscribing again", exc_info=True)
                await asyncio.sleep(RELISTEN_S)


def _hand_over(arrived: Callable[[Published], None], data: str) -> None:
    try:
        arrived(Published.decode(data))
    except Exception:  # one bad message never ends the subscription
        logger.exception("Live pushes: a published push could not be handled")


def redis_url() -> str | None:
    """Our REDIS_URL, else Reflex's own (its Redis state manager means several workers)."""
    return get_settings().redis_url or os.environ.get("REFLEX_REDIS_URL") or None


_registry: Registry | None = None


def registry() -> Registry:
    global _registry
    if _registry is None:
        url = redis_url()
        _registry = RedisRegistry(url) if url else MemoryRegistry()
    return _registry


def use_registry(value: Registry | None) -> None:
    """Tests swap the registry."""
    global _registry
    _registry = value
