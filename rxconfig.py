"""Reflex configuration. The database URL comes from the app's settings (DATABASE_URL)."""

import reflex as rx

from hr_app.config import get_settings

settings = get_settings()

config = rx.Config(
    app_name="hr_app",
    db_url=settings.database_url,
    # With REDIS_URL, Reflex keeps page state in Redis and `reflex run --env prod` starts several workers.
    redis_url=settings.redis_url,
    show_built_with_reflex=False,
    # CORS of every HTTP answer (Reflex adds the middleware); the websocket's origin check is in hr_app/hr_app.py.
    cors_allowed_origins=settings.allowed_origin_list,
    telemetry_enabled=False,
    # A phone's first visit (docs/performance.md, "Light on a phone"): brotli sidecars first (gzip for the rest),
    # and Radix Themes imported per component instead of its whole namespace on every page (nothing of ours reads
    # window.__reflex, which is all the eager import is for).
    frontend_compression_formats=["brotli", "gzip"],
    frontend_lazy_bundled_libraries=True,
    plugins=[
        rx.plugins.RadixThemesPlugin(
            theme=rx.theme(accent_color="indigo", gray_color="slate", radius="medium", scaling="100%"),
        ),
    ],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
