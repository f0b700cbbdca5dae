"""Which tabs follow which page: one set of client tokens per (page set, organization), and each
organization's board version (one more per push of a board change, so a tab can tell it missed one).

An in-process dict with one worker, a Redis set and counter when Redis is configured (every worker sees them).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterable
from typing import Any, Protocol

import redis.asyncio as redis

from hr_app.config import get_settings

REDIS_KEY = "hr_app:live:{organization_id}"
VERSION_KEY = "hr_app:live-version:{organization_id}"
REDIS_TTL_S = 7 * 24 * 3600


class Registry(Protocol):
    async def add(self, organization_id: str, token: str) -> None: ...
    async def members(self, organization_id: str) -> set[str]: ...
    async def discard(self, organization_id: str, tokens: Iterable[str]) -> None: ...
    async def next_version(self, organization_id: str) -> int: ...
    async def version(self, organization_id: str) -> int: ...


class MemoryRegistry:
    """One worker: the tokens live in this process."""

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
