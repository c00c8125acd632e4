import datetime as dt

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Case, Count, F, Prefetch, Q, Value, When
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from events.feed import calendar_for
from events.forms import EventForm, PartnerForm, RegistrationForm
from events.models import (
    AWARENESS_PERIODS,
    CONFIRM_WITHIN,
    JointEvent,
    Partner,
    Registration,
    Sponsorship,
)
from events.services import (
    EventError,
    event_saved,
    register,
    registration_cancel,
    registration_confirm,
    registration_from_confirm_token,
    registration_from_token,
    sponsorship_answer,
)
from groups.languages import in_english
from groups.models import SelfHelpGroup
from liaison import csvio, limits, ratelimit
from liaison.models import StaffMembership
from liaison.periods import list_period
from liaison.permissions import Can, can, get_for_user, leader_required, private_or_404, requires

Role = StaffMembership.Role

# Registrations an hour. From one address for one event: a family or a few friends signing up
# together from one home. From one address for all events: one person, or a shared computer, is
# not a crowd. For one event from anywhere: the most confirmation mails an event makes the agency
# send in an hour, whoever asks.
REGISTRATIONS_PER_ADDRESS_PER_EVENT = 5
REGISTRATIONS_PER_ADDRESS = 10
REGISTRATIONS_PER_EVENT = 100


def _base_url(request):
    return request.build_absolute_uri("/")[:-1]


def _public_sponsors():
    return Prefetch(
        "sponsorships",
        queryset=Sponsorship.objects.exclude(answer__in=["invited", "declined"]).select_related(
            "group", "partner"
        ),
        to_attr="shown_sponsors",
    )


# --- the public calendar -----


@require_GET
def calendar(request):
    events = (
        JointEvent.objects.public()
        .exclude(status=JointEvent.Status.CANCELLED)
        .upcoming()
        .select_related("agency")
        .prefetch_related(_public_sponsors())
    )
    kind = request.GET.get("kind", "")
    if kind in JointEvent.Kind.values:
        events = events.filter(kind=kind)
    month = request.GET.get("month", "")
    try:
        year, number = (int(part) for part in month.split("-"))
        start = dt.date(year, number, 1)
    except ValueError:
        start = None
    # A month out of the calendar's range (9999-12: its end is past the last date) shows all.
    if start is None or start != limits.clamp_date(start):
        month = ""
    else:
        end = (start + dt.timedelta(days=32)).replace(day=1)
        events = events.filter(starts_at__date__lt=end, ends_at__date__gte=start)
    page = Paginator(events, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "events/calendar.html",
        {"page": page, "kinds": JointEvent.Kind.choices, "kind": kind, "month": month},
    )


@require_http_methods(["GET", "POST"])
def event_detail(request, pk):
    event = get_object_or_404(
        JointEvent.objects.public().select_related("agency").prefetch_related(_public_sponsors()),
        pk=pk,
    )
    form = RegistrationForm(request.POST or None) if event.takes_registrations else None
    status = 200
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "homepage"}
            if form.is_spam():
                # Software that fills in every field is answered like a person: nothing is
                # stored and no mail is sent.
                check = Registration(event=event, **data)
                return render(request, "events/check_email.html", {"registration": check})
            refusal = _too_many(request, event)
            if refusal:
                form.add_error(None, refusal)
                status = 429
            else:
                try:
                    registration = register(
                        event=event,
                        base_url=_base_url(request),
                        language=translation.get_language() or "",
                        **data,
                    )
                except EventError as error:
                    form.add_error("email", str(error))
                else:
                    return render(
                        request, "events/check_email.html", {"registration": registration}
                    )
    taken = event.registrations.holding().count()
    places_left = max(0, event.capacity - taken) if event.capacity is not None else None
    return render(
        request,
        "events/event_detail.html",
        {"event": event, "form": form, "places_left": places_left},
        status=status,
    )


def _too_many(request, event):
    """Why this registration is refused for now, or "" when it may go on."""
    if ratelimit.address_exceeded(
        request, f"register:{event.pk}", limit=REGISTRATIONS_PER_ADDRESS_PER_EVENT
    ) or ratelimit.address_exceeded(request, "register", limit=REGISTRATIONS_PER_ADDRESS):
        return _("Many registrations came from here in the last hour. Please try again later.")
    if ratelimit.exceeded("register-event", str(event.pk), limit=REGISTRATIONS_PER_EVENT):
        return _("This event had very many registrations in the last hour. Please try again later.")
    return ""


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """The link in the mail: it asks first and confirms only on POST, so that mail scanners
    that open links confirm nothing."""
    try:
        registration = registration_from_confirm_token(token)
    except EventError as error:
        return render(request, "groups/link_problem.html", {"error": error}, status=400)
    if request.method == "GET" and registration.status == Registration.Status.PENDING:
        return render(request, "events/confirm_ask.html", {"registration": registration})
    try:
        # Confirming again (or opening the link again) shows where the registration stands.
        registration = registration_confirm(registration=registration, base_url=_base_url(request))
    except EventError as error:
        return render(request, "groups/link_problem.html", {"error": error}, status=410)
    return render(
        request,
        "events/registered.html",
        {"event": registration.event, "registration": registration},
    )


@in_english
@require_GET
def feed(request):
    events = JointEvent.objects.public().order_by("starts_at")
    body = calendar_for(events, request.build_absolute_uri)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="events.ics"'
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_http_methods(["GET", "POST"])
def cancel(request, token):
    try:
        registration = registration_from_token(token)
    except EventError as error:
        return render(request, "groups/link_problem.html", {"error": error}, status=400)
    if request.method == "POST":
        try:
            registration_cancel(registration=registration, base_url=_base_url(request))
        except EventError as error:
            return render(request, "groups/link_problem.html", {"error": error}, status=410)
        return render(request, "events/cancelled.html", {"event": registration.event})
    if registration.status == Registration.Status.CANCELLED:
        return render(
            request,
            "groups/link_problem.html",
            {"error": "This registration was cancelled already."},
            status=410,
        )
    return render(request, "events/cancel_ask.html", {"registration": registration})


# --- the office -----


@requires(Can.SEE_EVENTS)
def office_events(request):
    today = timezone.localdate()
    now = timezone.now()
    events = JointEvent.objects.for_user(request.user)
    asked = list_period(request)  # (`periods` are the awareness periods)
    if asked.applied:
        # As the dashboard counts joint events: those not cancelled, by their first day here.
        events = events.exclude(status=JointEvent.Status.CANCELLED).filter(
            asked.within("starts_at__date")
        )
    events = (
        events.annotate(
            registered=Count("registrations", filter=Q(registrations__status="confirmed")),
            waiting=Count("registrations", filter=Q(registrations__status="waitlisted")),
            unconfirmed=Count(
                "registrations",
                filter=Q(
                    registrations__status="pending",
                    registrations__created_at__gte=timezone.now() - CONFIRM_WITHIN,
                ),
            ),
        )
        .prefetch_related(
            Prefetch(
                "sponsorships", queryset=Sponsorship.objects.select_related("group", "partner")
            )
        )
        # The next event first, then the later ones; the past after them, the latest first.
        .annotate(
            is_past=Case(When(ends_at__lt=now, then=Value(1)), default=Value(0)),
            coming_at=Case(When(ends_at__gte=now, then=F("starts_at"))),
            past_at=Case(When(ends_at__lt=now, then=F("starts_at"))),
        )
        .order_by("is_past", "coming_at", "-past_at", "pk")
    )
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    periods = []
    for year in (today.year, today.year + 1):
        for _key, label, period in AWARENESS_PERIODS:
            first, last = period(year)
            if last >= today:
                periods.append({"label": label, "first": first, "last": last, "events": []})
    periods = sorted(periods, key=lambda p: p["first"])[:2]
    if periods:
        window = JointEvent.objects.for_user(request.user).filter(
            starts_at__date__lte=periods[-1]["last"], ends_at__date__gte=periods[0]["first"]
        )
        for event in window:
            for period in periods:
                start = timezone.localtime(event.starts_at).date()
                end = timezone.localtime(event.ends_at).date()
                if start <= period["last"] and end >= period["first"]:
                    period["events"].append(event)
    return render(
        request,
        "events/office_events.html",
        {
            "page": page,
            "periods": periods,
            "can_keep": can(request.user, Can.KEEP_EVENTS),
            "period": asked,
            "query": asked.query,
        },
    )


@requires(Can.KEEP_EVENTS)
@require_http_methods(["GET", "POST"])
def event_edit(request, pk=None):
    agency = request.user.agency
    event = get_for_user(JointEvent, request.user, pk=pk) if pk else JointEvent(agency=agency)
    form = EventForm(request.POST or None, instance=event, agency=agency)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            event = form.save()
            _set_sponsors(event, form.cleaned_data["groups"], form.cleaned_data["partners"])
            event_saved(event)
        messages.success(request, f"Saved “{event.title}”. Invited groups will decide.")
        return redirect("events:office_event", pk=event.pk)
    registrations = []
    if event.pk:
        registrations = list(
            event.registrations.current().order_by("confirmed_at", "created_at", "pk")
        )
    Status = Registration.Status
    order = [Status.CONFIRMED, Status.WAITLISTED, Status.PENDING, Status.CANCELLED]
    registrations.sort(key=lambda r: order.index(r.status))
    counts = {status: sum(1 for r in registrations if r.status == status) for status in order}
    return render(
        request,
        "events/event_form.html",
        {
            "form": form,
            "event": event,
            "registrations": registrations,
            "counts": counts,
            "roles": Sponsorship.Role.choices,
        },
    )


@requires(Can.KEEP_EVENTS)
@require_POST
def sponsorship_role(request, pk):
    """What a co-sponsor does at the event: hosts it, co-sponsors, speaks, or has a table."""
    sponsorship = private_or_404(
        Sponsorship.objects.filter(
            event__in=JointEvent.objects.for_user(request.user), is_agency=False
        ).select_related("event"),
        pk=pk,
    )
    role = request.POST.get("role", "")
    if role not in Sponsorship.Role.values:
        messages.error(request, "Choose one of the roles in the list.")
    else:
        sponsorship.role = role
        sponsorship.save(update_fields=["role"])
        event_saved(sponsorship.event)
        messages.success(
            request, f"{sponsorship.sponsor_name}: {sponsorship.get_role_display().lower()}."
        )
    return redirect("events:office_event", pk=sponsorship.event_id)


@requires(Can.KEEP_EVENTS)
@require_GET
def registrations_csv(request, pk):
    """Who registered, for a sign-in sheet. Names are typed by the public: the CSV writer keeps
    a name such as "=HYPERLINK(...)" from running in the spreadsheet that opens it."""
    event = get_for_user(JointEvent, request.user, pk=pk)
    registrations = event.registrations.order_by("status", "created_at")
    rows = [["name", "email", "phone", "status", "registered at"]]
    rows += [
        [
            r.name,
            r.email,
            r.phone,
            r.get_status_display(),
            timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M"),
        ]
        for r in registrations
    ]
    return csvio.response(f"event-{event.pk}-registrations.csv", rows)


def _set_sponsors(event, groups, partners):
    existing = list(event.sponsorships.all())
    if not any(s.is_agency for s in existing):
        Sponsorship.objects.create(event=event, is_agency=True, role=Sponsorship.Role.HOST)
    wanted_groups = {g.pk for g in groups}
    wanted_partners = {p.pk for p in partners}
    for sponsorship in existing:
        dropped_group = sponsorship.group_id and sponsorship.group_id not in wanted_groups
        dropped_partner = sponsorship.partner_id and sponsorship.partner_id not in wanted_partners
        if dropped_group or dropped_partner:
            sponsorship.delete()
    have_groups = {s.group_id for s in existing if s.group_id}
    have_partners = {s.partner_id for s in existing if s.partner_id}
    for group in groups:
        if group.pk not in have_groups:
            Sponsorship.objects.create(
                event=event,
                group=group,
                role=Sponsorship.Role.COSPONSOR,
                answer=Sponsorship.Answer.INVITED,
            )
    for partner in partners:
        if partner.pk not in have_partners:
            Sponsorship.objects.create(
                event=event, partner=partner, role=Sponsorship.Role.COSPONSOR
            )


@requires(Can.SEE_EVENTS)
def partners(request):
    listing = (
        Partner.objects.for_user(request.user)
        .prefetch_related(
            Prefetch("sponsorships", queryset=Sponsorship.objects.select_related("event"))
        )
        .order_by("name")
    )
    return render(
        request,
        "events/partners.html",
        {"partners": listing, "can_keep": can(request.user, Can.KEEP_EVENTS)},
    )


@requires(Can.KEEP_EVENTS)
@require_http_methods(["GET", "POST"])
def partner_edit(request, pk=None):
    agency = request.user.agency
    partner = get_for_user(Partner, request.user, pk=pk) if pk else Partner(agency=agency)
    form = PartnerForm(request.POST or None, instance=partner, agency=agency)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Saved the partner.")
        return redirect("events:partners")
    return render(request, "events/partner_form.html", {"form": form, "partner": partner})


# --- the leaders' side -----


@leader_required
def leader_events(request):
    """The leader's invitations to co-sponsor: those waiting for an answer first, then what is
    coming up, then the past (and the declined or cancelled) apart."""
    now = timezone.now()
    waiting, coming, past = [], [], []
    for sponsorship in _led_sponsorships(request.user).order_by("event__starts_at"):
        event = sponsorship.event
        if event.ends_at < now or event.status == JointEvent.Status.CANCELLED:
            past.append(sponsorship)
        elif sponsorship.answer == Sponsorship.Answer.INVITED:
            waiting.append(sponsorship)
        elif sponsorship.answer == Sponsorship.Answer.ACCEPTED:
            coming.append(sponsorship)
        else:
            past.append(sponsorship)
    past.reverse()
    return render(
        request,
        "events/leader_events.html",
        {"waiting": waiting, "coming": coming, "past": past},
    )


def _led_sponsorships(user):
    return Sponsorship.objects.filter(group__in=SelfHelpGroup.objects.led_by(user)).select_related(
        "event__agency", "group"
    )


@leader_required
def leader_event(request, pk):
    """The event a leader's group is invited to, planned or public: what, when, where, with
    whom; and the answer."""
    sponsorship = private_or_404(_led_sponsorships(request.user), pk=pk)
    others = (
        sponsorship.event.sponsorships.exclude(pk=sponsorship.pk)
        .filter(answer=Sponsorship.Answer.ACCEPTED)
        .select_related("group", "partner")
    )
    return render(
        request,
        "events/leader_event.html",
        {"s": sponsorship, "event": sponsorship.event, "others": others, "now": timezone.now()},
    )


@leader_required
@require_POST
def leader_answer(request, pk):
    sponsorship = private_or_404(_led_sponsorships(request.user), pk=pk)
    accept = request.POST.get("answer") == "accept"
    sponsorship_answer(sponsorship=sponsorship, accept=accept, by=request.user)
    messages.success(
        request,
        (
            _("%(group)s will co-sponsor “%(event)s”.")
            if accept
            else _("%(group)s declined “%(event)s”.")
        )
        % {"group": sponsorship.group, "event": sponsorship.event.title},
    )
    return redirect("portal:events")
