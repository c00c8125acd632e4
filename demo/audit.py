"""Demo entries of the audit trail (`data/audit.toml`), so that the demo agency's trail shows what
it records: besides the entries of the file, one for each consent the demo records and each
disclosure. Written once: the trail is append-only, and its entries are dated in the past."""

import datetime as dt

from django.utils import timezone

from audit.models import AuditEvent
from audit.trail import build, record_many
from demo import files
from liaison.models import Agency, User
from referrals.models import Client, Consent, Disclosure

Action = AuditEvent.Action
ENTRY_FIELDS = "action ago user actor outcome detail clients"
# When a consent is recorded, on the day it was signed.
CONSENT_RECORDED_AT = dt.time(10, 5)
# The client signs the printed form while the practitioner waits.
CONSENT_SIGNED_AFTER = dt.timedelta(minutes=15)


def seed_audit():
    document = files.read("audit.toml", fields="agency ip_address entries")
    with document:
        agency = Agency.objects.get(slug=document["agency"])
    if AuditEvent.objects.filter(request_id__startswith="demo").exists():
        return
    entries = []

    def entry(action, at, *, user, **kw):
        event = build(action, user=user, agency_id=agency.pk, **kw)
        event.at = at
        event.request_id = f"demo{len(entries):028x}"
        event.ip_address = document["ip_address"]
        event.full_clean()
        entries.append(event)

    for consent in Consent.objects.filter(agency=agency).select_related("client"):
        if consent.signed_on is None:
            steps = [(Action.CONSENT_RECORDED, consent.created_at)]
        else:
            recorded = timezone.make_aware(
                dt.datetime.combine(consent.signed_on, CONSENT_RECORDED_AT)
            )
            steps = [
                (Action.CONSENT_RECORDED, recorded),
                (Action.CONSENT_SIGNED, recorded + CONSENT_SIGNED_AFTER),
            ]
        for action, at in steps:
            entry(action, at, user=consent.recorded_by, client=consent.client, obj=consent)
    for disclosure in Disclosure.objects.filter(agency=agency).select_related("client"):
        entry(
            Action.DISCLOSURE,
            disclosure.disclosed_at,
            user=disclosure.disclosed_by,
            client=disclosure.client,
            obj=disclosure,
            detail=f"{', '.join(disclosure.information)} to {disclosure.recipient} (email)",
        )
    now = timezone.now()
    for row in document.rows("entries", name="action", fields=ENTRY_FIELDS):
        with row:
            at = now - dt.timedelta(**row["ago"])
            user = User.objects.get(email=row["user"]) if "user" in row else None
            details = {key: row[key] for key in ("actor", "outcome", "detail") if key in row}
            if "clients" not in row:
                entry(row["action"], at, user=user, **details)
            for record_number in row.get("clients", []):
                client = Client.objects.get(agency=agency, record_number=record_number)
                entry(row["action"], at, user=user, client=client, obj=client, **details)
    record_many(entries)
