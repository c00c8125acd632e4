"""The icons: a small sprite from the site itself, drawn beside words, never heard alone."""

import re
from html.parser import HTMLParser
from importlib import util
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template, TemplateSyntaxError
from django.urls import reverse

from liaison.templatetags import icons
from tests.factory import make_group, make_meeting

ROOT = Path(settings.BASE_DIR)
# {% icon "name" %}, and a partial's icon="name" or icon|default:"name".
USED = re.compile(r"""(?:\{%\s*icon\s+|\bicon=|\bicon\|default:)["']([\w-]+)["']""")


def _builder():
    spec = util.spec_from_file_location("icon_sprite", ROOT / "tools" / "icon_sprite.py")
    module = util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _used_in_templates() -> set[str]:
    """The icons the templates name, and those of the badges (the `badge` tag's own)."""
    from liaison.templatetags.design import BADGE_ICONS

    return {
        name
        for path in (ROOT / "templates").rglob("*.html")
        for name in USED.findall(path.read_text(encoding="utf-8"))
    } | set(BADGE_ICONS.values())


def test_the_sprite_holds_the_icons_the_builder_lists_and_no_more():
    assert icons.names() == set(_builder().ICONS)
    source = (ROOT / "static" / "vendor" / "bootstrap-icons" / "SOURCE.txt").read_text()
    assert "bootstrap-icons" in source and "MIT" in source
    assert (ROOT / "static" / "vendor" / "bootstrap-icons" / "LICENSE").exists()


def test_every_icon_a_template_names_is_in_the_sprite_and_every_icon_is_used():
    used = _used_in_templates()
    assert used <= icons.names(), used - icons.names()
    # The style guide may show the few icons no page uses yet; nothing else is dead weight.
    assert icons.names() - used == set(), icons.names() - used


def test_the_sprite_is_small_and_has_nothing_to_run():
    sprite = (ROOT / "static" / icons.SPRITE).read_text()
    assert len(sprite.encode()) < 16_000
    assert "<script" not in sprite and "style=" not in sprite and "href=" not in sprite


def test_an_icon_is_hidden_from_screen_readers_and_comes_from_the_site():
    html = Template('{% load icons %}{% icon "telephone" %}').render(Context())
    assert 'aria-hidden="true"' in html and "tabindex" not in html
    sprite = r'<use href="/static/vendor/bootstrap-icons/icons[^"]*\.svg#telephone"/>'
    assert re.search(sprite, html)
    with pytest.raises(TemplateSyntaxError):
        Template('{% load icons %}{% icon "no-such-icon" %}').render(Context())


def test_the_content_security_policy_lets_the_sprite_load_from_the_site_alone():
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert directives["default-src"] == ["'self'"]
    assert "'self'" in directives["img-src"]
    assert directives["style-src"] == ["'self'"] and directives["script-src"] == ["'self'"]


class _Controls(HTMLParser):
    """The links and buttons of a page whose only content would be an icon."""

    def __init__(self):
        super().__init__()
        self.stack, self.silent = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "svg" and "icon" in (attrs.get("class") or "").split():
            assert attrs.get("aria-hidden") == "true", attrs
            for control in self.stack:
                control["icons"] += 1
        if tag in ("a", "button"):
            self.stack.append({"tag": tag, "attrs": attrs, "text": "", "icons": 0})

    def handle_endtag(self, tag):
        if tag in ("a", "button") and self.stack:
            control = self.stack.pop()
            named = control["text"].strip() or control["attrs"].get("aria-label")
            if control["icons"] and not named:
                self.silent.append(control)

    def handle_data(self, data):
        for control in self.stack:
            control["text"] += data


@pytest.mark.django_db
def test_no_link_or_button_is_an_icon_alone(client):
    group = make_group(name="Quiet Lake Group", public_phone="555 0100", public_email="q@e.org")
    make_meeting(group, mode="hybrid", access="closed", languages=("es",))
    pages = [reverse("pages:home"), reverse("groups:directory"), group.get_absolute_url()]
    pages.append(reverse("groups:directory") + "?q=zzzz")
    drawn = 0
    for url in pages:
        body = client.get(url).content.decode()
        drawn += body.count('<svg class="icon')
        parser = _Controls()
        parser.feed(body)
        assert not parser.silent, (url, parser.silent)
    assert drawn >= 10


def test_the_badge_partial_and_the_badge_tag_draw_the_same():
    partial = Template(
        '{% include "_badge.html" with kind="language" label="Español" lang="es" %}'
    ).render(Context())
    tag = Template('{% load design %}{% badge "language" "Español" lang="es" %}').render(Context())
    assert partial.strip() == tag.strip()
    assert 'class="badge badge-language rounded-pill" lang="es"' in tag and "#translate" in tag
    wrapped = Template('{% load design %}{% badge "stale" says wrap=True %}').render(
        Context({"says": "<b>old</b>"})
    )
    assert "badge-wrap" in wrapped and "&lt;b&gt;old&lt;/b&gt;" in wrapped
