from jobs.schedule import scheduled
from referrals import monthly
from referrals.services import clients_purge_due, followups_due_send, reminders_due_send


@scheduled(
    "followups_due",
    at="07:00",
    description="Mail each practitioner the follow-ups due today or overdue.",
)
def followups_due():
    return followups_due_send()


@scheduled(
    "purge_clients",
    at="06:45",
    description="Remove the identity of clients deleted longer ago than the retention period.",
)
def purge_clients():
    return clients_purge_due()


@scheduled(
    "meeting_reminders",
    at="10:00",
    description="Remind clients who asked for it of their first meeting, the day before.",
)
def meeting_reminders():
    return reminders_due_send()


@scheduled(
    "monthly_counts",
    every_minutes=10,
    description="Count again the dashboard's monthly referral and follow-up figures that changed.",
)
def monthly_counts():
    return monthly.refresh()
