"""The peer volunteer's own page: what newcomers agreed to share with them, reached through the
link only they receive. No account is needed, and nobody else (the group's leaders included)
sees this page's content."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from audit.trail import Action, build, record_many
from referrals.models import PeerVolunteer
from referrals.services import (
    reminder_from_token,
    reminder_stop,
    volunteer_disclosures,
    volunteer_report,
)


def _volunteer(key):
    volunteer = (
        PeerVolunteer.objects.select_related("group").filter(access_key=key, is_active=True).first()
    )
    if volunteer is None:
        raise Http404
    return volunteer


@never_cache
def volunteer_home(request, key):
    volunteer = _volunteer(key)
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
        request,
        "referrals/volunteer_home.html",
        {"volunteer": volunteer, "rows": rows, "reports": REPORT_LABELS},
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


# The buttons of the volunteer's page, in the order a welcome usually goes.
REPORT_LABELS = [
    ("contacted", gettext_lazy("I contacted them")),
    ("met", gettext_lazy("We met")),
    ("went_together", gettext_lazy("We went to a meeting together")),
    ("not_reached", gettext_lazy("I could not reach them")),
]


@never_cache
@require_POST
def volunteer_report_view(request, key, referral):
    """One tap from the volunteer's page: how it went with a newcomer they may see. Only a
    newcomer whose consent names this volunteer and is still valid; otherwise nothing is said."""
    volunteer = _volunteer(key)
    updated = volunteer_report(
        volunteer=volunteer, referral_id=referral, report=request.POST.get("report", "")
    )
    if updated is None:
        raise Http404
    messages.success(request, _("Thank you: the practitioner will see it."))
    return redirect("volunteer:home", key=key)


@never_cache
def reminder_stop_view(request, token):
    """The client's own link, in every reminder: one tap stops them. Nothing about the client
    is shown: the page names the group only."""
    referral = reminder_from_token(token)
    if referral is None:
        return render(request, "referrals/reminder_stop.html", {"bad": True}, status=404)
    stopped = not referral.reminder
    if request.method == "POST" and not stopped:
        reminder_stop(referral)
        stopped = True
    response = render(
        request,
        "referrals/reminder_stop.html",
        {"group": referral.group, "stopped": stopped},
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
