"""Someone who uses only a keyboard finds a group and registers for an event: skip link, search,
a filter, a group page, the calendar, an event, the registration form, the link mailed to
confirm, the confirmation."""

import datetime as dt
import re

from django.core import mail
from playwright.sync_api import expect

from tests.factory import make_agency, make_event, make_group, make_meeting


def tab_to(page, selector, presses=80):
    """Press Tab until the element matching `selector` has the focus; fail if it never does."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def focus_is_visible(page):
    return page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
        }"""
    )


def test_a_keyboard_only_visitor_finds_a_group_and_registers_for_an_event(page):
    women = make_group(name="Riverside Women's AA", audience=["women"], description="Women.")
    make_meeting(women, days=[2], start_time=dt.time(19))
    other = make_group(name="Riverside Women's Grief Circle", audience=["women"])
    make_meeting(other, days=[4], start_time=dt.time(19))
    make_event(make_agency(), title="Recovery Month picnic", capacity=30, is_public=True)

    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))
    tab_to(page, "#home-q")
    assert focus_is_visible(page)
    page.keyboard.type("women")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/groups/\?q=women"))
    expect(page.locator(".group-results > li")).to_have_count(2)

    tab_to(page, "#id_day")
    page.keyboard.type("Tuesday")
    assert page.locator("#id_day").input_value() == "tuesday"
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"day=tuesday"))
    expect(page.locator(".group-results > li")).to_have_count(1)

    tab_to(page, ".group-results a")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Riverside Women's AA")

    tab_to(page, "nav a[href='/events/']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("/events/$"))
    tab_to(page, ".event-list a")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Recovery Month picnic")

    tab_to(page, "#id_name")
    page.keyboard.type("Kim Lee")
    page.keyboard.press("Tab")
    page.keyboard.type("kim@example")  # not an address yet: the error is announced and tied
    tab_to(page, "aside button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_be_visible()
    email = page.locator("#id_email")
    expect(email).to_have_attribute("aria-invalid", "true")
    described_by = email.get_attribute("aria-describedby")
    expect(page.locator(f"#{described_by}")).to_contain_text("valid email")
    expect(email).to_be_focused()
    page.keyboard.press("End")
    page.keyboard.type(".org")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()

    link = next(word for word in mail.outbox[-1].body.split() if "/confirm/" in word)
    page.goto(link[link.index("/events/") :])
    tab_to(page, "main button[type=submit]")
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="You are registered")).to_be_visible()
