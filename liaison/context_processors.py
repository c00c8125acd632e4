from liaison.installation import profile
from liaison.permissions import Can, can


def navigation(request):
    """What the navigation offers this person: each role sees what it may use."""
    user = getattr(request, "user", None)
    # Not `site`: Django's sign-in pages put their own `site` (the domain) in the context.
    installation = profile()
    nav = {"installation": installation, "site_name": installation.name}
    if user is None or not user.is_authenticated:
        return nav
    nav.update(
        nav_office=can(user, Can.USE_OFFICE),
        nav_dashboard=can(user, Can.SEE_DASHBOARD),
        nav_staff_admin=can(user, Can.MANAGE_STAFF),
        nav_portal=can(user, Can.KEEP_OWN_LISTING),
        nav_is_practitioner=can(user, Can.REFER_CLIENTS),
        nav_referrals=can(user, Can.WORK_WITH_CLIENTS),
        nav_agency=user.agency,
        nav_profile=can(user, Can.KEEP_PROFILE),
    )
    return nav
