"""The directory's filters. Meeting filters (day, time, mode, open/closed, language, this week)
apply together to one meeting: "online on Tuesday evening" means one meeting that is all three."""

import datetime as dt
from functools import cached_property

import django_filters
from django import forms
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from groups import schedule
from groups.directory import near, page_cache, search
from groups.languages import translated_language_name
from groups.meeting_guide import types as meeting_types
from groups.models import AudienceTag, FocusArea, Language, Meeting, Organization, SelfHelpGroup
from liaison import limits

DAY_SLUGS = [
    (name.lower(), label)
    for name, label in zip(schedule.DAY_NAMES, schedule.DAY_LABELS, strict=True)
]
TIME_CHOICES = [
    ("morning", _("Morning (before noon)")),
    ("afternoon", _("Afternoon (noon – 5 pm)")),
    ("evening", _("Evening (after 5 pm)")),
]
MODE_CHOICES = [
    ("in_person", _("In person (or hybrid)")),
    ("online", _("Online (or hybrid)")),
    ("hybrid", _("Hybrid only")),
]
OPEN_CHOICES = [("open", _("Open to anyone")), ("closed", _("Closed (for members)"))]
FRESH_CHOICES = [
    ("fresh", _("Checked in the last 12 months")),
    ("stale", _("Not checked for a year")),
]
DAY_INDEX = {slug: index for index, (slug, _label) in enumerate(DAY_SLUGS)}
TIME_BOUNDS = {
    "morning": Q(start_time__lt=dt.time(12)),
    "afternoon": Q(start_time__gte=dt.time(12), start_time__lt=dt.time(17)),
    "evening": Q(start_time__gte=dt.time(17)),
}
MODES = {
    "in_person": [Meeting.Mode.IN_PERSON, Meeting.Mode.HYBRID],
    "online": [Meeting.Mode.ONLINE, Meeting.Mode.HYBRID],
    "hybrid": [Meeting.Mode.HYBRID],
}
WHEN_CHOICES = [
    ("soon", _("Starting in the next 2 hours")),
    ("today", _("Today")),
]
SOON_HOURS = 2
# The kinds of meeting people ask for most, by their Meeting Guide codes (labels in the page's
# language come from the official list).
TYPE_CODES = ["BE", "SP", "D", "ST", "B", "LIT", "MED", "TR"]
WHEELCHAIR_CODE = "X"
MEETING_FILTERS = (
    "day", "time", "mode", "open", "language", "this_week", "when", "type", "wheelchair",
)  # fmt: skip
GROUP_FILTERS = (
    "q", "focus", "audience", "organization", "listing_language", "fresh", "locus", "structure",
    "autonomy",
)  # fmt: skip
STAFF_FILTERS = ("locus", "structure", "autonomy")


RADIUS_CHOICES = [(str(miles), label) for miles, label in near.RADIUS_CHOICES]


# The boxes whose choices are read from tables that rarely change: kept in the cache, in each
# language, until any listing or list of choices changes (the public pages' version).
KEPT_CHOICES = ("focus", "audience", "organization", "language", "listing_language")
KEPT_CHOICES_SECONDS = 60 * 60


def _keep_choices(form):
    """Give the boxes their kept choices, read and kept on the first page that needs them."""
    key = f"directory-choices:{page_cache.version()}:{get_language()}"
    kept = cache.get(key)
    if kept is None:
        kept = {
            name: [(str(value), str(label)) for value, label in form.fields[name].widget.choices]
            for name in KEPT_CHOICES
        }
        cache.set(key, kept, KEPT_CHOICES_SECONDS)
    for name in KEPT_CHOICES:
        # The box shows these; a value sent is still checked against the table.
        form.fields[name].widget.choices = kept[name]


class GroupFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_nothing")
    near = django_filters.CharFilter(
        label=_("Near (ZIP code or town)"),
        method="filter_nothing",
        max_length=near.MAX_PLACE_TEXT,
    )
    within = django_filters.ChoiceFilter(
        label=_("Within"),
        choices=RADIUS_CHOICES,
        empty_label=None,
        method="filter_nothing",
    )
    # A position the visitor's browser gave ("use my location"): it stays in the address, never
    # stored or logged.
    lat = django_filters.NumberFilter(
        method="filter_nothing", min_value=-90, max_value=90, widget=forms.HiddenInput
    )
    lon = django_filters.NumberFilter(
        method="filter_nothing", min_value=-180, max_value=180, widget=forms.HiddenInput
    )
    focus = django_filters.ModelChoiceFilter(
        label=_("Focus"),
        queryset=FocusArea.objects.all(),
        to_field_name="slug",
        field_name="focus_areas",
        empty_label=_("Any focus"),
    )
    audience = django_filters.ModelChoiceFilter(
        label=_("For"),
        queryset=AudienceTag.objects.all(),
        to_field_name="slug",
        field_name="audience",
        empty_label=_("Anyone"),
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("Organization"),
        queryset=Organization.objects.all(),
        to_field_name="slug",
        empty_label=_("Any organization"),
    )
    day = django_filters.ChoiceFilter(
        label=_("Day"), choices=DAY_SLUGS, empty_label=_("Any day"), method="filter_nothing"
    )
    time = django_filters.ChoiceFilter(
        label=_("Time of day"),
        choices=TIME_CHOICES,
        empty_label=_("Any time"),
        method="filter_nothing",
    )
    mode = django_filters.ChoiceFilter(
        label=_("How to attend"),
        choices=MODE_CHOICES,
        empty_label=_("In person or online"),
        method="filter_nothing",
    )
    open = django_filters.ChoiceFilter(
        label=_("Open or closed"),
        choices=OPEN_CHOICES,
        empty_label=_("Open or closed"),
        method="filter_nothing",
    )
    language = django_filters.ModelChoiceFilter(
        label=_("Language"),
        queryset=Language.objects.all(),
        to_field_name="code",
        empty_label=_("Any language"),
        method="filter_nothing",
    )
    listing_language = django_filters.ModelChoiceFilter(
        label=_("Listing written in"),
        queryset=Language.objects.all(),
        to_field_name="code",
        field_name="listing_languages",
        empty_label=_("Any language"),
    )
    when = django_filters.ChoiceFilter(
        label=_("When"),
        choices=WHEN_CHOICES,
        empty_label=_("Any time this week"),
        method="filter_nothing",
    )
    type = django_filters.MultipleChoiceFilter(
        label=_("Kind of meeting"),
        choices=(),
        method="filter_nothing",
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    wheelchair = django_filters.BooleanFilter(
        label=_("Wheelchair access"),
        method="filter_nothing",
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    this_week = django_filters.BooleanFilter(
        label=_("Meets in the next 7 days"),
        method="filter_nothing",
        widget=forms.CheckboxInput,
    )
    # The kind of group (the paper's typology): offered to staff; the values are no secret.
    locus = django_filters.ChoiceFilter(
        label=_("Locates the problem"),
        field_name="problem_locus",
        choices=SelfHelpGroup.ProblemLocus.choices,
        empty_label=_("Anywhere"),
    )
    structure = django_filters.ChoiceFilter(
        label=_("Format"),
        field_name="format_structure",
        choices=SelfHelpGroup.FormatStructure.choices,
        empty_label=_("Any format"),
    )
    autonomy = django_filters.ChoiceFilter(
        label=_("Autonomy"),
        choices=SelfHelpGroup.Autonomy.choices,
        empty_label=_("Any"),
    )
    fresh = django_filters.ChoiceFilter(
        label=_("Listing checked"),
        choices=FRESH_CHOICES,
        empty_label=_("Any"),
        method="filter_fresh",
    )

    def __init__(self, *args, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now or timezone.now()
        self.filters["type"].extra["choices"] = [
            (code, meeting_types.label(code)) for code in TYPE_CODES
        ]
        # {group id: (miles to its nearest place, seconds to its next meeting there)} when the
        # search is by distance.
        self.reach = None
        self.point = None
        # What the search found beyond the groups: a corrected typo, how many groups.
        self.found = search.Found(None)

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_styled", False):
            form._styled = True
            for field in form.fields.values():
                if isinstance(field.widget, forms.Select):
                    field.widget.attrs["class"] = "form-select form-select-sm"
            for name in ("language", "listing_language"):
                form.fields[name].label_from_instance = translated_language_name
            _keep_choices(form)
        return form

    def mark_errors(self):
        """Tie each field's error to the field, for screen readers and the eye."""
        for name in self.form.errors:
            if name in self.form.fields:
                attrs = self.form.fields[name].widget.attrs
                attrs["class"] = attrs.get("class", "") + " is-invalid"
                attrs["aria-describedby"] = f"id_{name}-error"
                attrs["aria-invalid"] = "true"

    def days_asked(self):
        """The weekdays the search is about (a day, or today), or None for the whole week."""
        data = self.form.cleaned_data
        if data.get("day"):
            return {DAY_INDEX[data["day"]]}
        if data.get("when") in ("today", "soon"):
            return {schedule.mg_weekday(timezone.localdate(self.now))} | (
                {schedule.mg_weekday(timezone.localdate(self.now) + dt.timedelta(days=1))}
                if data["when"] == "soon"
                else set()
            )
        return None

    def chips(self, params) -> list[dict]:
        """The search and each filter chosen, in words, each with the address of the same
        search without it: removable chips above the results."""
        if not self.form.is_valid() and not self.form.cleaned_data:
            return []
        data = self.form.cleaned_data
        shown = []

        def without(name, value=None):
            rest = params.copy()
            rest.pop("page", None)
            if value is None or name not in rest:
                rest.pop(name, None)
                if name == "near":
                    rest.pop("within", None)
                if name in ("lat", "lon"):
                    rest.pop("lat", None)
                    rest.pop("lon", None)
            else:
                rest.setlist(name, [v for v in rest.getlist(name) if v != value])
            return f"?{rest.urlencode()}" if rest else "?"

        if self.point is not None:
            label = _("Within %(miles)s miles of %(place)s") % {
                "miles": self.radius(),
                "place": self.point.label,
            }
            shown.append({"label": label, "href": without("near" if data.get("near") else "lat")})
        for name, field in self.form.fields.items():
            value = data.get(name)
            if name in ("near", "within", "lat", "lon") or value in (None, "", [], False):
                continue
            if name == "type":
                labels = dict(field.choices)
                for code in value:
                    shown.append({"label": labels.get(code, code), "href": without(name, code)})
                continue
            if isinstance(value, bool):
                text = str(field.label)
            elif hasattr(field, "choices") and not hasattr(value, "pk"):
                text = f"{field.label}: {dict(field.choices).get(value, value)}"
            elif name in ("language", "listing_language"):
                text = f"{field.label}: {translated_language_name(value)}"
            else:
                text = f"{field.label}: {value}"
            shown.append({"label": text, "href": without(name)})
        return shown

    def filter_nothing(self, queryset, name, value):
        # Applied together in `filter_queryset`.
        return queryset

    @property
    def searched(self) -> tuple[str, bool]:
        """(the search as run, whether it was shortened): the page says when it was."""
        self.form.is_valid()  # cleans the form once; a bad filter beside it keeps the search
        return limits.shorten_search(self.form.cleaned_data.get("q") or "")

    def filter_fresh(self, queryset, name, value):
        return queryset.fresh(self.now) if value == "fresh" else queryset.stale(self.now)

    def meeting_filters_chosen(self) -> bool:
        data = self.form.cleaned_data
        return any(data.get(name) for name in MEETING_FILTERS)

    def matching_meetings(self):
        """Active meetings that pass every chosen meeting filter (all active ones if none)."""
        data = self.form.cleaned_data
        meetings = Meeting.objects.filter(status=Meeting.Status.ACTIVE)
        if data.get("day"):
            meetings = meetings.on_weekday(DAY_INDEX[data["day"]])
        if data.get("time"):
            meetings = meetings.filter(TIME_BOUNDS[data["time"]])
        if data.get("mode"):
            meetings = meetings.filter(mode__in=MODES[data["mode"]])
        if data.get("open"):
            meetings = meetings.filter(access=data["open"])
        if data.get("language"):
            meetings = meetings.filter(languages=data["language"])
        if data.get("this_week"):
            meetings = meetings.within_days(timezone.localdate(self.now), 7)
        if data.get("when") == "today":
            meetings = meetings.within_days(timezone.localdate(self.now), 1)
        elif data.get("when") == "soon":
            meetings = meetings.starting_within(self.now, hours=SOON_HOURS)
        if data.get("type"):
            # Any of the kinds chosen: "a speaker or a step meeting".
            kinds = Q()
            for code in data["type"]:
                kinds |= Q(type_codes__icontains=f'"{code}"')
            meetings = meetings.filter(kinds)
        if data.get("wheelchair"):
            meetings = meetings.filter(
                Q(type_codes__icontains=f'"{WHEELCHAIR_CODE}"')
                | Q(mode__in=MODES["in_person"], location__step_free=True)
            )
        return meetings

    # Fields the page lays out itself; the others are listed under "Filters".
    own_layout = (
        "q", "this_week", "near", "within", "lat", "lon", "type", "wheelchair", *STAFF_FILTERS,
    )  # fmt: skip

    @property
    def radius_shown(self) -> str:
        self.form.is_valid()
        return str(self.radius())

    def radius(self) -> int:
        return int(self.form.cleaned_data.get("within") or near.DEFAULT_RADIUS)

    def _point(self):
        """Where the visitor asked to search from: the place they typed (an error beside the box
        when it cannot be found), else their browser's position; None for no distance search."""
        data = self.form.cleaned_data
        text = (data.get("near") or "").strip()
        if not text:
            # The browser's position, when the visitor typed no place (typing one clears it).
            if data.get("lat") is not None and data.get("lon") is not None:
                return near.Point(float(data["lat"]), float(data["lon"]), _("your location"))
            return None
        point = near.find(text)
        if point is None:
            self.form.add_error(
                "near",
                _(
                    "We could not find “%(place)s”. Try a ZIP code, or a town with its state "
                    "(for example: Fairview, NY)."
                )
                % {"place": text},
            )
        return point

    @property
    def distances(self):
        """{group id: miles to its nearest meeting place} in a search by distance, else None."""
        if self.reach is None:
            return None
        return {pk: miles for pk, (miles, _wait) in self.reach.items()}

    @cached_property
    def reachable_ids(self) -> list[int]:
        """The groups within reach that pass the group filters and the search: no query when
        none of them is chosen (the meetings within reach are of active groups already)."""
        data = self.form.cleaned_data
        if any(data.get(name) for name in GROUP_FILTERS):
            return list(self.qs.values_list("pk", flat=True))
        return list(self.reach)

    def found_groups(self):
        """The groups the search found, for the map and the list to print: their ids in a
        search by distance, else a subquery."""
        self.qs  # noqa: B018 -- runs the search (and the distance search with it) once
        if self.reach is not None:
            return self.reachable_ids
        return self.qs.order_by().values("pk")

    def by_distance(self, group_ids) -> list[int]:
        """The groups nearest first (to a tenth of a mile), then by their next meeting there."""
        return sorted(
            group_ids,
            key=lambda pk: (round(self.reach[pk][0], 1), self.reach[pk][1], pk),
        )

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        self.point = self._point()
        if self.point is not None:
            self.reach = near.meetings_within(
                self.matching_meetings().filter(group__status=SelfHelpGroup.Status.ACTIVE),
                self.point,
                self.radius(),
                self.now,
            )
            queryset = queryset.filter(pk__in=list(self.reach))
        if self.meeting_filters_chosen():
            # One pass over the meetings, not a lookup per group: the set of groups with a
            # matching meeting.
            queryset = queryset.filter(pk__in=self.matching_meetings().values("group_id"))
        self.found = search.run(queryset, self.searched[0])
        return self.found.groups
