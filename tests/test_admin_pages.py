"""The Django admin as the installation's superuser uses it: the installation's name and icon on
every page, a greeting by name, and a group form whose contacts fit the form."""

import re
from pathlib import Path

from django.conf import settings
from django.contrib import admin
from django.urls import reverse

from groups.admin import ContactInline
from groups.models import Contact, SelfHelpGroup
from liaison.models import Installation

ADMIN_CSS = Path(settings.BASE_DIR) / "static" / "css" / "admin.css"
OWN_TEMPLATE = Path(settings.BASE_DIR) / "templates" / "admin" / "base_site.html"


def branding(page):
    return re.search(r'<div id="site-name"><a href="[^"]*">(.*?)</a></div>', page).group(1)


def greeting(page):
    return re.search(r"<strong>(.*?)</strong>\.", page).group(1)


def test_admin_pages_carry_the_sites_icon(client, superuser):
    icon = '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">'
    assert icon in client.get(reverse("admin:login")).content.decode()
    client.force_login(superuser)
    for url in (reverse("admin:index"), reverse("admin:groups_selfhelpgroup_add")):
        assert icon in client.get(url).content.decode()


def test_admin_pages_are_named_after_the_installation(client, superuser):
    Installation.objects.create(name="Riverside Self-Help Connections")
    client.force_login(superuser)
    page = client.get(reverse("admin:index")).content.decode()
    assert branding(page) == "Riverside Self-Help Connections administration"
    assert "| Riverside Self-Help Connections admin</title>" in page


def test_without_an_installation_name_the_admin_keeps_its_header(client, superuser, settings):
    settings.SITE_NAME = ""
    client.force_login(superuser)
    page = client.get(reverse("admin:index")).content.decode()
    assert branding(page) == admin.site.site_header
    assert f"| {admin.site.site_title}</title>" in page


def test_the_greeting_names_the_person_not_a_word_of_their_name(client, superuser):
    superuser.full_name = "Installation Administrator"
    superuser.save()
    client.force_login(superuser)
    page = client.get(reverse("admin:index")).content.decode()
    assert greeting(page) == "Installation Administrator"
    superuser.full_name = ""
    superuser.save()
    assert greeting(client.get(reverse("admin:index")).content.decode()) == superuser.email


def test_the_group_forms_contacts_are_a_compact_table_styled_from_a_file(client, superuser, group):
    Contact.objects.create(group=group, first_name="Ana", last_name="Lopez", role="Secretary")
    client.force_login(superuser)
    page = client.get(reverse("admin:groups_selfhelpgroup_change", args=[group.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert '<link href="/static/css/admin.css" media="all" rel="stylesheet">' in body
    assert 'id="contacts-group"' in body and 'value="Ana"' in body
    assert ContactInline in admin.site._registry[SelfHelpGroup].inlines
    css = ADMIN_CSS.read_text(encoding="utf-8")
    for rule in ("#contacts-group .tabular", "#contacts-group .vTextField"):
        assert rule in css


def test_the_admins_own_template_needs_no_inline_script_or_style():
    """The Content-Security-Policy allows scripts and styles from files only."""
    source = OWN_TEMPLATE.read_text(encoding="utf-8")
    assert "<script" not in source and "<style" not in source and "style=" not in source
