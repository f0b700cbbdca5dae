"""The address a UI event's rate limits count against: the API's rule (services/rate_limit.client_address).

Reflex's own `client_ip` is the socket's peer (its `trusted_proxy_hops` is 0 here), which behind a proxy is the
proxy, so every browser would share one lock-out. The handshake's headers carry the peer Reflex saw
(`asgi-scope-client`) and `X-Forwarded-For`; the forwarded address is believed only when that peer is in
`TRUSTED_PROXIES`, exactly as for the API.
"""

from __future__ import annotations

import reflex as rx

from hr_app.services import rate_limit


def client_address(state: rx.State) -> str:
    headers = state.router.headers.raw_headers
    peer = headers.get("asgi-scope-client") or state.router.session.client_ip or "unknown"
    return rate_limit.client_address(peer, headers.get("x-forwarded-for", ""))
