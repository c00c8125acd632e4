"""Who leads a group, and how that changes.

Who leads a group is the group's decision (Powell & Perron: an agency exchanges with groups
without co-opting them). So:

- a current leader of the group invites a co-leader at once, and may end a leadership (a co-leader's
  or their own);
- agency staff only *propose* a person: the group's current leaders confirm or decline the proposal,
  and for a group without a leader the installation's superuser does;
- a new group's own request names the person who asked; publishing it invites that person;
- no agency can end a leader's leadership.

Every step is in the audit trail with its actor and the proposing agency, and the group's
current leaders are told by email. Nothing here gives a leader any client's identity: what
clients agree to share goes to the peer volunteer their consent names, never to the group's
leaders (`referrals.volunteer_views`).
"""

import datetime as dt

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from audit.trail import Action, record
from groups.models import GroupLeadership, LeaderInvitation, SelfHelpGroup
from groups.services import LinkError, ListingError
from jobs.mail import mail_later
from liaison import installation
from liaison.models import User
from liaison.permissions import Can, can
from liaison.services import user_language_remember

INVITATION_DAYS = 14
PROPOSAL_DAYS = 30
INVITATION_SALT = "groups.leader-invitation"

Status = LeaderInvitation.Status
Origin = LeaderInvitation.Origin


# --- reads ---------------------------------------------------------------------------------------


def leads(user, group) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and GroupLeadership.objects.filter(user=user, group=group, ended_at__isnull=True).exists()
    )


def current_leaderships(group):
    return (
        GroupLeadership.objects.filter(group=group, ended_at__isnull=True, user__is_active=True)
        .select_related("user")
        .order_by("created_at")
    )


def has_active_leader(group) -> bool:
    return current_leaderships(group).exists()


def may_propose(user) -> bool:
    return can(user, Can.PROPOSE_LEADERS)


def may_decide(user, invitation: LeaderInvitation) -> bool:
    """A proposal for a led group is the leaders' to decide; for a group without one, the
    superuser's. The superuser may also decide a led group's proposal, as the installation's
    keeper, but the leaders are told."""
    if not user.is_authenticated or not invitation.awaiting_decision:
        return False
    if user.is_superuser:
        return True
    return invitation.status == Status.AWAITING_GROUP and leads(user, invitation.group)


# --- mail ----------------------------------------------------------------------------------------


def _absolute(base_url, path):
    return base_url.rstrip("/") + path


def _mail(users, template, subject, context):
    """One mail per person, each in the language they last used the site in."""
    for user in users:
        with translation.override(user.language or settings.LANGUAGE_CODE):
            body = render_to_string(template, {**context, "recipient": user})
            title = _(subject) % {"group": context["group"].name}
        mail_later(title, body, [user.email])


def _tell_leaders(group, *, template, subject, context, skip=()):
    leaders = [lead.user for lead in current_leaderships(group) if lead.user_id not in set(skip)]
    _mail(leaders, template, subject, {**context, "group": group})


def _superusers():
    return list(User.objects.filter(is_superuser=True, is_active=True))


def _send(invitation: LeaderInvitation, *, base_url, new_group_request=None) -> None:
    """Mail the invitee the link that lets them accept; from now the link works."""
    now = timezone.now()
    invitation.status = Status.SENT
    invitation.sent_at = now
    invitation.expires_at = now + dt.timedelta(days=INVITATION_DAYS)
    invitation.save(update_fields=["status", "sent_at", "expires_at"])
    token = signing.dumps({"i": invitation.pk}, salt=INVITATION_SALT)
    link = _absolute(base_url, reverse("portal:invitation", args=[token]))
    # The invitee's language is not known yet: the mail is in the site's language.
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "groups/email/leader_invitation.txt",
            {
                "invitation": invitation,
                "link": link,
                "site_name": installation.profile().name,
                "request": new_group_request,
            },
        )
        subject = _("Keep the listing of %(group)s") % {"group": invitation.group.name}
    mail_later(subject, body, [invitation.email])


def _audit(action, invitation, *, by, detail):
    record(
        action,
        user=by,
        obj=invitation,
        agency_id=invitation.agency_id,
        detail=f"{detail} · {invitation.group.name}"[:300],
    )


# --- writes --------------------------------------------------------------------------------------


def _check_not_leading(group, email):
    if GroupLeadership.objects.filter(
        group=group, user__email=email, ended_at__isnull=True
    ).exists():
        raise ListingError(_("This person already keeps the listing."))
    if LeaderInvitation.objects.open().filter(group=group, email=email).exists():
        raise ListingError(_("This person was already invited or proposed."))


@transaction.atomic
def leader_invite(*, group, email, name, by, base_url, note="") -> LeaderInvitation:
    """A leader of the group (or the superuser) invites a person: the link is mailed at once,
    and the group's other leaders are told."""
    group = SelfHelpGroup.objects.select_for_update().get(pk=group.pk)
    if not (by.is_superuser or leads(by, group)):
        raise ListingError(_("Only the group's leaders can invite a leader."))
    email = User.objects.normalize_email(email)
    _check_not_leading(group, email)
    invitation = LeaderInvitation.objects.create(
        group=group,
        email=email,
        name=name,
        note=note,
        origin=Origin.SUPERUSER if by.is_superuser and not leads(by, group) else Origin.LEADER,
        invited_by=by,
        expires_at=timezone.now() + dt.timedelta(days=INVITATION_DAYS),
    )
    _send(invitation, base_url=base_url)
    _audit(Action.LEADER_INVITED, invitation, by=by, detail=f"{email} invited")
    _tell_leaders(
        group,
        template="groups/email/leaders_told.txt",
        subject=gettext_noop("A new leader was invited for %(group)s"),
        context={"event": "invited", "invitation": invitation, "by": by},
        skip=[by.pk],
    )
    return invitation


@transaction.atomic
def leader_invite_requester(*, new_group_request, by, base_url) -> LeaderInvitation:
    """Publishing a new group invites the person who asked to list it, at the address they gave
    in the request: the group named them, not the staff member publishing it."""
    group = new_group_request.group
    email = User.objects.normalize_email(new_group_request.contact_email)
    _check_not_leading(group, email)
    invitation = LeaderInvitation.objects.create(
        group=group,
        email=email,
        name=new_group_request.contact_name,
        origin=Origin.NEW_GROUP,
        invited_by=by,
        agency=by.agency,
        expires_at=timezone.now() + dt.timedelta(days=INVITATION_DAYS),
    )
    _send(invitation, base_url=base_url, new_group_request=new_group_request)
    _audit(Action.LEADER_INVITED, invitation, by=by, detail=f"{email}, who asked to list the group")
    return invitation


@transaction.atomic
def leader_propose(*, group, email, name, note="", by, base_url) -> LeaderInvitation:
    """Agency staff propose a person; nothing is sent to them until the group's leaders (or,
    for a group without a leader, the superuser) confirm."""
    group = SelfHelpGroup.objects.select_for_update().get(pk=group.pk)
    if not may_propose(by):
        raise ListingError(_("Only liaison staff can propose a leader."))
    email = User.objects.normalize_email(email)
    _check_not_leading(group, email)
    led = has_active_leader(group)
    invitation = LeaderInvitation.objects.create(
        group=group,
        email=email,
        name=name,
        note=note,
        origin=Origin.STAFF,
        status=Status.AWAITING_GROUP if led else Status.AWAITING_REVIEW,
        invited_by=by,
        agency=by.agency,
        expires_at=timezone.now() + dt.timedelta(days=PROPOSAL_DAYS),
    )
    _audit(
        Action.LEADER_PROPOSED,
        invitation,
        by=by,
        detail=f"{email} proposed, {invitation.get_status_display().lower()}",
    )
    context = {
        "invitation": invitation,
        "by": by,
        "agency": by.agency,
        "link": _absolute(base_url, reverse("portal:leaders", args=[group.slug])),
    }
    if led:
        _tell_leaders(
            group,
            template="groups/email/leader_proposal.txt",
            subject=gettext_noop("A leader is proposed for %(group)s: your decision"),
            context=context,
        )
    else:
        review = _absolute(
            base_url, reverse("admin:groups_leaderinvitation_change", args=[invitation.pk])
        )
        _mail(
            _superusers(),
            "groups/email/leader_proposal_review.txt",
            gettext_noop("A leader is proposed for %(group)s, which has none"),
            {**context, "group": group, "link": review},
        )
    return invitation


@transaction.atomic
def leader_proposal_decide(*, invitation, by, confirm: bool, base_url) -> LeaderInvitation:
    invitation = LeaderInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.awaiting_decision or invitation.expires_at <= timezone.now():
        raise ListingError(_("This proposal was already decided or has expired."))
    if not may_decide(by, invitation):
        raise ListingError(_("Only the group's leaders can decide on this proposal."))
    invitation.decided_by = by
    invitation.decided_at = timezone.now()
    if confirm:
        invitation.save(update_fields=["decided_by", "decided_at"])
        _send(invitation, base_url=base_url)
        _audit(Action.LEADER_DECIDED, invitation, by=by, detail=f"{invitation.email} confirmed")
    else:
        invitation.status = Status.DECLINED
        invitation.save(update_fields=["status", "decided_by", "decided_at"])
        _audit(Action.LEADER_DECIDED, invitation, by=by, detail=f"{invitation.email} declined")
    _tell_leaders(
        invitation.group,
        template="groups/email/leaders_told.txt",
        subject=gettext_noop("A proposed leader of %(group)s was decided"),
        context={
            "event": "confirmed" if confirm else "declined",
            "invitation": invitation,
            "by": by,
        },
        skip=[by.pk],
    )
    if invitation.invited_by is not None and invitation.invited_by.is_active:
        _mail(
            [invitation.invited_by],
            "groups/email/leader_proposal_decided.txt",
            gettext_noop("Your proposal of a leader for %(group)s was decided"),
            {"group": invitation.group, "invitation": invitation, "confirmed": confirm},
        )
    return invitation


@transaction.atomic
def leader_invitation_withdraw(*, invitation, by) -> LeaderInvitation:
    """The proposer's agency, a leader of the group or the superuser takes an open invitation
    or proposal back."""
    invitation = LeaderInvitation.objects.select_for_update().get(pk=invitation.pk)
    proposer_agency = (
        invitation.agency_id is not None
        and can(by, Can.PROPOSE_LEADERS)
        and by.agency.pk == invitation.agency_id
    )
    allowed = by.is_superuser or leads(by, invitation.group) or proposer_agency
    if not allowed:
        raise ListingError(_("You cannot withdraw this invitation."))
    if invitation.status not in (Status.AWAITING_GROUP, Status.AWAITING_REVIEW, Status.SENT):
        raise ListingError(_("This invitation was already used or decided."))
    invitation.status = Status.WITHDRAWN
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["status", "revoked_at"])
    _audit(Action.LEADER_WITHDRAWN, invitation, by=by, detail=f"{invitation.email} withdrawn")
    return invitation


@transaction.atomic
def leader_invitation_resend(*, invitation, by, base_url) -> LeaderInvitation:
    """Mail a sent invitation again (lost in a spam folder, or about to run out): a fresh link,
    open for the whole time again. A leader of the group, or the superuser, does it."""
    invitation = LeaderInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not (by.is_superuser or leads(by, invitation.group)):
        raise ListingError(_("You cannot send this invitation again."))
    if invitation.status != Status.SENT:
        raise ListingError(_("This invitation was already used or withdrawn."))
    _send(invitation, base_url=base_url)
    _audit(Action.LEADER_INVITED, invitation, by=by, detail=f"{invitation.email}, sent again")
    return invitation


def invitation_from_token(token) -> LeaderInvitation:
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_DAYS * 86400)
    except signing.SignatureExpired:
        raise LinkError(_("This invitation has expired."), kind="expired") from None
    except signing.BadSignature:
        raise LinkError(
            _("This link is not valid. Was it copied completely?"), kind="invalid"
        ) from None
    invitation = LeaderInvitation.objects.select_related("group").filter(pk=data.get("i")).first()
    if invitation is None:
        raise LinkError(_("This link is not valid. Was it copied completely?"), kind="invalid")
    if invitation.status == Status.ACCEPTED:
        raise LinkError(_("This invitation was already used."), kind="used")
    if invitation.status in (Status.WITHDRAWN, Status.DECLINED):
        raise LinkError(_("This invitation was withdrawn."), kind="used")
    if invitation.status != Status.SENT:
        raise LinkError(_("This link is not valid. Was it copied completely?"), kind="invalid")
    if invitation.expires_at <= timezone.now():
        raise LinkError(_("This invitation has expired."), kind="expired")
    return invitation


@transaction.atomic
def invitation_accept(*, invitation, user=None, full_name="", password=None, language="") -> User:
    """Make the invited person a leader of the group, creating their account if needed."""
    invitation = LeaderInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open():
        raise LinkError(_("This invitation was already used or has expired."), kind="used")
    if user is None:
        user = User.objects.filter(email=invitation.email).first()
        if user is None:
            user = User.objects.create_user(
                email=invitation.email, password=password, full_name=full_name
            )
        elif password and not user.has_usable_password():
            user.set_password(password)
            user.full_name = user.full_name or full_name
            user.save()
    if user.email != invitation.email:
        raise ListingError(_("This invitation was sent to another email address."))
    if language:
        user_language_remember(user=user, language=language)
    leadership = GroupLeadership(user=user, group=invitation.group)
    leadership._audited = True
    if not GroupLeadership.objects.filter(
        user=user, group=invitation.group, ended_at__isnull=True
    ).exists():
        leadership.save()
    invitation.status = Status.ACCEPTED
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["status", "accepted_at", "accepted_by"])
    inviter = invitation.invited_by.email if invitation.invited_by else "—"
    record(
        Action.LEADERSHIP_STARTED,
        user=user,
        obj=leadership if leadership.pk else invitation,
        agency_id=invitation.agency_id,
        detail=(
            f"{user.email} · {invitation.group.name} · {invitation.get_origin_display()}"
            f" · invited by {inviter}"
            + (f" · confirmed by {invitation.decided_by.email}" if invitation.decided_by else "")
        )[:300],
    )
    _tell_leaders(
        invitation.group,
        template="groups/email/leaders_told.txt",
        subject=gettext_noop("A new leader keeps the listing of %(group)s"),
        context={"event": "accepted", "invitation": invitation, "by": user},
        skip=[user.pk],
    )
    return user


@transaction.atomic
def leadership_end(*, leadership, by) -> None:
    """A leader steps down, or a co-leader (or the superuser) ends a leadership. Takes effect on
    the next request. Agency staff cannot end a group's leadership."""
    leadership = (
        GroupLeadership.objects.select_for_update()
        .select_related("user", "group")
        .get(pk=leadership.pk)
    )
    if leadership.ended_at is not None:
        raise ListingError(_("This person no longer keeps the listing."))
    if not (by.is_superuser or leads(by, leadership.group)):
        raise ListingError(_("Only the group's leaders can change who keeps the listing."))
    leadership.ended_at = timezone.now()
    leadership._audited = True
    leadership.save(update_fields=["ended_at"])
    own = by.pk == leadership.user_id
    record(
        Action.LEADERSHIP_ENDED,
        user=by,
        obj=leadership,
        detail=(
            f"{leadership.user.email} · {leadership.group.name} · "
            + ("stepped down" if own else f"ended by {by.email}")
        )[:300],
    )
    # The person whose leadership ended is told too, in case it was not their doing.
    recipients = [lead.user for lead in current_leaderships(leadership.group)]
    if not own:
        recipients.append(leadership.user)
    _mail(
        [user for user in recipients if user.pk != by.pk],
        "groups/email/leaders_told.txt",
        gettext_noop("A leader no longer keeps the listing of %(group)s"),
        {"group": leadership.group, "event": "ended", "leadership": leadership, "by": by},
    )
