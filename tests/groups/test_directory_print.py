"""The search as a list to print: meetings by day and time, where they are or how to join, a QR
code back to the same search online; a day asked for prints that day only."""

import datetime as dt

from django.urls import reverse

from groups.directory import printed
from tests.factory import make_group, make_location, make_meeting

URL = reverse("groups:print")


def test_meetings_come_by_day_and_time_with_where_and_a_qr_code(client, db):
    hall = make_location(name="Grace Hall", street="40 Hill Road", city="Fairview", step_free=True)
    early = make_group(name="Early Birds")
    make_meeting(early, days=(1, 2, 3), start_time=dt.time(7), end_time=None, location=hall)
    evening = make_group(name="Evening Online")
    make_meeting(
        evening,
        days=(2,),
        start_time=dt.time(19),
        mode="online",
        conference_url="https://meet.example.org/x",
        end_time=None,
    )
    response = client.get(URL, {"q": ""})
    assert response.status_code == 200
    days = [
        (str(day["label"]), [m.group.name for m in day["meetings"]])
        for day in response.context["days"]
    ]
    assert days == [
        ("Monday", ["Early Birds"]),
        ("Tuesday", ["Early Birds", "Evening Online"]),
        ("Wednesday", ["Early Birds"]),
    ]
    body = response.content.decode()
    assert "40 Hill Road" in body and "step-free entrance" in body
    assert "https://meet.example.org/x" in body
    assert "<svg" in body.split('class="print-qr"')[1].split("</div>")[0]
    assert "http://testserver/groups/" in body


def test_a_day_asked_for_prints_that_day_only(client, db):
    make_meeting(make_group(name="Early Birds"), days=(1, 2, 3), end_time=None)
    response = client.get(URL, {"day": "tuesday"})
    assert [str(day["label"]) for day in response.context["days"]] == ["Tuesday"]
    assert "Day: Tuesday" in response.content.decode()
    assert "http://testserver/groups/?day=tuesday" in response.content.decode()


def test_a_long_list_says_how_much_it_shows(client, db, monkeypatch):
    monkeypatch.setattr(printed, "LIMIT", 2)
    from groups.directory import views

    monkeypatch.setattr(views, "PRINT_LIMIT", 2)
    for n in range(3):
        make_meeting(make_group(name=f"Group {n}"))
    body = client.get(URL).content.decode()
    assert "This list shows 2 of the 3 meetings found." in body


def test_the_directory_offers_its_search_as_a_list_to_print(client, db):
    make_meeting(make_group(name="Early Birds"))
    body = client.get(reverse("groups:directory"), {"day": "tuesday"}).content.decode()
    assert f'href="{URL}?day=tuesday"' in body
