"""The stylesheet carries the colour tokens of just the Radix colours the app names (rxconfig.RADIX_COLORS): a page
that names another one would render it without colour, so naming one fails here first."""

from __future__ import annotations

import re
from pathlib import Path

from rxconfig import RADIX_COLORS, RadixThemesUsedColors, config

ROOT = Path(__file__).resolve().parents[2]
# Radix Themes 3's colour scales: @radix-ui/themes/tokens/colors/*.css
RADIX_SCALES = frozenset(
    {
        *("amber", "blue", "bronze", "brown", "crimson", "cyan", "gold", "grass", "gray", "green", "indigo"),
        *("iris", "jade", "lime", "mauve", "mint", "olive", "orange", "pink", "plum", "purple", "red", "ruby"),
        *("sage", "sand", "sky", "slate", "teal", "tomato", "violet", "yellow"),
    }
)
QUOTED_SCALE = re.compile(r"""["'](""" + "|".join(sorted(RADIX_SCALES)) + r""")["']""")


def _named_colors() -> set[str]:
    sources = [*ROOT.joinpath("hr_app").rglob("*.py"), *ROOT.joinpath("assets").glob("*.css")]
    return {match for path in sources for match in QUOTED_SCALE.findall(path.read_text())}


def test_every_colour_the_app_names_has_its_tokens():
    named = _named_colors()
    assert {"indigo", "gray", "red", "green"} <= named  # the scan finds the app's colours at all
    assert named <= set(RADIX_COLORS), sorted(named - set(RADIX_COLORS))


def test_the_app_theme_uses_listed_colours():
    source = ROOT.joinpath("hr_app/hr_app.py").read_text()
    theme = re.search(r'rx\.theme\([^)]*accent_color="(\w+)", gray_color="(\w+)"', source)
    assert theme is not None
    assert set(theme.groups()) <= set(RADIX_COLORS)


def test_stylesheet_is_base_tokens_then_colours_then_components():
    (plugin,) = [plugin for plugin in config.plugins if isinstance(plugin, RadixThemesUsedColors)]
    assert plugin.get_stylesheet_paths() == (
        "@radix-ui/themes/tokens/base.css",
        *(f"@radix-ui/themes/tokens/colors/{name}.css" for name in RADIX_COLORS),
        "@radix-ui/themes/components.css",
        "@radix-ui/themes/utilities.css",
    )
    assert "@radix-ui/themes/styles.css" not in plugin.get_stylesheet_paths()
