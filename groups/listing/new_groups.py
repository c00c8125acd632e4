"""New groups asking to be listed: the request (a pending listing), and the liaison office's answer:
published, with the requester invited to keep it, or declined."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groups import schedule
from groups.directory.search import refresh_search_for
from groups.leadership.services import leader_invite_requester
from groups.listing.changes import listing_create, new_meeting_slug
from groups.listing.places import locate
from groups.models import ListingChange, Location, Meeting, NewGroupRequest, SelfHelpGroup
from groups.services import ListingError, free_slug


@transaction.atomic
def new_group_request(*, values: dict, focus_areas, request_values: dict) -> NewGroupRequest:
    group = SelfHelpGroup.objects.create(
        slug=free_slug(SelfHelpGroup, values["name"]),
        status=SelfHelpGroup.Status.PENDING,
        **values,
    )
    group.focus_areas.set(focus_areas)
    return NewGroupRequest.objects.create(group=group, **request_values)


@transaction.atomic
def new_group_publish(
    *, request: NewGroupRequest, by, assistance_offered="", review_note="", invite=False, base_url
):
    request = NewGroupRequest.objects.select_for_update().get(pk=request.pk)
    if request.decision != NewGroupRequest.Decision.PENDING:
        raise ListingError(_("This request was already reviewed."))
    group = request.group
    group.status = SelfHelpGroup.Status.ACTIVE
    group.verified_at = timezone.now()
    group.verified_by = by
    group.save(update_fields=["status", "verified_at", "verified_by", "updated_at"])
    request.decision = NewGroupRequest.Decision.PUBLISHED
    request.reviewed_by = by
    request.reviewed_at = timezone.now()
    request.assistance_offered = assistance_offered
    request.review_note = review_note
    if request.gives_first_meeting and request.first_meeting_id is None:
        request.first_meeting = _first_meeting(request, by=by)
    request.save()
    if invite:
        leader_invite_requester(new_group_request=request, by=by, base_url=base_url)
    # Listed now: found by the directory's search, its name's words among those a typo may be
    # corrected to.
    refresh_search_for(SelfHelpGroup.objects.filter(pk=group.pk))
    return request


def _first_meeting(request: NewGroupRequest, *, by) -> Meeting:
    """The meeting the request gave, field by field, as a draft: the public sees it once the
    group's leader has checked and confirmed it."""
    group = request.group
    location = None
    if request.first_mode != Meeting.Mode.ONLINE and (request.first_place or request.first_street):
        location = Location(
            name=request.first_place or request.first_street,
            street=request.first_street,
            city=request.first_city,
            postal_code=request.first_postal_code,
        )
        locate(location)
        location.full_clean()
        location.save()
    return listing_create(
        Meeting,
        group=group,
        values={
            "weekdays": schedule.mask_from_days([request.first_weekday]),
            "start_time": request.first_start_time,
            "mode": request.first_mode,
            "location": location,
            "conference_url": request.first_conference_url,
            "status": Meeting.Status.DRAFT,
        },
        by=by,
        source=ListingChange.Source.STAFF,
        slug=new_meeting_slug(group),
    )


@transaction.atomic
def new_group_decline(*, request: NewGroupRequest, by, review_note=""):
    request = NewGroupRequest.objects.select_for_update().get(pk=request.pk)
    if request.decision != NewGroupRequest.Decision.PENDING:
        raise ListingError(_("This request was already reviewed."))
    request.group.status = SelfHelpGroup.Status.INACTIVE
    request.group.save(update_fields=["status", "updated_at"])
    request.decision = NewGroupRequest.Decision.DECLINED
    request.reviewed_by = by
    request.reviewed_at = timezone.now()
    request.review_note = review_note
    request.save()
    return request
