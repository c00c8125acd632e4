"""Every refused access by a signed-in user goes to the audit trail: each 403, and each 404 on a
private object (an agency's records, a group's listing tools, the portal), not a mistyped public
address."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from audit.trail import Action, Outcome, record

PRIVATE_PREFIXES = ("/office/", "/referrals/", "/portal/", "/dashboard/", "/admin/")
# The directory's pages that keep a listing: a 404 there is another group's listing.
PRIVATE_GROUP_VIEWS = {
    "verify",
    "assessment",
    "manage",
    "edit",
    "meeting_add",
    "meeting_edit",
    "contact_add",
    "contact_edit",
    "history",
    "suggestion",
    "confirm_listing",
    "leaders",
    "leader_remove",
}
# Set on the request once an entry is written for it, so that a refusal is written once.
RECORDED = "_audit_denied_recorded"


def is_private(request) -> bool:
    if request.path.startswith(PRIVATE_PREFIXES):
        return True
    match = getattr(request, "resolver_match", None)
    return bool(match and match.namespace == "groups" and match.url_name in PRIVATE_GROUP_VIEWS)


class DeniedAccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not request.user.is_authenticated or getattr(request, RECORDED, False):
            return None
        if isinstance(exception, PermissionDenied):
            status = "403"
        elif isinstance(exception, Http404) and is_private(request):
            status = "404"
        else:
            return None
        record(
            Action.ACCESS_DENIED,
            request=request,
            outcome=Outcome.DENIED,
            detail=f"{status} {request.method} {request.path}"[:300],
        )
        return None
