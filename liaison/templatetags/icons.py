"""`{% icon "name" %}`: one of the site's icons (Bootstrap Icons, vendored as one sprite in
static/vendor/bootstrap-icons/icons.svg; tools/icon_sprite.py lists them).

An icon only stands beside words that say the same: it is hidden from screen readers, and takes
its colour from the words (`fill: currentColor` in liaison.css). The page carries a short
<svg><use href="…icons.svg#name"/></svg>; the sprite comes from the site itself, once, and stays
in the browser's cache (the Content-Security-Policy allows nothing else)."""

import re
from functools import cache
from pathlib import Path

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html

register = template.Library()

SPRITE = "vendor/bootstrap-icons/icons.svg"


@cache
def names() -> frozenset[str]:
    """The icons in the sprite."""
    text = (Path(settings.BASE_DIR) / "static" / SPRITE).read_text()
    return frozenset(re.findall(r'<symbol id="([\w-]+)"', text))


@cache
def _sprite_url() -> str:
    return static(SPRITE)


@register.simple_tag
def icon(name: str, css_class: str = ""):
    if name not in names():
        raise template.TemplateSyntaxError(f"No icon {name!r} in {SPRITE} (tools/icon_sprite.py)")
    return format_html(
        '<svg class="icon{}" width="16" height="16" aria-hidden="true"><use href="{}#{}"/></svg>',
        f" {css_class}" if css_class else "",
        _sprite_url(),
        name,
    )
