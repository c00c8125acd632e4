"""Demo data of the directory. Idempotent: rows are found by natural keys and never rewritten."""

from groups.models import GroupLeadership, SelfHelpGroup
from liaison.demo import demo_user

LEADER = ("leader@groups.example", "Maria Gonzalez")

LED_GROUPS = [
    ("riverside-womens-aa", "Riverside Women's AA"),
    ("nami-family-support-riverside", "NAMI Family Support Group — Riverside"),
]


def seed_directory():
    leader = demo_user(*LEADER)
    for slug, name in LED_GROUPS:
        group, _ = SelfHelpGroup.objects.get_or_create(
            slug=slug, defaults={"name": name, "status": SelfHelpGroup.Status.ACTIVE}
        )
        if not GroupLeadership.objects.filter(user=leader, group=group).exists():
            GroupLeadership.objects.create(user=leader, group=group)


def logins():
    return [(LEADER[0], "group leader of two groups — /portal/")]
