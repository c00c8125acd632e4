"""Every refused access by a signed-in user goes to the audit trail."""

from django.core.exceptions import PermissionDenied

from audit.trail import Action, Outcome, record


class DeniedAccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied) and request.user.is_authenticated:
            record(
                Action.ACCESS_DENIED,
                request=request,
                outcome=Outcome.DENIED,
                detail=f"403 {request.method} {request.path}"[:300],
            )
        return None
