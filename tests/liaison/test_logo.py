"""The installation's logo: set by the superuser on the profile page, kept in the database, shown
beside the name at the top of every page and served to everyone from its own address."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from liaison import installation
from liaison.models import Installation
from tests.liaison.test_installation import PROFILE

FAVICON_MARK = 'class="site-brand-mark" src="/static/favicon.svg"'
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32">'
    b"<script>alert(document.cookie)</script><rect width='32' height='32'/></svg>"
)


def image_bytes(fmt="PNG", size=(48, 48), noise=False):
    if noise:
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = Image.new("RGB", size, (20, 90, 160))
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return buffer.getvalue()


def upload(content, name="logo.png", content_type="image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def post_profile(browser, **changes):
    return browser.post(reverse("liaison:installation"), {**PROFILE, **changes})


def brand_mark(body):
    """The image beside the name in the header."""
    return body.split('class="navbar-brand site-brand"')[1].split("<span")[0]


@pytest.fixture
def office(client_of, superuser):
    return client_of(superuser)


def test_a_png_logo_is_shown_beside_the_name_on_every_page_and_served_as_png(office, client_of):
    content = image_bytes("PNG")
    assert post_profile(office, logo_file=upload(content)).status_code == 302
    saved = Installation.objects.get()
    assert saved.logo_type == "png" and bytes(saved.logo) == content
    url = saved.logo_url
    assert url.startswith("/logo/") and url.endswith(".png")

    visitor = client_of(None)
    for page in (reverse("pages:home"), reverse("groups:directory"), reverse("pages:help")):
        mark = brand_mark(visitor.get(page).content.decode())
        assert f'<img class="site-brand-mark site-brand-logo" src="{url}" alt="" ' in mark
        assert 'width="32" height="32"' in mark and "style=" not in mark
        assert "favicon.svg" not in mark

    response = visitor.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "immutable" in response["Cache-Control"] and "public" in response["Cache-Control"]
    assert "Vary" not in response and "Set-Cookie" not in response.headers
    assert response.content == content
    again = visitor.get(url, headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304
    again = visitor.get(url, headers={"If-Modified-Since": response["Last-Modified"]})
    assert again.status_code == 304


@pytest.mark.parametrize(("fmt", "kind"), [("JPEG", "jpeg"), ("WEBP", "webp")])
def test_jpeg_and_webp_logos_are_taken_by_what_they_are(office, client_of, fmt, kind):
    # The name and the type the browser gives do not matter: the image's own bytes do.
    content = image_bytes(fmt)
    assert post_profile(office, logo_file=upload(content, name="logo.png")).status_code == 302
    url = Installation.objects.get().logo_url
    assert url.endswith(f".{kind}")
    response = client_of(None).get(url)
    assert response["Content-Type"] == f"image/{kind}" and response.content == content


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (SVG, "logo.svg", "must be a PNG, JPEG or WebP image (not SVG)"),
        (SVG, "logo.png", "must be a PNG, JPEG or WebP image (not SVG)"),
        (b"Just some text, not a picture.\n" * 20, "logo.png", "must be a PNG, JPEG or WebP"),
        (image_bytes("GIF"), "logo.gif", "must be a PNG, JPEG or WebP"),
        (image_bytes("PNG")[:60], "logo.png", "must be a PNG, JPEG or WebP"),  # cut short
        (image_bytes("PNG", size=(400, 400), noise=True), "logo.png", "too large"),
        (image_bytes("PNG", size=(1100, 20)), "logo.png", "1100 × 20 pixels: at most 1024"),
    ],
    ids=["svg", "svg-named-png", "text-named-png", "gif", "truncated", "over-200-kb", "too-wide"],
)
def test_anything_else_is_refused_beside_the_field_keeping_what_was_typed(
    office, content, name, message
):
    response = post_profile(office, logo_file=upload(content, name=name))
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body and 'id="error_1_id_logo_file"' in body
    assert PROFILE["hours"] in body and PROFILE["name"] in body
    assert not Installation.objects.exists()


def test_the_logo_can_be_removed_and_the_standard_mark_comes_back(office, client_of):
    post_profile(office, logo_file=upload(image_bytes()))
    old_url = Installation.objects.get().logo_url
    page = office.get(reverse("liaison:installation")).content.decode()
    assert f'src="{old_url}" alt="The current logo"' in page and 'name="remove_logo"' in page

    assert post_profile(office, remove_logo="on").status_code == 302
    saved = Installation.objects.get()
    assert saved.logo_type == "" and bytes(saved.logo) == b"" and saved.logo_url == ""
    visitor = client_of(None)
    assert FAVICON_MARK in brand_mark(visitor.get(reverse("pages:home")).content.decode())
    assert visitor.get(old_url).status_code == 404


def test_uploading_and_removing_at_once_is_asked_again(office):
    post_profile(office, logo_file=upload(image_bytes()))
    kept = Installation.objects.get().logo_url
    response = post_profile(office, logo_file=upload(image_bytes("JPEG")), remove_logo="on")
    assert response.status_code == 200
    assert 'id="error_1_id_remove_logo"' in response.content.decode()
    assert Installation.objects.get().logo_url == kept


def test_saving_the_rest_of_the_profile_keeps_the_logo_and_its_address(office):
    content = image_bytes()
    post_profile(office, logo_file=upload(content))
    url = Installation.objects.get().logo_url
    assert post_profile(office, name="Another Name").status_code == 302
    saved = Installation.objects.get()
    assert saved.name == "Another Name"
    assert saved.logo_url == url and bytes(saved.logo) == content


def test_a_new_logo_has_a_new_address_and_the_old_one_leads_to_it(office, client_of):
    post_profile(office, logo_file=upload(image_bytes()))
    first = Installation.objects.get().logo_url
    post_profile(office, logo_file=upload(image_bytes("WEBP")))
    second = Installation.objects.get().logo_url
    assert second != first and second.endswith(".webp")
    response = client_of(None).get(first)
    assert response.status_code == 302 and response["Location"] == second


def test_without_a_logo_the_header_has_the_standard_mark_and_no_logo_is_found(db, client_of):
    visitor = client_of(None)
    assert FAVICON_MARK in brand_mark(visitor.get(reverse("pages:home")).content.decode())
    url = reverse("liaison:logo", kwargs={"version": "20260101000000000000", "ext": "png"})
    assert visitor.get(url).status_code == 404


def test_only_the_superuser_sets_the_logo(client_of, agency_admin, liaison):
    for person in (agency_admin, liaison):
        response = post_profile(client_of(person), logo_file=upload(image_bytes()))
        assert response.status_code == 403
    response = post_profile(client_of(None), logo_file=upload(image_bytes()))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert not Installation.objects.exists()


def count(browser, url):
    browser.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert browser.get(url).status_code == 200
    return len(queries)


def test_a_logo_costs_pages_no_query_and_the_kept_profile_holds_no_image(client_of, superuser):
    post_profile(client_of(superuser))
    visitor = client_of(None)
    pages = [reverse("pages:home"), reverse("groups:directory"), reverse("pages:help")]
    without = [count(visitor, url) for url in pages]
    logo = upload(image_bytes("PNG", size=(128, 128), noise=True))
    assert post_profile(client_of(superuser), logo_file=logo).status_code == 302
    visitor = client_of(None)
    assert "site-brand-logo" in visitor.get(pages[0]).content.decode()
    assert [count(visitor, url) for url in pages] == without
    kept = installation.profile()
    assert kept.logo_url and kept.get_deferred_fields() == {"logo"}
