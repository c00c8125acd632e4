"""The peer volunteer's own page: what newcomers agreed to share with them, reached through the
link only they receive. No account is needed, and nobody else (the group's leaders included)
sees this page's content."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from audit.trail import Action, build, record_many
from referrals.models import PeerVolunteer
from referrals.services import volunteer_disclosures


@never_cache
def volunteer_home(request, key):
    volunteer = (
        PeerVolunteer.objects.select_related("group").filter(access_key=key, is_active=True).first()
    )
    if volunteer is None:
        raise Http404
    rows = volunteer_disclosures(volunteer)
    record_many(
        [
            build(
                Action.IDENTITY_VIEWED,
                request=request,
                actor=f"peer volunteer {volunteer.pk}",
                obj=row["disclosure"],
                client=row["disclosure"].client,
                detail=f"consented details, the volunteer's own page ({volunteer.group.name})"[
                    :300
                ],
            )
            for row in rows
        ]
    )
    response = render(
        request, "referrals/volunteer_home.html", {"volunteer": volunteer, "rows": rows}
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
