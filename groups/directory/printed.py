"""The directory's search as a list to print (waiting rooms, discharge packets, places without
internet): the meetings of the groups found, by day of the week and time, with where they are or
how to join, and a QR code back to the same search online."""

import io

import qrcode
import qrcode.image.svg

from groups import schedule
from groups.models import Meeting

# A printed list longer than this is no list to hand someone: the page asks to narrow it.
LIMIT = 400


def meetings_by_day(groups, meetings, only_days=None) -> tuple[list[dict], int]:
    """([{label, meetings}] from Sunday to Saturday, each day's meetings by start time), and the
    number of meetings found (before the limit). A meeting held on several days is on each, or
    on those of `only_days` (the day the search asked for)."""
    chosen = (
        meetings.filter(group__in=groups, status=Meeting.Status.ACTIVE)
        .select_related("group", "location")
        .order_by("start_time", "group__name", "pk")
    )
    found = chosen.count()
    days = [{"label": label, "meetings": []} for label in schedule.DAY_LABELS]
    for meeting in chosen[:LIMIT]:
        for day in meeting.days:
            if only_days is None or day in only_days:
                days[day]["meetings"].append(meeting)
    return [day for day in days if day["meetings"]], found


def qr_svg(url: str) -> str:
    """The address as a QR code, an SVG drawing (no image to fetch, nothing inline to run)."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=6, border=2)
    out = io.BytesIO()
    image.save(out)
    return out.getvalue().decode()
