"""A list page narrowed to a period: `?from=YYYY-MM-DD&to=YYYY-MM-DD`, both days included, as
the dashboard's figures link to it, so that the list shows the records the figure counts.

The dates are read as the dashboard reads its own (`limits.parse_date_range`): a date far in the
past or future is brought into range; either one may be left out. A date that is not one, or a
period that ends before it starts, is explained beside the list's filter and the list is shown
whole — never a page of another period than the one asked for.
(`templates/_period_filter.html` shows the filter and the period in words.)"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from liaison import limits

PARAMS = ("from", "to")


@dataclass(frozen=True)
class ListPeriod:
    start: dt.date | None = None
    end: dt.date | None = None
    errors: tuple = ()
    typed: tuple = ("", "")  # the dates as sent, to give them back in the filter
    whole_url: str = ""  # the list without the period, its other filters kept
    query: str = ""  # the list's parameters but its page number, for its other pages

    @property
    def applied(self) -> bool:
        return self.start is not None or self.end is not None

    @property
    def start_value(self) -> str:
        return self.start.isoformat() if self.start else self.typed[0]

    @property
    def end_value(self) -> str:
        return self.end.isoformat() if self.end else self.typed[1]

    def within(self, day_field: str) -> Q:
        """The condition on `day_field` (a date, or a lookup that gives one, such as
        `starts_at__date`): every record when no period applies."""
        condition = Q()
        if self.start is not None:
            condition &= Q(**{f"{day_field}__gte": self.start})
        if self.end is not None:
            condition &= Q(**{f"{day_field}__lte": self.end})
        return condition


def _query(request, *leave_out) -> str:
    query = request.GET.copy()
    for name in leave_out:
        query.pop(name, None)
    return query.urlencode()


def list_period(request) -> ListPeriod:
    """The period a list page was asked for, or none (`ListPeriod.applied`)."""
    typed = tuple(str(request.GET.get(name) or "").strip() for name in PARAMS)
    whole = _query(request, "page", *PARAMS)
    whole_url = request.path + (f"?{whole}" if whole else "")
    if not any(typed):
        return ListPeriod(query=_query(request, "page"))
    start, end, errors = limits.parse_date_range(
        *typed, default_start=limits.EARLIEST_DATE, default_end=limits.LATEST_DATE
    )
    if errors:
        # Shown whole: the other pages need not carry the dates that were not understood.
        return ListPeriod(
            errors=tuple(errors),
            typed=tuple(text[:40] for text in typed),
            whole_url=whole_url,
            query=whole,
        )
    return ListPeriod(
        start if typed[0] else None,
        end if typed[1] else None,
        typed=typed,
        whole_url=whole_url,
        query=_query(request, "page"),
    )
