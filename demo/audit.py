"""Demo entries, so that the audit trail of the demo agency shows what it records."""

import datetime as dt

from django.utils import timezone

from audit.models import AuditEvent
from audit.trail import build, record_many
from liaison.models import Agency, User
from referrals.models import Client, ClientIdentity, Consent, Disclosure

Action = AuditEvent.Action


def seed_audit():
    agency = Agency.objects.filter(slug="riverside").first()
    if agency is None or AuditEvent.objects.filter(request_id__startswith="demo").exists():
        return
    practitioner = User.objects.get(email="clinician@riverside.example")
    entries = []

    def entry(action, at, *, user=practitioner, **kw):
        event = build(action, user=user, agency_id=agency.pk, **kw)
        event.at = at
        event.request_id = f"demo{len(entries):028x}"
        event.ip_address = "192.0.2.10"
        entries.append(event)

    for consent in Consent.objects.filter(agency=agency).select_related("client"):
        signed = timezone.make_aware(dt.datetime.combine(consent.signed_on, dt.time(10, 5)))
        entry(Action.CONSENT_RECORDED, signed, client=consent.client, obj=consent)
    for disclosure in Disclosure.objects.filter(agency=agency).select_related("client"):
        entry(
            Action.DISCLOSURE,
            disclosure.disclosed_at,
            client=disclosure.client,
            obj=disclosure,
            detail=f"{', '.join(disclosure.information)} to {disclosure.recipient} (email)",
        )
    now = timezone.now()
    entry(Action.LOGIN_FAILED, now - dt.timedelta(days=2, hours=3), user=None,
          actor="clinician@riverside.example", outcome="failure")  # fmt: skip
    entry(Action.LOGIN, now - dt.timedelta(days=2, hours=3) + dt.timedelta(minutes=1))
    entry(Action.MFA_VERIFIED, now - dt.timedelta(days=2, hours=3) + dt.timedelta(minutes=2))
    for client in Client.objects.filter(agency=agency)[:3]:
        entry(
            Action.IDENTITY_VIEWED, now - dt.timedelta(days=2, hours=2), client=client, obj=client
        )
    outsider = User.objects.filter(email="clinician@lakeside.example").first()
    if outsider:
        entry(Action.ACCESS_DENIED, now - dt.timedelta(days=1), user=outsider,
              outcome="denied", detail="404 referrals.Client {'pk': 1}")  # fmt: skip
    record_many(entries)


def seed_deleted_client():
    """A client deleted four days ago, waiting for the purge: the admin can still undo it."""
    agency = Agency.objects.filter(slug="riverside").first()
    if agency is None or Client.objects.filter(agency=agency, record_number="RCM-10999").exists():
        return
    practitioner = User.objects.get(email="clinician@riverside.example")
    unit = practitioner.membership.unit
    client = Client.objects.create(
        agency=agency,
        unit=unit,
        record_number="RCM-10999",
        initials="TW",
        created_by=practitioner,
        deleted_at=timezone.now() - dt.timedelta(days=4),
        deleted_by=practitioner,
    )
    ClientIdentity.objects.create(client=client, first_name="Terry", last_name="Walsh")
    event = build(Action.CLIENT_DELETED, user=practitioner, obj=client, client=client)
    event.at = client.deleted_at
    record_many([event])
