"""How long a browser may keep what the port serves: the build's hashed assets for a year, pages never stale.

Reflex's production build (served on the one port with `--single-port`) writes its JavaScript and CSS under
`/assets/` with a content hash in every file name, so a file there never changes under its name: a browser may
keep it a year without asking again (`immutable`). Reflex's static files answer with no `Cache-Control` at all,
which leaves browsers to guess; a candidate on a phone then downloads the bundle again on every visit. A page's
HTML names the current hashes, so it must be checked each time (`no-cache`: revalidated with its ETag).
Answers that already say how to cache (the API's files and exports say `private, no-store`) keep theirs.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HASHED_ASSETS_PREFIX = "/assets/"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


def cache_policy(path: str, content_type: str) -> str | None:
    if path.startswith(HASHED_ASSETS_PREFIX):
        return IMMUTABLE
    if content_type.startswith("text/html"):
        return REVALIDATE
    return None


class StaticCacheMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")

        async def send_with_cache_control(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] in (200, 304):
                headers = MutableHeaders(scope=message)
                policy = cache_policy(path, headers.get("content-type", ""))
                if policy and "cache-control" not in headers:
                    headers["Cache-Control"] = policy
            await send(message)

        await self.app(scope, receive, send_with_cache_control)
