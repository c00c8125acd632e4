"""New groups asking to be listed: the request (a pending listing), and the liaison office's answer:
published, with the requester invited to keep it, or declined."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.leadership.services import leader_invite_requester
from groups.models import NewGroupRequest, SelfHelpGroup
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
    request.save()
    if invite:
        leader_invite_requester(new_group_request=request, by=by, base_url=base_url)
    return request


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
