import pytest
from django.core import mail
from django.urls import reverse

from liaison.models import User
from tests.factory import PASSWORD, make_user


def test_it_signs_in_with_the_email_in_any_case(client, practitioner):
    response = client.post(
        reverse("login"), {"username": "PRIYA@Example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("liaison:after_login")


def test_a_wrong_password_keeps_the_email_and_says_what_went_wrong(client, practitioner):
    response = client.post(reverse("login"), {"username": "priya@example.org", "password": "no"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "enter a correct email address and password" in body
    assert 'value="priya@example.org"' in body


@pytest.mark.parametrize(
    ("role_fixture", "home"),
    [
        ("practitioner", "pages:office"),
        ("liaison", "pages:office"),
        ("agency_admin", "pages:office"),
        ("executive", "pages:dashboard"),
        ("leader", "portal:home"),
        ("superuser", "admin:index"),
    ],
)
def test_after_sign_in_each_role_lands_on_its_home(client_of, request, role_fixture, home):
    client = client_of(request.getfixturevalue(role_fixture))
    response = client.get(reverse("liaison:after_login"))
    assert response["Location"] == reverse(home)
    assert client.get(response["Location"]).status_code == 200


def test_a_user_with_no_role_lands_on_the_public_home(client_of, db):
    response = client_of(make_user()).get(reverse("liaison:after_login"))
    assert response["Location"] == reverse("pages:home")


def test_sign_out_is_a_post_and_ends_the_session(client_of, practitioner):
    client = client_of(practitioner)
    assert "You are signed out" in client.post(reverse("logout")).content.decode()
    assert client.get(reverse("pages:office")).status_code == 302


def test_the_password_reset_mail_leads_to_a_working_set_password_page(client, practitioner):
    client.post(reverse("password_reset"), {"email": "priya@example.org"})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line)
    path = link[link.index("/accounts/reset/") :].strip()
    form_page = client.get(path, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    new = "a long and quiet river"
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    assert User.objects.get(pk=practitioner.pk).check_password(new)


def test_a_tampered_reset_link_gets_a_clear_page(client, db):
    response = client.get(reverse("password_reset_confirm", args=["MQ", "bad-token"]))
    assert response.status_code == 200
    assert "This link no longer works" in response.content.decode()


def test_a_short_or_common_password_is_refused(client_of, practitioner):
    client = client_of(practitioner)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "password123", "new_password2": "password123"},
    )
    body = response.content.decode()
    assert "at least 12 characters" in body
    assert "too common" in body


def test_the_email_is_the_unique_login_whatever_its_case(db):
    make_user(email="Someone@Example.org")
    assert User.objects.get_by_natural_key("someone@EXAMPLE.org").email == "someone@example.org"


@pytest.mark.parametrize(
    ("role_fixture", "shown", "hidden"),
    [
        ("practitioner", ["Office"], ["Dashboard", "Staff &amp; units", "My groups"]),
        ("executive", ["Office", "Dashboard"], ["Staff &amp; units", "My groups"]),
        ("agency_admin", ["Office", "Dashboard", "Staff &amp; units"], ["My groups"]),
        ("leader", ["My groups"], [">Office<", "Dashboard"]),
    ],
)
def test_the_navigation_shows_each_role_what_it_may_use(
    client_of, request, role_fixture, shown, hidden
):
    body = client_of(request.getfixturevalue(role_fixture)).get("/").content.decode()
    nav = body[body.index("<nav") : body.index("</nav>")]
    for label in shown:
        assert label in nav
    for label in hidden:
        assert label not in nav


def test_the_base_page_has_a_skip_link_and_landmarks(client, db):
    body = client.get("/").content.decode()
    assert 'href="#main"' in body
    assert '<main id="main"' in body
    assert "<header" in body and "<footer" in body
    assert 'name="viewport"' in body


def test_password_resets_for_one_email_are_limited_and_answered_alike(client, practitioner):
    url = reverse("password_reset")
    answers = []
    for email in ["priya@example.org"] * 4 + ["nobody@example.org"] * 4:
        response = client.post(url, {"email": email}, REMOTE_ADDR=f"192.0.2.{len(answers)}")
        answers.append((response.status_code, response["Location"]))
    # Three mails for the account, then nothing more; never a mail for an address without one;
    # and every answer the same, whether the account exists or the limit was reached.
    assert len(mail.outbox) == 3
    assert {message.to[0] for message in mail.outbox} == {"priya@example.org"}
    assert set(answers) == {(302, reverse("password_reset_done"))}


def test_password_resets_from_one_address_are_limited(client, practitioner):
    url = reverse("password_reset")
    for n in range(10):
        client.post(url, {"email": f"someone{n}@example.org"}, REMOTE_ADDR="192.0.2.50")
    refused = client.post(url, {"email": "priya@example.org"}, REMOTE_ADDR="192.0.2.50")
    assert refused.status_code == 429
    assert "Many password resets were asked from here" in refused.content.decode()
    assert mail.outbox == []
    elsewhere = client.post(url, {"email": "priya@example.org"}, REMOTE_ADDR="192.0.2.51")
    assert elsewhere.status_code == 302 and len(mail.outbox) == 1
