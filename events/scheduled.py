from events.services import registrations_forget_unconfirmed
from jobs.schedule import scheduled


@scheduled(
    "forget_unconfirmed_registrations",
    every_minutes=60,
    description="Forget event registrations nobody confirmed within 24 hours.",
)
def forget_unconfirmed_registrations():
    return {"forgotten": registrations_forget_unconfirmed()}
