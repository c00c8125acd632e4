import re

from playwright.sync_api import expect

from liaison.models import StaffMembership
from surveys.models import Response, Survey
from tests.browser.conftest import sign_in
from tests.factory import PASSWORD, make_agency, make_staff, make_survey_responses


def test_staff_make_a_client_survey_a_phone_answers_and_results_show_from_5(page, browser):
    agency = make_agency(name="Riverside Community Mental Health")
    make_staff(agency, StaffMembership.Role.LIAISON, email="luis@example.org")

    sign_in(page, "luis@example.org", PASSWORD)
    page.goto("/office/")
    page.get_by_role("link", name="Surveys of clients and members").click()
    page.get_by_role("link", name="New survey from a template").click()
    page.get_by_label("Self-help groups and you").check()
    page.get_by_role("button", name="Create the draft").click()
    expect(page.get_by_text("A draft survey with the template's questions")).to_be_visible()
    page.locator("#id_title").fill("Spring client survey")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Spring client survey")).to_be_visible()
    page.get_by_role("link", name="Open the survey").click()
    expect(page.get_by_text("Once open, the questions cannot be changed")).to_be_visible()
    page.get_by_role("button", name="Open the survey").click()
    expect(page.get_by_text("The survey is open: share its link.")).to_be_visible()
    expect(page.locator("#share-qr svg")).to_be_visible()
    link = page.locator("#share-url").input_value()
    survey = Survey.objects.get()
    assert link.endswith(f"/surveys/{survey.token}/")

    phone = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    respondent = phone.new_page()
    respondent.goto(link)
    expect(respondent.get_by_role("heading", name="Spring client survey")).to_be_visible()
    # Nothing sticks out sideways on a phone.
    assert respondent.evaluate("document.documentElement.scrollWidth") <= 360
    respondent.get_by_label("About how many meetings").fill("6")
    respondent.get_by_role("button", name="Send my answers").click()
    expect(respondent.get_by_text("Please answer this question.")).to_be_visible()
    expect(respondent.locator("#form-errors")).to_be_focused()
    expect(respondent.get_by_label("About how many meetings")).to_have_value("6")
    participation = respondent.get_by_role("group", name=re.compile("In the last 3 months"))
    participation.get_by_label("Yes", exact=True).check()
    kinds = respondent.get_by_role("group", name=re.compile("which kinds of group"))
    kinds.get_by_label("Mental health peer support").check()
    satisfaction = respondent.get_by_role(
        "group", name=re.compile("satisfied are you with the group")
    )
    satisfaction.get_by_label("4", exact=True).check()
    respondent.get_by_role("button", name="Send my answers").click()
    expect(respondent.get_by_role("heading", name="Thank you")).to_be_visible()
    respondent.goto(link)  # the same phone, a moment later
    participation.get_by_label("No", exact=True).check()
    respondent.get_by_role("button", name="Send my answers").click()
    expect(respondent.get_by_text("We already have your answers — thank you")).to_be_visible()
    phone.close()
    assert Response.objects.count() == 1

    page.goto(f"/office/surveys/{survey.pk}/results/")
    expect(page.get_by_text("Results show once there are at least 5 responses")).to_be_visible()
    make_survey_responses(survey, [{"participation": "Yes", "satisfaction": "5"}] * 4)
    page.reload()
    expect(page.locator("#response-count")).to_have_text("5 responses")
    table = page.get_by_role("table", name=re.compile("5 people answered")).first
    expect(table.get_by_role("row").nth(1)).to_contain_text("Yes")
    expect(table.get_by_role("row").nth(1)).to_contain_text("100.0%")
    expect(page.locator("canvas[data-chart]").first).to_be_visible()
