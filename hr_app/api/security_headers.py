"""Browser security headers on every answer of the one port: pages, assets, the API, `/_upload`, `/ping`.

Reflex mounts its whole backend (in prod `--single-port` also the compiled frontend) inside the API app
(`rx.App(api_transformer=create_api())` mounts Reflex's app at "" in ours), so this middleware, the outermost
of the API app, sees every HTTP answer. The policy and why each source is there: docs/security.md.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Measured in Chromium against the prod build (tests/e2e/test_security_headers.py): see docs/security.md.
PAGE_POLICY: dict[str, str] = {
    "default-src": "'self'",
    # Reflex's prod build writes its route data as inline <script>s, and rx.call_script runs its JavaScript with
    # eval (the time-zone probe, the countdowns, the voice recorder): neither can carry a nonce in Reflex 0.10.
    "script-src": "'self' 'unsafe-inline' 'unsafe-eval'",
    # Emotion (Reflex's CSS-in-JS) and Radix insert <style> elements and style attributes at run time.
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
    "media-src": "'self' blob:",  # the voice note plays from a blob: URL fetched with the bearer token
    "frame-src": "blob:",  # a CV's PDF shows in the browser's viewer from a blob: URL fetched the same way
    "font-src": "'self' data:",
    "connect-src": "'self'",  # the API and the event websocket (CSP 3: 'self' covers ws: and wss: of the origin)
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
# FastAPI's Swagger UI loads its bundle from jsDelivr and starts it with an inline script.
SWAGGER_CDN = "https://cdn.jsdelivr.net"
DOCS_POLICY: dict[str, str] = PAGE_POLICY | {
    "script-src": f"'self' 'unsafe-inline' {SWAGGER_CDN}",
    "style-src": f"'self' 'unsafe-inline' {SWAGGER_CDN}",
    "img-src": "'self' data: https://fastapi.tiangolo.com",
}
DOCS_PATH = "/api/docs"
HSTS = "max-age=31536000; includeSubDomains"
STATIC_HEADERS: dict[str, str] = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    # The voice recorder is the one feature that needs a device: the microphone, on our own pages only.
    "Permissions-Policy": "microphone=(self), camera=(), geolocation=(), payment=(), usb=(), display-capture=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def policy_text(policy: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}" for name, value in policy.items())


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(values: Iterable[str]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(value.strip(), strict=False) for value in values if value.strip())


def peer_is_trusted(scope: Scope, proxies: tuple[Network, ...]) -> bool:
    client = scope.get("client")
    if not client or not proxies:
        return False
    try:
        address = ipaddress.ip_address(client[0])
    except ValueError:
        return False
    return any(address in network for network in proxies)


def served_over_https(scope: Scope, proxies: tuple[Network, ...]) -> bool:
    """The request's own scheme, or `X-Forwarded-Proto` when (and only when) a trusted proxy sent it."""
    if scope.get("scheme") in ("https", "wss"):
        return True
    if not peer_is_trusted(scope, proxies):
        return False
    forwarded = Headers(scope=scope).get("x-forwarded-proto", "")
    return forwarded.split(",")[0].strip().lower() == "https"


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, trusted_proxies: Iterable[str] = ()) -> None:
        self.app = app
        self.proxies = parse_networks(trusted_proxies)
        self.page_policy = policy_text(PAGE_POLICY)
        self.docs_policy = policy_text(DOCS_POLICY)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = self.docs_policy if scope.get("path", "").startswith(DOCS_PATH) else self.page_policy
        secure = served_over_https(scope, self.proxies)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", policy)
                for name, value in STATIC_HEADERS.items():
                    headers.setdefault(name, value)
                if secure:
                    headers.setdefault("Strict-Transport-Security", HSTS)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def socket_origin_check(allowed: Iterable[str]):
    """The event websocket accepts its own origin (whatever host the app is reached by) and `ALLOWED_ORIGINS`.

    Reflex hands engine.io the configured list as it is, and an empty list would turn the check off.
    """
    origins = frozenset(allowed)

    def check(origin: str | None, environ: dict | None = None) -> bool:
        if origin is None or origin in origins:
            return True
        environ = environ or {}
        own = f"{environ.get('wsgi.url_scheme', 'http')}://{environ.get('HTTP_HOST', '')}"
        return origin == own.replace("ws://", "http://", 1).replace("wss://", "https://", 1)

    return check
