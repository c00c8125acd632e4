"""The style guide (/office/style/) shows each part of the design in its states, for staff."""

from django.urls import reverse

from liaison.templatetags.icons import names


def test_the_style_guide_shows_every_component_and_state(client_of, liaison):
    response = client_of(liaison).get(reverse("pages:style_guide"))
    assert response.status_code == 200
    body = response.content.decode()
    # The page header, with its breadcrumb to the office.
    assert '<header class="page-header">' in body and 'aria-current="page">Style guide<' in body
    # Buttons: one primary, the others outlined or links, a disabled one.
    assert body.count("btn-primary") == 1
    for kind in ("btn-outline-primary", "btn-outline-secondary", "btn-link", "disabled"):
        assert kind in body, kind
    # Every badge and alert state, an empty state, a field with its error, a table.
    for kind in ("in-person", "online", "hybrid", "open", "closed", "language", "stale", "fresh"):
        assert f"badge-{kind}" in body, kind
    for level in ("info", "success", "warning", "danger"):
        assert f"alert alert-{level} alert-with-icon" in body, level
    assert 'class="empty-state"' in body
    assert "is-invalid" in body and "Enter a valid email address." in body
    assert "<table" in body and '<th scope="row">' in body
    # The palette's swatches and every icon of the sprite, by name.
    assert "--lx-primary" in body and "#1d5b79" in body
    for name in names():
        assert f"#{name}" in body and f"<code>{name}</code>" in body, name


def test_the_public_and_group_leaders_do_not_see_it(client_of, leader):
    url = reverse("pages:style_guide")
    assert client_of(None).get(url).status_code == 302
    assert client_of(leader).get(url).status_code == 403
