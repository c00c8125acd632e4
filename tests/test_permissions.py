"""The permission matrix: every URL of the project, every role, the status each must get.

- anonymous on a private page → redirect to the login page ("login");
- signed in with the wrong role → 403;
- another agency's or another group's object → 404.
A test at the end fails when a URL pattern of the project is missing from the table.
"""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tests import cast
from tests.once import built_once, client_with, signed_in_keys

ROLES = [
    "anonymous",
    "leader",
    "practitioner",
    "liaison",
    "executive",
    "agency_admin",
    "outsider",
    "superuser",
]
LOGIN = "login"


def everyone(status=200, **overrides):
    return {role: overrides.get(role, status) for role in ROLES}


def signed_in(status=200, **overrides):
    return everyone(status, anonymous=LOGIN, **overrides)


def only(*allowed, **overrides):
    """Allowed roles get 200; other signed-in users 403; anonymous the login page."""
    table = {role: (200 if role in allowed else 403) for role in ROLES}
    table["anonymous"] = LOGIN
    table.update(overrides)
    return table


STAFF = ("practitioner", "liaison", "executive", "agency_admin", "outsider")
DASHBOARD = ("executive", "agency_admin", "outsider")
ADMINS = ("agency_admin", "outsider")

# (url name, kwargs from the world, {role: expected}, method)
MATRIX = [
    ("pages:home", None, everyone(), "get"),
    ("pages:help", None, everyone(), "get"),
    ("pages:privacy", None, everyone(), "get"),
    ("pages:accessibility", None, everyone(), "get"),
    ("liaison:installation", None, only("superuser"), "get"),
    # The installation's logo is public; the world has none (tests/liaison/test_logo.py sets one).
    (
        "liaison:logo",
        lambda w: {"version": "20260101000000000000", "ext": "png"},
        everyone(404),
        "get",
    ),
    ("liaison:after_login", None, signed_in(302), "get"),
    ("pages:office", None, only(*STAFF), "get"),
    ("pages:style_guide", None, only(*STAFF), "get"),
    ("pages:dashboard", None, only(*DASHBOARD), "get"),
    ("pages:dashboard_csv", None, only(*DASHBOARD), "get"),
    ("pages:dashboard_summary", None, only(*DASHBOARD), "get"),
    ("pages:dashboard_referrals", None, only(*DASHBOARD), "get"),
    ("pages:dashboard_referrals_csv", None, only(*DASHBOARD), "get"),
    ("pages:dashboard_follow_ups", None, only(*DASHBOARD), "get"),
    ("pages:dashboard_follow_ups_csv", None, only(*DASHBOARD), "get"),
    ("pages:dashboard_stories", None, only(*DASHBOARD), "get"),
    ("pages:dashboard_stories_csv", None, only(*DASHBOARD), "get"),
    ("liaison:staff_list", None, only(*ADMINS), "get"),
    ("liaison:staff_add", None, only(*ADMINS), "get"),
    (
        "liaison:staff_invitation_withdraw",
        lambda w: {"pk": w.staff_invitation.pk},
        only(*ADMINS, agency_admin=405, outsider=405),
        "get",
    ),
    (
        "liaison:staff_invitation_withdraw",
        lambda w: {"pk": w.staff_invitation.pk},
        only(*ADMINS, agency_admin=302, outsider=404),
        "post",
    ),
    (
        "liaison:staff_invitation_resend",
        lambda w: {"pk": w.staff_invitation.pk},
        only(*ADMINS, agency_admin=405, outsider=405),
        "get",
    ),
    (
        "liaison:staff_invitation_resend",
        lambda w: {"pk": w.staff_invitation.pk},
        only(*ADMINS, agency_admin=302, outsider=404),
        "post",
    ),
    ("liaison:staff_invitation", lambda w: {"token": "tampered"}, everyone(400), "get"),
    (
        "liaison:staff_edit",
        lambda w: {"pk": w.practitioner.membership.pk},
        only(*ADMINS, outsider=404),
        "get",
    ),
    ("liaison:unit_list", None, only(*ADMINS), "get"),
    ("liaison:jobs_status", None, only(*ADMINS), "get"),
    ("liaison:unit_add", None, only(*ADMINS), "get"),
    ("liaison:unit_edit", lambda w: {"pk": w.unit.pk}, only(*ADMINS, outsider=404), "get"),
    ("portal:home", None, only("leader"), "get"),
    ("groups:directory", None, everyone(), "get"),
    ("groups:print", None, everyone(), "get"),
    ("groups:detail", lambda w: {"slug": w.group.slug}, everyone(), "get"),
    (
        "groups:detail",
        lambda w: {"slug": w.pending_group.slug},
        everyone(404, **dict.fromkeys(STAFF, 200)),
        "get",
    ),
    (
        "groups:meeting_ics",
        lambda w: {"slug": w.group.slug, "meeting": w.meeting.slug},
        everyone(),
        "get",
    ),
    (
        "groups:meeting_ics",
        lambda w: {"slug": w.other_group.slug, "meeting": w.meeting.slug},
        everyone(404),
        "get",
    ),
    ("groups:brief", lambda w: {"slug": w.group.slug}, only(*STAFF), "get"),
    (
        "groups:brief",
        lambda w: {"slug": "no-such-group"},
        only(*STAFF, **dict.fromkeys(STAFF, 404)),
        "get",
    ),
    ("groups:verify", lambda w: {"slug": w.group.slug}, only("liaison", liaison=405), "get"),
    ("groups:verify", lambda w: {"slug": w.group.slug}, only("liaison", liaison=302), "post"),
    ("groups:assessment", lambda w: {"slug": w.group.slug}, only("liaison"), "get"),
    ("groups:typology", lambda w: {"slug": w.group.slug}, only("liaison"), "get"),
    ("groups:new", None, everyone(), "get"),
    ("groups:suggest", lambda w: {"slug": w.group.slug}, everyone(), "get"),
    ("groups:keep", lambda w: {"slug": w.group.slug}, everyone(), "get"),
    (
        "groups_office:keep_decide",
        lambda w: {"pk": w.keep_request.pk},
        only("liaison", liaison=405),
        "get",
    ),
    (
        "groups_office:keep_decide",
        lambda w: {"pk": w.keep_request.pk},
        only("liaison", liaison=302),
        "post",
    ),
    ("groups:manage", lambda w: {"slug": w.group.slug}, only("leader", liaison=302), "get"),
    ("groups:manage", lambda w: {"slug": w.other_group.slug}, only("liaison", leader=404), "get"),
    ("groups:edit", lambda w: {"slug": w.group.slug}, only("leader", liaison=302), "get"),
    ("groups:edit", lambda w: {"slug": w.other_group.slug}, only("liaison", leader=404), "get"),
    ("groups:meeting_add", lambda w: {"slug": w.group.slug}, only("leader", liaison=302), "get"),
    (
        "groups:meeting_add",
        lambda w: {"slug": w.other_group.slug},
        only("liaison", leader=404),
        "get",
    ),
    (
        "groups:meeting_edit",
        lambda w: {"slug": w.group.slug, "pk": w.meeting.pk},
        only("leader", liaison=302),
        "get",
    ),
    (
        "groups:meeting_edit",
        lambda w: {"slug": w.other_group.slug, "pk": w.meeting.pk},
        only("liaison", leader=404, liaison=404),
        "get",
    ),
    ("groups:contact_add", lambda w: {"slug": w.group.slug}, only("leader", liaison=302), "get"),
    (
        "groups:contact_edit",
        lambda w: {"slug": w.group.slug, "pk": w.contact.pk},
        only("leader", liaison=302),
        "get",
    ),
    (
        "groups:history",
        lambda w: {"slug": w.group.slug},
        only("leader", *STAFF),
        "get",
    ),
    (
        "groups:history",
        lambda w: {"slug": w.other_group.slug},
        only(*STAFF, leader=404),
        "get",
    ),
    (
        "groups:suggestion",
        lambda w: {"slug": w.group.slug, "pk": w.suggestion.pk},
        only("leader"),
        "get",
    ),
    (
        "groups:suggestion",
        lambda w: {"slug": w.other_group.slug, "pk": w.suggestion.pk},
        only("liaison", leader=404, liaison=404),
        "get",
    ),
    ("groups:confirm_listing", lambda w: {"slug": w.group.slug}, only("leader", leader=405), "get"),
    (
        "groups:confirm_listing",
        lambda w: {"slug": w.group.slug},
        only("leader", leader=302),
        "post",
    ),
    (
        "groups:confirm",
        lambda w: {"slug": w.group.slug, "token": "tampered"},
        everyone(400),
        "get",
    ),
    ("groups:leaders", lambda w: {"slug": w.group.slug}, only("liaison"), "get"),
    (
        "groups:proposal_withdraw",
        lambda w: {"slug": w.group.slug, "pk": w.proposal.pk},
        only("liaison", liaison=405),
        "get",
    ),
    (
        "groups:proposal_withdraw",
        lambda w: {"slug": w.group.slug, "pk": w.proposal.pk},
        only("liaison", liaison=302),
        "post",
    ),
    ("portal:leaders", lambda w: {"slug": w.group.slug}, only("leader"), "get"),
    ("portal:leaders", lambda w: {"slug": w.other_group.slug}, only("leader", leader=404), "get"),
    (
        "portal:leadership_end",
        lambda w: {"slug": w.group.slug, "pk": w.leadership.pk},
        only("leader", leader=405),
        "get",
    ),
    (
        "portal:leadership_end",
        lambda w: {"slug": w.group.slug, "pk": w.leadership.pk},
        only("leader", leader=302),
        "post",
    ),
    (
        "portal:leadership_end",
        lambda w: {"slug": w.other_group.slug, "pk": w.leadership.pk},
        only("leader", leader=404),
        "post",
    ),
    (
        "portal:proposal",
        lambda w: {"slug": w.group.slug, "pk": w.proposal.pk},
        only("leader", leader=302),
        "post",
    ),
    (
        "portal:proposal",
        lambda w: {"slug": w.other_group.slug, "pk": w.proposal.pk},
        only("leader", leader=404),
        "post",
    ),
    (
        "portal:invitation_withdraw",
        lambda w: {"slug": w.group.slug, "pk": w.proposal.pk},
        only("leader", leader=302),
        "post",
    ),
    (
        "portal:invitation_withdraw",
        lambda w: {"slug": w.group.slug, "pk": w.proposal.pk},
        only("leader", leader=405),
        "get",
    ),
    (
        "portal:invitation_resend",
        lambda w: {"slug": w.group.slug, "pk": w.proposal.pk},
        only("leader", leader=302),
        "post",
    ),
    (
        "portal:invitation_resend",
        lambda w: {"slug": w.group.slug, "pk": w.proposal.pk},
        only("leader", leader=405),
        "get",
    ),
    ("portal:invitation", lambda w: {"token": "tampered"}, everyone(400), "get"),
    ("groups_office:listings", None, only("liaison"), "get"),
    ("meetings_json", None, everyone(), "get"),
    # The language switch: a POST that sets the language cookie and goes back where it was.
    ("set_language", None, everyone(302), "post"),
    ("meetings_csv", None, only(*STAFF), "get"),
    ("hsds:root", None, everyone(), "get"),
    ("hsds:services", None, everyone(), "get"),
    ("hsds:service", lambda w: {"pk": w.group.uuid}, everyone(), "get"),
    ("hsds:service", lambda w: {"pk": w.pending_group.uuid}, everyone(404), "get"),
    ("hsds:organizations", None, everyone(), "get"),
    ("hsds:organization", lambda w: {"pk": w.organization.uuid}, everyone(), "get"),
    ("hsds:organization", lambda w: {"pk": "not-an-id"}, everyone(404), "get"),
    ("hsds:service_at_locations", None, everyone(), "get"),
    ("hsds:service_at_location", lambda w: {"pk": "not-an-id"}, everyone(404), "get"),
    ("hsds:taxonomies", None, everyone(), "get"),
    ("hsds:taxonomy", lambda w: {"pk": "not-an-id"}, everyone(404), "get"),
    ("hsds:taxonomy_terms", None, everyone(), "get"),
    ("hsds:taxonomy_term", lambda w: {"pk": w.focus_area.uuid}, everyone(), "get"),
    ("groups_office:imports", None, only("liaison"), "get"),
    ("groups_office:import_preview", lambda w: {"pk": w.batch.pk}, only("liaison"), "get"),
    (
        "groups_office:import_preview",
        lambda w: {"pk": w.other_batch.pk},
        only("liaison", liaison=404),
        "get",
    ),
    (
        "groups_office:import_apply",
        lambda w: {"pk": w.batch.pk},
        only("liaison", liaison=405),
        "get",
    ),
    (
        "groups_office:import_apply",
        lambda w: {"pk": w.other_batch.pk},
        only("liaison", liaison=404),
        "post",
    ),
    ("groups_office:import_progress", lambda w: {"pk": w.batch.pk}, only("liaison"), "get"),
    ("groups_office:import_sources", None, only("liaison"), "get"),
    (
        "groups_office:import_source_check",
        lambda w: {"pk": w.import_source.pk},
        only("liaison", liaison=405),
        "get",
    ),
    (
        "groups_office:import_source_check",
        lambda w: {"pk": w.import_source.pk},
        only("liaison", liaison=302),
        "post",
    ),
    (
        "groups_office:import_source_check",
        lambda w: {"pk": w.other_import_source.pk},
        only("liaison", liaison=404),
        "post",
    ),
    ("referrals:list", None, only("practitioner", "liaison"), "get"),
    ("referrals:new", None, only("practitioner"), "get"),
    ("referrals:referral", lambda w: {"pk": w.referral.pk}, only("practitioner", "liaison"), "get"),
    (
        "referrals:disclose",
        lambda w: {"pk": w.referral.pk},
        only("practitioner", practitioner=405),
        "get",
    ),
    ("referrals:followup", lambda w: {"pk": w.followup.pk}, only("practitioner"), "get"),
    ("referrals:clients", None, only("practitioner", "liaison"), "get"),
    ("referrals:client_add", None, only("practitioner"), "get"),
    ("referrals:client", lambda w: {"pk": w.client.pk}, only("practitioner", "liaison"), "get"),
    ("referrals:consent_add", lambda w: {"pk": w.client.pk}, only("practitioner"), "get"),
    ("referrals:accounting", lambda w: {"pk": w.client.pk}, only("practitioner"), "get"),
    ("referrals:consent", lambda w: {"pk": w.consent.pk}, only("practitioner"), "get"),
    (
        "referrals:consent_sign",
        lambda w: {"pk": w.consent.pk},
        only("practitioner", practitioner=405),
        "get",
    ),
    (
        "referrals:consent_revoke",
        lambda w: {"pk": w.consent.pk},
        only("practitioner", practitioner=405),
        "get",
    ),
    ("referrals:stories", None, only("practitioner", "liaison"), "get"),
    ("portal:volunteers", None, only("leader"), "get"),
    ("portal:volunteer", lambda w: {"pk": w.volunteer.pk}, only("leader"), "get"),
    ("portal:volunteer", lambda w: {"pk": w.other_volunteer.pk}, only("leader", leader=404), "get"),
    ("portal:referrals", None, only("leader"), "get"),
    # The volunteer's own page: the unguessable key is the access; any other key is 404.
    ("volunteer:home", lambda w: {"key": w.volunteer.access_key}, everyone(), "get"),
    ("volunteer:home", lambda w: {"key": "no-such-key"}, everyone(404), "get"),
    # The client's own stop link, in every reminder; a link not ours is a clear 404 page.
    (
        "referral_reminder_stop",
        lambda w: {"token": reminder_token(w.referral)},
        everyone(),
        "get",
    ),
    ("referral_reminder_stop", lambda w: {"token": "tampered"}, everyone(404), "get"),
    # The volunteer's report: a POST from their own page; a referral they do not see is a 404.
    (
        "volunteer:report",
        lambda w: {"key": w.volunteer.access_key, "referral": w.referral.pk},
        everyone(405),
        "get",
    ),
    (
        "volunteer:report",
        lambda w: {"key": w.volunteer.access_key, "referral": w.referral.pk},
        everyone(404),
        "post",
    ),
    (
        "volunteer:report",
        lambda w: {"key": "no-such-key", "referral": w.referral.pk},
        everyone(404),
        "post",
    ),
    ("events:calendar", None, everyone(), "get"),
    ("events:feed", None, everyone(), "get"),
    ("events:detail", lambda w: {"pk": w.event.pk}, everyone(), "get"),
    ("events:detail", lambda w: {"pk": w.internal_event.pk}, everyone(404), "get"),
    ("events:confirm", lambda w: {"token": "tampered"}, everyone(400), "get"),
    ("events:cancel", lambda w: {"token": "tampered"}, everyone(400), "get"),
    ("events:office_events", None, only(*STAFF), "get"),
    ("events:office_event_add", None, only("liaison", "executive"), "get"),
    ("events:office_event", lambda w: {"pk": w.event.pk}, only("liaison", "executive"), "get"),
    (
        "events:office_registrations_csv",
        lambda w: {"pk": w.event.pk},
        only("liaison", "executive"),
        "get",
    ),
    ("events:partners", None, only(*STAFF), "get"),
    (
        "events:office_sponsorship_role",
        lambda w: {"pk": w.invitation.pk},
        only("liaison", "executive", liaison=405, executive=405),
        "get",
    ),
    (
        "events:office_sponsorship_role",
        lambda w: {"pk": w.invitation.pk},
        only("liaison", "executive", liaison=302, executive=302),
        "post",
    ),
    ("events:partner_add", None, only("liaison", "executive"), "get"),
    ("events:partner", lambda w: {"pk": w.partner.pk}, only("liaison", "executive"), "get"),
    ("portal:events", None, only("leader"), "get"),
    ("portal:event", lambda w: {"pk": w.invitation.pk}, only("leader"), "get"),
    ("portal:event", lambda w: {"pk": w.foreign_invitation.pk}, only("leader", leader=404), "get"),
    ("portal:event_answer", lambda w: {"pk": w.invitation.pk}, only("leader", leader=405), "get"),
    (
        "portal:event_answer",
        lambda w: {"pk": w.foreign_invitation.pk},
        only("leader", leader=404),
        "post",
    ),
    ("surveys:respond", lambda w: {"token": w.survey.token}, everyone(), "get"),
    ("surveys:respond", lambda w: {"token": w.draft_survey.token}, everyone(410), "get"),
    ("surveys:respond", lambda w: {"token": "no-such-survey"}, everyone(404), "get"),
    ("surveys:thanks", lambda w: {"token": w.survey.token}, everyone(), "get"),
    ("surveys:evidence", None, everyone(), "get"),
    ("surveys:office_list", None, only("liaison", "executive"), "get"),
    ("surveys:office_new", None, only("liaison"), "get"),
    ("surveys:office_survey", lambda w: {"pk": w.survey.pk}, only("liaison"), "get"),
    (
        "surveys:office_survey",
        lambda w: {"pk": w.other_survey.pk},
        only("liaison", liaison=404),
        "get",
    ),
    ("surveys:status", lambda w: {"pk": w.survey.pk}, only("liaison", liaison=405), "get"),
    (
        "surveys:status",
        lambda w: {"pk": w.other_survey.pk},
        only("liaison", liaison=404),
        "post",
    ),
    ("surveys:open", lambda w: {"pk": w.draft_survey.pk}, only("liaison"), "get"),
    ("surveys:open", lambda w: {"pk": w.draft_survey.pk}, only("liaison", liaison=405), "post"),
    ("surveys:open", lambda w: {"pk": w.other_survey.pk}, only("liaison", liaison=404), "get"),
    ("surveys:link_print", lambda w: {"pk": w.survey.pk}, only("liaison"), "get"),
    (
        "surveys:link_print",
        lambda w: {"pk": w.other_survey.pk},
        only("liaison", liaison=404),
        "get",
    ),
    ("surveys:question_add", lambda w: {"pk": w.draft_survey.pk}, only("liaison"), "get"),
    (
        "surveys:question_edit",
        lambda w: {"pk": w.draft_survey.pk, "question_pk": w.draft_question.pk},
        only("liaison"),
        "get",
    ),
    (
        "surveys:question_edit",
        lambda w: {"pk": w.draft_survey.pk, "question_pk": w.other_question.pk},
        only("liaison", liaison=404),
        "get",
    ),
    (
        "surveys:question_spanish",
        lambda w: {"pk": w.survey.pk, "question_pk": w.survey.questions.first().pk},
        only("liaison"),
        "get",
    ),
    (
        "surveys:question_spanish",
        lambda w: {"pk": w.survey.pk, "question_pk": w.other_question.pk},
        only("liaison", liaison=404),
        "get",
    ),
    (
        "surveys:question_change",
        lambda w: {"pk": w.draft_survey.pk, "question_pk": w.draft_question.pk},
        only("liaison", liaison=405),
        "get",
    ),
    ("surveys:print", lambda w: {"pk": w.survey.pk}, only("liaison"), "get"),
    ("surveys:enter", lambda w: {"pk": w.survey.pk}, only("liaison"), "get"),
    ("surveys:results", lambda w: {"pk": w.survey.pk}, only("liaison", "executive"), "get"),
    (
        "surveys:results",
        lambda w: {"pk": w.other_survey.pk},
        only("liaison", "executive", liaison=404, executive=404),
        "get",
    ),
    ("surveys:results_csv", lambda w: {"pk": w.survey.pk}, only("liaison", "executive"), "get"),
    ("surveys:responses_csv", lambda w: {"pk": w.survey.pk}, only("liaison"), "get"),
    ("surveys:studies", None, only("liaison"), "get"),
    ("surveys:study_add", None, only("liaison"), "get"),
    ("surveys:study_edit", lambda w: {"pk": w.study.pk}, only("liaison"), "get"),
    ("surveys:study_edit", lambda w: {"pk": w.other_study.pk}, only("liaison", liaison=404), "get"),
    ("portal:surveys", None, only("leader"), "get"),
    (
        "portal:survey_join",
        lambda w: {"pk": w.member_survey.pk},
        only("leader", leader=405),
        "get",
    ),
    (
        "portal:survey_join",
        lambda w: {"pk": w.foreign_member_survey.pk},
        only("leader", leader=404),
        "post",
    ),
    ("exchanges:designated_staff", None, only(*STAFF), "get"),
    ("exchanges:my_record", None, only(*STAFF), "get"),
    ("exchanges:visits", None, only(*STAFF), "get"),
    ("exchanges:visits_add", None, only(*STAFF), "get"),
    (
        "exchanges:visits_edit",
        lambda w: {"pk": w.visit.pk},
        only(*STAFF, liaison=404, executive=404, agency_admin=404, outsider=404),
        "get",
    ),
    ("exchanges:training", None, only(*STAFF), "get"),
    ("exchanges:training_add", None, only("liaison"), "get"),
    ("exchanges:training_edit", lambda w: {"pk": w.training.pk}, only("liaison"), "get"),
    ("exchanges:board", None, only("executive", "agency_admin", "outsider", "liaison"), "get"),
    ("exchanges:board_add", None, only("executive", "agency_admin", "outsider"), "get"),
    (
        "exchanges:board_edit",
        lambda w: {"pk": w.seat.pk},
        only("executive", "agency_admin", outsider=404),
        "get",
    ),
    ("exchanges:ties", None, only("executive", "liaison", "agency_admin", "outsider"), "get"),
    ("exchanges:ties_add", None, only("executive", "liaison"), "get"),
    ("exchanges:ties_edit", lambda w: {"pk": w.tie.pk}, only("executive", "liaison"), "get"),
    ("exchanges:support", None, only("liaison", "executive", "agency_admin", "outsider"), "get"),
    ("exchanges:support_add", None, only("liaison"), "get"),
    ("exchanges:support_edit", lambda w: {"pk": w.support.pk}, only("liaison"), "get"),
    ("exchanges:activities", None, only(*STAFF), "get"),
    ("exchanges:activities_add", None, only("liaison", "executive"), "get"),
    (
        "exchanges:activities_edit",
        lambda w: {"pk": w.activity.pk},
        only("liaison", "executive"),
        "get",
    ),
    ("groups_office:new_group", lambda w: {"pk": w.listing_request.pk}, only("liaison"), "get"),
    ("login", None, everyone(), "get"),
    ("logout", None, everyone(405), "get"),
    ("password_change", None, signed_in(), "get"),
    ("password_change_done", None, signed_in(), "get"),
    ("password_reset", None, everyone(), "get"),
    ("password_reset_done", None, everyone(), "get"),
    (
        "password_reset_confirm",
        lambda w: {"uidb64": "MQ", "token": "set-password"},
        everyone(),
        "get",
    ),
    ("password_reset_complete", None, everyone(), "get"),
    ("mfa_manage", None, signed_in(), "get"),
    ("mfa_setup", None, signed_in(), "get"),
    ("mfa_verify", None, signed_in(302), "get"),
    ("mfa_recovery_codes", None, signed_in(405), "get"),
    ("mfa_remove", None, signed_in(405), "get"),
    (
        "liaison:staff_reset_mfa",
        lambda w: {"pk": w.practitioner.membership.pk},
        only(*ADMINS, agency_admin=302, outsider=404),
        "post",
    ),
    (
        "liaison:staff_unlock",
        lambda w: {"pk": w.practitioner.membership.pk},
        only(*ADMINS, agency_admin=302, outsider=404),
        "post",
    ),
    ("liaison:mfa_policy", None, only(*ADMINS, agency_admin=302, outsider=302), "post"),
    ("audit:list", None, only(*ADMINS), "get"),
    ("audit:export", None, only(*ADMINS), "get"),
    (
        "audit:export_status",
        lambda w: {"pk": w.audit_export.pk},
        only(*ADMINS, outsider=404),
        "get",
    ),
    (
        "audit:export_download",
        lambda w: {"pk": w.audit_export.pk},
        only(*ADMINS, outsider=404),
        "get",
    ),
    ("referrals:client_delete", lambda w: {"pk": w.client.pk}, only("practitioner"), "get"),
    ("referrals:client_export", lambda w: {"pk": w.client.pk}, only("practitioner"), "get"),
    (
        "referrals:referral_delete",
        lambda w: {"pk": w.referral.pk},
        only("practitioner", practitioner=302),
        "post",
    ),
    ("referrals:deleted_clients", None, only(*ADMINS), "get"),
    (
        "referrals:client_restore",
        lambda w: {"pk": w.deleted_client.pk},
        only(*ADMINS, agency_admin=302, outsider=404),
        "post",
    ),
]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module (`tests/once.py`); each case runs in a savepoint within it."""
    yield from built_once(django_db_blocker, make_world)


def make_world():
    from audit.models import AuditExport
    from groups.models import (
        Contact,
        FocusArea,
        GroupLeadership,
        ImportBatch,
        ImportSource,
        KeepRequest,
        LeaderInvitation,
        NewGroupRequest,
        Organization,
        Suggestion,
    )
    from liaison.models import StaffInvitation
    from tests.factory import make_group, make_meeting

    people = cast.everyone()
    practitioner, liaison, outsider = people.practitioner, people.liaison, people.outsider
    agency_admin, group, other_group = people.agency_admin, people.group, people.other_group
    world = SimpleNamespace(
        anonymous=None,
        **vars(people),
        pending_group=make_group(status="pending"),
        meeting=make_meeting(group),
        contact=Contact.objects.create(group=group, first_name="Jo"),
        suggestion=Suggestion.objects.create(group=group, note="Moved", source="public"),
        leadership=GroupLeadership.objects.get(group=group, user=people.leader),
        organization=Organization.objects.get(slug="aa"),
        focus_area=FocusArea.objects.get(slug="alcohol"),
        **exchange_records(practitioner, group),
        **referral_records(practitioner, group, other_group),
        **event_records(practitioner.agency, group, other_group),
        **survey_records(liaison, outsider, group, other_group),
        batch=ImportBatch.objects.create(
            agency=liaison.agency, source="S", format="mg-json", filename="a.json", content=b"[]"
        ),
        other_batch=ImportBatch.objects.create(
            agency=outsider.agency, source="S", format="mg-json", filename="b.json", content=b"[]"
        ),
        # An address inside this network: a check is refused at once, never fetched.
        import_source=ImportSource.objects.create(
            agency=liaison.agency, name="S", url="http://127.0.0.1:9/a.json", format="mg-json"
        ),
        other_import_source=ImportSource.objects.create(
            agency=outsider.agency, name="S", url="http://127.0.0.1:9/b.json", format="mg-json"
        ),
        audit_export=AuditExport.objects.create(
            agency_id=agency_admin.agency.pk,
            requested_by=agency_admin,
            state="done",
            content=b"time_utc\n",
        ),
        keep_request=KeepRequest.objects.create(
            group=group, name="Sam", email="sam@example.org", note="Secretary"
        ),
        staff_invitation=StaffInvitation.objects.create(
            agency=agency_admin.agency,
            email="invited@example.org",
            full_name="Invited",
            role="practitioner",
            invited_by=agency_admin,
            expires_at=timezone.now() + dt.timedelta(days=7),
        ),
        proposal=LeaderInvitation.objects.create(
            group=group,
            email="proposed@example.org",
            status=LeaderInvitation.Status.AWAITING_GROUP,
            origin=LeaderInvitation.Origin.STAFF,
            invited_by=liaison,
            agency=liaison.agency,
            expires_at=timezone.now() + dt.timedelta(days=30),
        ),
        listing_request=NewGroupRequest.objects.create(
            group=make_group(status="pending"), contact_name="Ann", contact_email="a@example.org"
        ),
    )
    world.sessions = signed_in_keys({role: getattr(world, role) for role in ROLES})
    return world


def exchange_records(practitioner, group):
    from exchanges.models import Activity, BoardSeat, FormalTie, Support, TrainingSession, Visit

    agency = practitioner.agency
    day = dt.date(2026, 3, 1)
    return {
        "visit": Visit.objects.create(
            agency=agency, staff=practitioner, group=group, kind="contact", planned_on=day
        ),
        "training": TrainingSession.objects.create(
            agency=agency, kind="panel", title="Panel", held_on=day, hours=2
        ),
        "seat": BoardSeat.objects.create(agency=agency, holder_name="Ann", term_start=day),
        "tie": FormalTie.objects.create(agency=agency, kind="liaison", group=group),
        "support": Support.objects.create(
            agency=agency, group=group, kind="printing", given_on=day, amount=50
        ),
        "activity": Activity.objects.create(
            agency=agency, kind="panel", level="practitioner", happened_on=day, summary="Panel"
        ),
    }


def referral_records(practitioner, group, other_group):
    from referrals.services import client_delete, referral_create
    from tests.factory import make_client, make_consent, make_volunteer

    client = make_client(practitioner.agency, practitioner.membership.unit)
    deleted_client = client_delete(
        client=make_client(practitioner.agency, practitioner.membership.unit, record_number="D-1"),
        by=practitioner,
    )
    volunteer = make_volunteer(group)
    referral, _ = referral_create(
        client=client, group=group, kind="intensive", volunteer=volunteer, by=practitioner
    )
    return {
        "client": client,
        "deleted_client": deleted_client,
        "volunteer": volunteer,
        "other_volunteer": make_volunteer(other_group),
        "consent": make_consent(client, volunteer),
        "referral": referral,
        "followup": referral.follow_ups.first(),
    }


def event_records(agency, group, other_group):
    from events.models import Partner, Sponsorship
    from tests.factory import make_event

    event = make_event(agency)
    return {
        "event": event,
        "internal_event": make_event(agency, is_public=False),
        "partner": Partner.objects.create(agency=agency, name="County Health", sector="health"),
        "invitation": Sponsorship.objects.create(
            event=event, group=group, role="cosponsor", answer="invited"
        ),
        "foreign_invitation": Sponsorship.objects.create(
            event=event, group=other_group, role="cosponsor", answer="invited"
        ),
    }


def survey_records(liaison, outsider, group, other_group):
    from surveys.models import Study
    from surveys.services import survey_from_template, survey_open

    agency = liaison.agency

    def made(template, by, group=None, opened=True):
        survey = survey_from_template(agency=by.agency, template=template, group=group, by=by)
        return survey_open(survey=survey, by=by) if opened else survey

    draft = made("clients", liaison, opened=False)
    other = made("clients", outsider)
    return {
        "survey": made("clients", liaison),
        "draft_survey": draft,
        "draft_question": draft.questions.first(),
        "other_survey": other,
        "other_question": other.questions.first(),
        "member_survey": made("members", liaison, group),
        "foreign_member_survey": made("members", liaison, other_group),
        "study": Study.objects.create(
            agency=agency, title="Circles", authors="Humphreys K.", year=2004, summary="S"
        ),
        "other_study": Study.objects.create(
            agency=outsider.agency, title="Other", authors="A", year=2000, summary="S"
        ),
    }


CASES = [
    pytest.param(name, kwargs, role, expected[role], method, id=f"{name}-{n}-{role}")
    for n, (name, kwargs, expected, method) in enumerate(MATRIX)
    for role in ROLES
]


@pytest.mark.parametrize(("name", "kwargs", "role", "expected", "method"), CASES)
def test_it_answers_each_role_as_the_matrix_says(db, world, name, kwargs, role, expected, method):
    url = reverse(name, kwargs=kwargs(world) if kwargs else None)
    response = getattr(client_with(world.sessions, role), method)(url)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login") + "?next=")
    else:
        assert response.status_code == expected, f"{role} on {url}"


# The lists the dashboard's figures link to take a period (`?from=…&to=…`): with one, good or
# bad, each answers every role as without.
PERIOD_LISTS = {
    "exchanges:visits",
    "exchanges:training",
    "exchanges:support",
    "events:office_events",
    "referrals:list",
    "referrals:stories",
}
PERIODS = [
    {"from": "2026-01-01", "to": "2026-12-31"},
    {"from": "2026-13-45", "to": "0001-01-01"},
    {"from": "9999-12-31"},
]
PERIOD_CASES = [
    pytest.param(name, role, expected[role], query, id=f"{name}-{n}-{role}")
    for name, kwargs, expected, method in MATRIX
    if name in PERIOD_LISTS and method == "get"
    for role in ROLES
    for n, query in enumerate(PERIODS)
]


@pytest.mark.parametrize(("name", "role", "expected", "query"), PERIOD_CASES)
def test_a_list_for_a_period_answers_each_role_as_without(db, world, name, role, expected, query):
    response = client_with(world.sessions, role).get(reverse(name), query)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login") + "?next=")
    else:
        assert response.status_code == expected, f"{role} on {name} {query}"


def test_every_list_for_a_period_is_in_the_matrix():
    assert {case.values[0] for case in PERIOD_CASES} == PERIOD_LISTS


def _pattern_names(resolver=None, namespace=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _pattern_names(entry, inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}" if entry.name else str(entry.pattern)


def test_it_has_every_url_pattern_of_the_project_in_the_matrix():
    in_matrix = {row[0] for row in MATRIX}
    missing = sorted(set(_pattern_names()) - in_matrix)
    assert not missing, f"URL patterns missing from the permission matrix: {missing}"


def test_it_has_no_stale_rows():
    known = set(_pattern_names())
    assert {row[0] for row in MATRIX} <= known


def reminder_token(referral):
    from referrals.services import reminder_stop_token

    return reminder_stop_token(referral)
