"""The demo agencies, their units and staff, the superuser and a staff invitation
(`data/agencies.toml`). Idempotent: rows are found by natural keys and never rewritten."""

import datetime as dt
import io
from base64 import b32encode

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image, ImageDraw, ImageFont

from demo import files
from liaison import installation, mfa
from liaison.forms import logo_type
from liaison.models import (
    Agency,
    AgencyUnit,
    Installation,
    StaffInvitation,
    StaffMembership,
    User,
)

FILE = "agencies.toml"


def _accounts():
    return files.read(FILE).table("accounts", fields="password totp_key")


def password() -> str:
    """Every demo account's password."""
    return _accounts()["password"]


def totp_key() -> str:
    """The authenticator key (hex) of the demo accounts that need a second factor."""
    return _accounts()["totp_key"]


def demo_key_text() -> str:
    return b32encode(bytes.fromhex(totp_key())).decode().rstrip("=")


def _document():
    return files.read(FILE, fields="accounts superuser installation agencies staff_invitations")


def _agencies(document):
    return document.rows(
        "agencies", name="slug", fields="slug name phone email address units staff"
    )


STAFF_FIELDS = "email name role unit title liaison_hours_per_week job_description"


def demo_user(email, full_name, **extra) -> User:
    """The demo account of `email`, made with the demo password if there is none yet."""
    user = User.objects.filter(email=User.objects.normalize_email(email)).first()
    if user is None:
        user = User(email=email, full_name=full_name, **extra)
        user.set_password(password())
        user.full_clean()
        user.save()
    return user


def seed_agencies():
    document = _document()
    for row in _agencies(document):
        with row:
            agency = Agency.objects.filter(slug=row["slug"]).first()
            if agency is None:
                agency = Agency(
                    **{k: row[k] for k in ("slug", "name", "phone", "email", "address")}
                )
                agency.full_clean()
                agency.save()
        units = {}
        for unit_row in row.rows("units", name="name", fields="name level"):
            with unit_row:
                unit = AgencyUnit.objects.filter(agency=agency, name=unit_row["name"]).first()
                if unit is None:
                    unit = AgencyUnit(agency=agency, name=unit_row["name"], level=unit_row["level"])
                    unit.full_clean()
                    unit.save()
                units[unit.name] = unit
        for staff in row.rows("staff", name="email", fields=STAFF_FIELDS):
            with staff:
                user = demo_user(staff["email"], staff["name"])
                if not StaffMembership.objects.filter(user=user).exists():
                    membership = StaffMembership(
                        user=user,
                        agency=agency,
                        unit=files.pick(units, staff["unit"], "unit"),
                        role=staff["role"],
                        title=staff["title"],
                        liaison_hours_per_week=staff["liaison_hours_per_week"],
                        job_description=staff.get("job_description", ""),
                    )
                    membership.full_clean()
                    membership.save()
    superuser = document.table("superuser", fields="email name")
    with superuser:
        demo_user(superuser["email"], superuser["name"], is_staff=True, is_superuser=True)
    _seed_installation(document)
    _seed_second_factors(document)
    _seed_staff_invitations(document)


def _seed_installation(document):
    row = document.table("installation", fields="name organization phone email hours address")
    with row:
        if not Installation.objects.exists():
            profile = Installation(**{**installation.defaults(), **row.values})
            profile.logo, profile.logo_type = _demo_logo(), "png"
            profile.logo_changed_at = timezone.now()
            profile.full_clean()
            profile.save()


def _demo_logo() -> bytes:
    """The demo agency's logo, drawn here: its initial in white on a round blue mark, as an
    agency's own would be uploaded on the profile page (a PNG, checked the same way)."""
    image = Image.new("RGBA", (96, 96), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((0, 0, 95, 95), fill="#1d5b79")
    draw.text((48, 50), "R", fill="white", anchor="mm", font=ImageFont.load_default(size=60))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    content = out.getvalue()
    logo_type(content)  # the upload's own check: refuses anything it would refuse
    return content


def _seed_second_factors(document):
    """Demo accounts that must sign in with a second factor get the demo authenticator."""
    emails = [document["superuser"]["email"]] + [
        staff["email"] for row in _agencies(document) for staff in row["staff"]
    ]
    for user in User.objects.filter(email__in=emails):
        if mfa.required_for(user):
            TOTPDevice.objects.get_or_create(
                user=user,
                name="Demo authenticator",
                defaults={"key": totp_key(), "confirmed": True},
            )


def _seed_staff_invitations(document):
    fields = "agency email name role invited_by expires_in_days"
    for row in document.rows("staff_invitations", name="email", fields=fields):
        with row:
            agency = Agency.objects.get(slug=row["agency"])
            if StaffInvitation.objects.filter(agency=agency, email=row["email"]).exists():
                continue
            invitation = StaffInvitation(
                agency=agency,
                email=row["email"],
                full_name=row["name"],
                role=row["role"],
                invited_by=User.objects.filter(email=row["invited_by"]).first(),
                expires_at=timezone.now() + dt.timedelta(days=row["expires_in_days"]),
            )
            invitation.full_clean()
            invitation.save()


def logins():
    """(email, what they are) for each demo login, in the order `make run` prints them."""
    document = _document()
    rows = [(document["superuser"]["email"], "superuser — Django admin at /admin/")]
    for row in _agencies(document):
        for staff in row["staff"]:
            role = StaffMembership.Role(staff["role"]).label
            rows.append((staff["email"], f"{role}, {row['name']}"))
    return rows
