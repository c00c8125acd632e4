"""The office's map: every section of `/office/` with its pages, each shown to the people the
access table lets open it (`liaison.permissions`). The office home draws it; a test checks that
every page on it opens for each role it is shown to."""

from dataclasses import dataclass

from liaison.permissions import Can, can


@dataclass(frozen=True)
class Page:
    label: str
    url_name: str
    capability: Can
    main: bool = False  # the section's main action


@dataclass(frozen=True)
class Section:
    title: str
    text: str
    pages: tuple


OFFICE = (
    Section(
        "The directory",
        "Find a group for a client, read what it is like, and print a referral brief.",
        (
            Page("Find a group", "groups:directory", Can.USE_OFFICE, main=True),
            Page("Listings to look after", "groups_office:listings", Can.KEEP_LISTINGS),
            Page("Import or export", "groups_office:imports", Can.IMPORT_LISTINGS),
        ),
    ),
    Section(
        "Clients and referrals",
        "Refer a client to a group — with a peer volunteer when it helps — and follow up.",
        (
            Page("Refer a client", "referrals:new", Can.REFER_CLIENTS, main=True),
            Page("Referrals", "referrals:list", Can.WORK_WITH_CLIENTS),
            Page("Clients", "referrals:clients", Can.WORK_WITH_CLIENTS),
            Page("Story sessions", "referrals:stories", Can.WORK_WITH_CLIENTS),
        ),
    ),
    Section(
        "Knowing the groups",
        "Plan a visit to a group, record what you learned, and see your own visits and training.",
        (
            Page("Plan a visit", "exchanges:visits_add", Can.KEEP_VISITS, main=True),
            Page("My record", "exchanges:my_record", Can.USE_OFFICE),
        ),
    ),
    Section(
        "The agency's exchanges",
        "What the agency does with self-help groups at every level.",
        (
            Page("Designated staff and their hours", "exchanges:designated_staff", Can.USE_OFFICE),
            Page("Visits", "exchanges:visits", Can.USE_OFFICE),
            Page("Training", "exchanges:training", Can.USE_OFFICE),
            Page("Other exchanges", "exchanges:activities", Can.USE_OFFICE),
            Page("Joint events", "events:office_events", Can.SEE_EVENTS),
            Page("Community partners", "events:partners", Can.SEE_EVENTS),
            Page("Surveys of clients and members", "surveys:office_list", Can.SEE_SURVEY_RESULTS),
            Page("Studies", "surveys:studies", Can.KEEP_SURVEYS),
            Page("Formal ties", "exchanges:ties", Can.SEE_TIES),
            Page("Support to groups", "exchanges:support", Can.SEE_SUPPORT),
            Page("Board seats", "exchanges:board", Can.SEE_BOARD),
        ),
    ),
    Section(
        "Staff and units",
        "Invite staff, give them a role and unit, and keep the agency's records safe.",
        (
            Page("Manage staff", "liaison:staff_list", Can.MANAGE_STAFF, main=True),
            Page("Manage units", "liaison:unit_list", Can.MANAGE_STAFF),
            Page("Audit trail", "audit:list", Can.MANAGE_STAFF),
            Page("Deleted clients", "referrals:deleted_clients", Can.MANAGE_STAFF),
            Page("Background jobs", "liaison:jobs_status", Can.MANAGE_STAFF),
        ),
    ),
    Section(
        "Exchange dashboard",
        "The agency's exchanges with self-help groups at every level, at a glance.",
        (Page("Open the dashboard", "pages:dashboard", Can.SEE_DASHBOARD, main=True),),
    ),
)


def office_for(user) -> list[tuple[Section, list[Page]]]:
    """The sections and pages this person may open, leaving out empty sections."""
    shown = []
    for section in OFFICE:
        pages = [page for page in section.pages if can(user, page.capability)]
        if pages:
            shown.append((section, pages))
    return shown
