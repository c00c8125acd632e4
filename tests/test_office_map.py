"""Every page on the office's map opens for each role it is shown to, and nothing on the map is
kept from a role that may open it."""

import pytest
from django.urls import reverse

from pages.office_map import OFFICE, office_for

ROLES = ["practitioner", "liaison", "executive", "agency_admin"]


@pytest.mark.parametrize("role", ROLES)
def test_every_page_shown_opens(role, request, client_of):
    user = request.getfixturevalue(role)
    client = client_of(user)
    shown = {page.url_name for _, pages in office_for(user) for page in pages}
    assert shown, role
    for section in OFFICE:
        for page in section.pages:
            status = client.get(reverse(page.url_name)).status_code
            if page.url_name in shown:
                assert status == 200, (role, page.url_name, status)
            else:
                assert status in (403, 302), (role, page.url_name, status)


def test_the_office_home_draws_the_map(client_of, liaison, agency_admin):
    body = client_of(liaison).get(reverse("pages:office")).content.decode()
    assert "Listings to look after" in body and "Manage staff" not in body
    body = client_of(agency_admin).get(reverse("pages:office")).content.decode()
    assert "Manage staff" in body and "Listings to look after" not in body
