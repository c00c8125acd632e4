from django.apps import apps
from django.core.management import call_command

from liaison.models import Agency, StaffMembership, User

APPS = {
    "liaison",
    "groups",
    "exchanges",
    "referrals",
    "events",
    "surveys",
    "audit",
    "otp_totp",
    "jobs",
    "django_tasks_database",
}


def _snapshot():
    rows = {}
    for model in apps.get_models():
        if model._meta.app_label in APPS:
            rows[model._meta.label] = sorted(
                tuple(sorted((k, str(v)) for k, v in row.items())) for row in model.objects.values()
            )
    return rows


def test_seed_demo_is_idempotent(db, capsys):
    call_command("seed_demo")
    first = _snapshot()
    call_command("seed_demo")
    assert _snapshot() == first


def test_seed_demo_makes_two_agencies_with_a_user_per_role_and_prints_the_logins(db, capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    riverside = Agency.objects.get(slug="riverside")
    assert Agency.objects.count() == 2
    assert set(riverside.units.values_list("level", flat=True)) == {
        "board",
        "executive",
        "practitioner",
        "client",
    }
    roles = set(StaffMembership.objects.filter(agency=riverside).values_list("role", flat=True))
    assert roles == set(StaffMembership.Role.values)
    for user in User.objects.all():
        assert user.email in out
        assert user.check_password("demo-password-2026")


def test_demo_accounts_that_see_identity_have_the_demo_authenticator(db, capsys):
    import re

    from django_otp.plugins.otp_totp.models import TOTPDevice

    from audit.models import AuditEvent
    from liaison import mfa

    call_command("seed_demo")
    needing = [user for user in User.objects.all() if mfa.required_for(user)]
    assert needing
    for user in needing:
        assert TOTPDevice.objects.filter(user=user, confirmed=True).exists(), user.email
    capsys.readouterr()
    call_command("demo_code")
    assert re.match(r"^\d{6}  \(valid for \d+ more seconds\)", capsys.readouterr().out)
    shown = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"disclosure", "consent_recorded", "login_failed", "client_deleted"} <= shown


def test_the_demo_shows_a_request_that_may_be_a_listed_group(client_of, db, capsys):
    from django.urls import reverse

    from groups.models import NewGroupRequest

    call_command("seed_demo")
    liaison = User.objects.get(email="liaison@riverside.example")
    request = NewGroupRequest.objects.get(
        group__name="Hearing Voices Group at the Riverside Library"
    )
    page = client_of(liaison).get(reverse("groups_office:new_group", args=[request.pk]))
    body = page.content.decode()
    assert "same contact email" in body and "Riverside Hearing Voices Group" in body


def test_the_demo_installation_has_a_logo_in_every_header(client, db, capsys):
    from liaison import installation

    call_command("seed_demo")
    installation.forget()
    url = installation.profile().logo_url
    assert url.startswith("/logo/") and url.endswith(".png")
    assert f'src="{url}"' in client.get("/").content.decode()
    served = client.get(url)
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
