"""Writing to the audit trail, and the request id that ties entries to one request."""

import contextvars
import re
import uuid

from audit.models import AuditEvent
from liaison.ratelimit import client_address

Action = AuditEvent.Action
Outcome = AuditEvent.Outcome

_request = contextvars.ContextVar("audit_request", default=None)
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Give each request an id (or keep a well-formed one from the proxy), answer it in
    `X-Request-ID`, and make the request known to the audit trail."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = _request.set(request)
        try:
            response = self.get_response(request)
        finally:
            _request.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


def pseudonym_for(record_number: str) -> str:
    """How the trail names a client: by the agency's record number, never by identity."""
    return f"record {record_number}"


def current_request():
    return _request.get()


def _role(user) -> str:
    if user is None or not user.is_authenticated:
        return ""
    membership = user.membership
    if membership is not None:
        return membership.role
    if user.is_superuser:
        return "superuser"
    return "leader" if user.is_group_leader else "user"


def record(action, **kwargs) -> AuditEvent:
    """Append one entry. The actor is `user`, else the request's signed-in user."""
    event = build(action, **kwargs)
    event.save()
    if action == Action.ACCESS_DENIED:
        request = kwargs.get("request") or current_request()
        if request is not None:
            request._audit_denied_recorded = True
    return event


def record_many(events: list[AuditEvent]) -> None:
    """Append entries made by `build()` in one statement (a page showing many clients)."""
    if events:
        AuditEvent.objects.bulk_create(events)


def build(
    action,
    *,
    request=None,
    user=None,
    actor="",
    obj=None,
    client=None,
    agency_id=None,
    outcome=Outcome.SUCCESS,
    detail="",
) -> AuditEvent:
    """An entry, not yet written."""
    request = request or current_request()
    if user is None and request is not None:
        candidate = getattr(request, "user", None)
        if candidate is not None and candidate.is_authenticated:
            user = candidate
    signed_in = user is not None and user.is_authenticated
    if agency_id is None:
        if client is not None:
            agency_id = client.agency_id
        elif obj is not None and getattr(obj, "agency_id", None):
            agency_id = obj.agency_id
        elif signed_in and user.membership is not None:
            agency_id = user.membership.agency_id
    ip = None
    if request is not None:
        ip = client_address(request) or None
    return AuditEvent(
        actor_id=user.pk if signed_in else None,
        actor=(user.email if signed_in else actor)[:254],
        role=_role(user) if signed_in else "",
        agency_id=agency_id,
        action=action,
        outcome=outcome,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        client_pseudonym=client.pseudonym if client is not None else "",
        request_id=getattr(request, "request_id", "") if request is not None else "",
        ip_address=ip,
        path=request.path[:300] if request is not None else "",
        detail=detail[:300],
    )
