"""The language switch is a plain form: no script needed, same page and query afterwards."""

import re

from playwright.sync_api import expect

from tests.factory import make_group


def test_the_switch_changes_the_language_and_keeps_the_page_and_its_query(page):
    make_group(name="Grupo Luz")
    page.goto("/groups/?day=tuesday&open=open")
    page.get_by_role("button", name="Español").click()
    expect(page).to_have_url(re.compile(r"/groups/\?day=tuesday&open=open$"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Encuentre un grupo de autoayuda o de apoyo"
    )
    expect(page.get_by_label("Día", exact=True)).to_have_value("tuesday")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_a_phone_sees_the_switch_without_opening_the_menu(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 360, "height": 740}, locale="es-ES"
    )
    page = context.new_page()
    page.goto("/")
    expect(page.get_by_role("button", name="English")).to_be_visible()
    expect(page.get_by_role("link", name="Buscar un grupo")).to_be_hidden()
    context.close()
