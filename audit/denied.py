"""Every refused access by a signed-in user goes to the audit trail: each 403, and each 404 on a
private object (`liaison.permissions.PrivateNotFound`: another agency's record, another group's
listing or portal record), never a mistyped address."""

from django.core.exceptions import PermissionDenied

from audit.trail import Action, Outcome, record
from liaison.permissions import PrivateNotFound

# Set on the request once an entry is written for it, so that a refusal is written once.
RECORDED = "_audit_denied_recorded"


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
        elif isinstance(exception, PrivateNotFound):
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
