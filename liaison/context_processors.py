from django.conf import settings

from liaison.permissions import ADMIN_ROLES, DASHBOARD_ROLES, STAFF_ROLES


def navigation(request):
    """What the navigation offers this person: each role sees what it may use."""
    user = getattr(request, "user", None)
    nav = {"site_name": settings.SITE_NAME}
    if user is None or not user.is_authenticated:
        return nav
    nav.update(
        nav_office=user.has_role(*STAFF_ROLES),
        nav_dashboard=user.has_role(*DASHBOARD_ROLES),
        nav_staff_admin=user.has_role(*ADMIN_ROLES),
        nav_portal=user.is_group_leader,
        nav_is_practitioner=user.has_role("practitioner"),
        nav_referrals=user.has_role("practitioner", "liaison"),
        nav_agency=user.agency,
    )
    return nav
