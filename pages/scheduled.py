from jobs.schedule import scheduled
from liaison.models import Agency
from pages.dashboard import count_pictures


@scheduled(
    "dashboard_figures",
    every_minutes=5,
    description="Count each agency's dashboard for the last 12 months again, so that it opens "
    "at once.",
)
def dashboard_figures():
    return count_pictures(Agency.objects.all())
