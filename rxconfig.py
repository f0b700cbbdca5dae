"""Reflex configuration. The database URL comes from the app's settings (DATABASE_URL)."""

import reflex as rx

from hr_app.config import get_settings

settings = get_settings()

# The Radix colours the app names (accent indigo, gray, and every color_scheme / rx.color in hr_app/ui);
# tests/ui/test_radix_colors.py fails when a page names one that is not here.
RADIX_COLORS = ("amber", "blue", "gray", "green", "indigo", "orange", "red", "teal")
RADIX_CSS = "@radix-ui/themes"


class RadixThemesUsedColors(rx.plugins.RadixThemesPlugin):
    """Radix Themes with the colour tokens of the colours the app uses, not all 31 in light and dark.

    Radix's styles.css is tokens.css (every colour) + components.css + utilities.css; its documented split
    imports (tokens/base.css, tokens/colors/<name>.css) leave 34 KB gzipped of colours nobody sees out of the
    stylesheet every page waits for (docs/performance.md, "Light on a phone")."""

    def get_stylesheet_paths(self, **context: object) -> tuple[str, ...]:
        if not self.enabled:
            return ()
        colors = tuple(f"{RADIX_CSS}/tokens/colors/{name}.css" for name in RADIX_COLORS)
        return (f"{RADIX_CSS}/tokens/base.css", *colors, f"{RADIX_CSS}/components.css", f"{RADIX_CSS}/utilities.css")


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
        RadixThemesUsedColors(
            theme=rx.theme(accent_color="indigo", gray_color="slate", radius="medium", scaling="100%"),
        ),
    ],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
