"""The API application factory. Reflex mounts a fresh one; tests build their own."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from fastapi import APIRouter, FastAPI, Request
from starlette.middleware import Middleware
from starlette.routing import Match, Mount, Route
from starlette.types import ASGIApp, Receive, Scope, Send

from hr_app.api import openapi
from hr_app.api.body import EmptyBodyAsObjectMiddleware
from hr_app.api.concurrency import DatabaseConcurrencyMiddleware
from hr_app.api.exception_handlers import add_exception_handlers, method_not_allowed
from hr_app.api.guard import RequestBodyGuard
from hr_app.api.routers import (
    audit,
    auth,
    cv_merge,
    cv_people,
    cvs,
    dashboard,
    health,
    interview_tools,
    interviews,
    job_titles,
    organization,
    outbox,
    panel_exports,
    panel_sessions,
    panels,
    question_bank,
    scorecards,
    users,
)
from hr_app.api.security_headers import SecurityHeadersMiddleware
from hr_app.api.static_cache import StaticCacheMiddleware
from hr_app.config import get_settings
from hr_app.kit.errors import NotFound

API_PREFIX = "/api"
DESCRIPTION = """
The hr_app JSON API. Interview management and interview panels follow the documents in `spec/`;
the other routes (auth, users, CVs, job titles, question bank, candidate sessions) are described in
`docs/api.md`. Obtain a token from `POST /api/auth/token/` (or use **Authorize**), then send
`Authorization: Bearer <token>`.
"""

# FastAPI tries routes in this order: the most requested first.
ROUTERS: list[APIRouter] = [
    interview_tools.router,  # before interviews: its fixed paths would otherwise match `{interview_id}`
    interviews.router,
    scorecards.router,
    panels.router,
    auth.router,
    users.router,
    cvs.router,
    cv_people.router,
    cv_merge.router,
    job_titles.router,
    organization.router,
    question_bank.router,
    panel_sessions.router,
    panel_exports.router,
    audit.router,
    outbox.router,
    dashboard.router,
    health.router,
]


def declared_match(api: FastAPI, scope: Scope) -> Match:
    """How well the declared routes (not the JSON 404 fallback) match this request."""
    best = Match.NONE
    for route in api.router.routes:
        # Skip our JSON 404 fallback and Reflex's own mount of the backend (which matches anything).
        if getattr(route, "name", None) == "api_not_found" or isinstance(route, Mount):
            continue
        match, _ = route.matches(scope)
        if match == Match.FULL:
            return match
        best = max(best, match, key=lambda m: m.value)
    return best


_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


def _declared_routes(api: FastAPI) -> list[Route]:
    # FastAPI keeps included routers as nodes of their own: their routes are read from the routers we include.
    routes = [*api.router.routes, *(route for router in ROUTERS for route in router.routes)]
    return [route for route in routes if isinstance(route, Route) and route.name != "api_not_found"]


def declared_paths(api: FastAPI) -> re.Pattern[str]:
    """Any path a declared route (not the JSON 404 fallback, not a mount) answers, whatever the method."""
    patterns = [
        _NAMED_GROUP.sub("(?:", route.path_regex.pattern)  # the same parameter name appears in many routes
        for route in _declared_routes(api)
    ]
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns))


def allowed_methods(api: FastAPI) -> Callable[[str], set[str]]:
    """path -> the methods of the resource at that path.

    The resource is the most specific template that matches: `/agenda/` is the agenda, not an interview whose
    id happens to be "agenda" (that DELETE would only answer 404).
    """
    routes: list[Route] = []

    def allowed(path: str) -> set[str]:
        if not routes:
            routes.extend(_declared_routes(api))
        matching = [route for route in routes if route.path_regex.match(path)]
        fewest = min((len(route.param_convertors) for route in matching), default=0)
        return {m for route in matching if len(route.param_convertors) == fewest for m in route.methods or ()}

    return allowed


class TrailingSlashMiddleware:
    """Answer `/api/x` and `/api/x/` alike.

    Reflex mounts its own catch-all inside this app, so FastAPI's redirect_slashes never fires; the
    undeclared variant would reach the frontend. Here the path is rewritten to the declared one.
    """

    def __init__(self, app: ASGIApp, api: FastAPI) -> None:
        self.app = app
        self.api = api
        self._paths: re.Pattern[str] | None = None

    def _declared(self, scope: Scope) -> bool:
        # One regular expression for every declared path, built on first use (Reflex mounts its backend after
        # the factory returns): walking 60 routes per request cost a quarter of a small request's time.
        if self._paths is None:
            self._paths = declared_paths(self.api)
        return self._paths.match(scope["path"]) is not None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if scope["type"] == "http" and path.startswith(API_PREFIX) and not self._declared(scope):
            variant = path[:-1] if path.endswith("/") else path + "/"
            candidate = {**scope, "path": variant, "raw_path": variant.encode()}
            if self._declared(candidate):
                scope = candidate
        await self.app(scope, receive, send)


def _add_not_found_route(api: FastAPI) -> None:
    @api.api_route(
        "/api/{rest:path}",
        methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"],
        include_in_schema=False,
        name="api_not_found",
    )
    def api_not_found(request: Request, rest: str) -> None:
        if declared_match(api, request.scope) == Match.PARTIAL:
            raise method_not_allowed(request)
        raise NotFound("Not found", f"No API endpoint at {request.url.path}")


def create_api(guards: Sequence[Middleware] = ()) -> FastAPI:
    """The API app, which also carries Reflex's backend; `guards` wrap everything but the security headers."""
    api = FastAPI(
        title="hr_app API",
        version="1.0.0",
        description=DESCRIPTION,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
        redirect_slashes=False,
    )
    add_exception_handlers(api)
    for router in ROUTERS:
        api.include_router(router)
    _add_not_found_route(api)
    api.state.allowed_methods = allowed_methods(api)
    openapi.install(api)
    api.add_middleware(TrailingSlashMiddleware, api=api)
    api.add_middleware(EmptyBodyAsObjectMiddleware)
    api.add_middleware(DatabaseConcurrencyMiddleware)
    api.add_middleware(RequestBodyGuard)  # a body is here, whole and bounded, before admission
    for guard in guards:
        api.add_middleware(guard.cls, *guard.args, **guard.kwargs)
    api.add_middleware(StaticCacheMiddleware)  # the build's hashed assets cached for a year (api/static_cache.py)
    # Outermost: every answer of the port (pages, assets, API, refusals of the middlewares above) gets the headers.
    api.add_middleware(SecurityHeadersMiddleware, trusted_proxies=get_settings().trusted_proxy_list)
    return api
