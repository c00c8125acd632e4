"""A large agency for measuring speed: 10,000 groups with 25,000 meetings, 200,000 referrals with
their follow-ups, 50,000 visits and 5,000 events, written in bulk. Deterministic (seeded)."""

import datetime as dt
import random
import time
from decimal import Decimal

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from demo import scale_directory
from events.models import JointEvent
from exchanges.models import Visit
from groups import schedule
from groups.directory.search import refresh_search_for
from groups.models import FocusArea, Language, Location, Meeting, Organization, SelfHelpGroup
from liaison.db_health import refresh_statistics
from liaison.models import Agency, AgencyUnit, StaffMembership, User
from referrals import monthly
from referrals.models import STAGE, Client, FollowUp, Referral, ReferralEvent

BATCH = 5000
PREFIX = "scale"


class Command(BaseCommand):
    help = "Create a large agency and directory for benchmarks (add --groups etc. to resize)."

    def add_arguments(self, parser):
        parser.add_argument("--groups", type=int, default=10_000)
        parser.add_argument("--meetings", type=int, default=25_000)
        parser.add_argument("--referrals", type=int, default=200_000)
        parser.add_argument("--visits", type=int, default=50_000)
        parser.add_argument("--events", type=int, default=5_000)

    def handle(self, *args, groups, meetings, referrals, visits, events, **options):
        if SelfHelpGroup.objects.filter(slug__startswith=f"{PREFIX}-").exists():
            self.stdout.write("The scale data is there already.")
            return
        started = time.monotonic()
        rng = random.Random(2026)
        with transaction.atomic():
            agency, staff, units = self._agency()
            group_ids = self._groups(groups, rng)
            self._meetings(group_ids, meetings, rng)
            self._referrals(agency, units, staff, group_ids, referrals, rng)
            self._visits(agency, staff, group_ids, visits, rng)
            self._events(agency, events, rng)
        self.stdout.write("Refreshing the search columns…")
        refresh_search_for(SelfHelpGroup.objects.filter(slug__startswith=f"{PREFIX}-"))
        self.stdout.write("Refreshing the planner's statistics…")
        refresh_statistics(*apps.get_models(), rows=groups + meetings + referrals)
        # After the statistics: without them the planner joins 600,000 new follow-ups blind.
        self.stdout.write("Counting the dashboard's referrals and follow-ups by day…")
        monthly.refresh(agencies=[agency])
        self.stdout.write(
            f"Done in {time.monotonic() - started:.0f} s: {groups} groups, {meetings} meetings, "
            f"{referrals} referrals with follow-ups, {visits} visits, {events} events."
        )

    def _agency(self):
        agency, _ = Agency.objects.get_or_create(
            slug=f"{PREFIX}-agency", defaults={"name": "Scale Test Agency"}
        )
        unit, _ = AgencyUnit.objects.get_or_create(
            agency=agency, name="Clinical", defaults={"level": "practitioner"}
        )
        staff = []
        for n in range(50):
            user, created = User.objects.get_or_create(
                email=f"{PREFIX}{n}@example.org", defaults={"full_name": f"Scale Staff {n}"}
            )
            if created:
                StaffMembership.objects.create(
                    user=user,
                    agency=agency,
                    unit=unit,
                    role="executive" if n == 0 else "practitioner",
                )
            staff.append(user)
        return agency, staff, [unit]

    def _groups(self, count, rng):
        """Groups named and described like a real directory's (`demo/scale_directory.py`)."""
        Organization.objects.get_or_create(
            slug="coda",
            defaults={
                "name": "Co-Dependents Anonymous",
                "short_name": "CoDA",
                "approach": Organization.Approach.TWELVE_STEP,
            },
        )
        organizations = {
            organization.slug: organization
            for organization in Organization.objects.prefetch_related("focus_areas")
        }
        areas = {area.slug: area for area in FocusArea.objects.all()}
        now = timezone.now()
        texts = [scale_directory.group_text(rng, organizations) for _ in range(count)]
        SelfHelpGroup.objects.bulk_create(
            (
                SelfHelpGroup(
                    name=text["name"],
                    slug=f"{PREFIX}-{n}",
                    organization=text["organization"],
                    description=text["description"],
                    who_attends=text["who_attends"],
                    typical_format=text["typical_format"],
                    common_issues=text["common_issues"],
                    text_language=text["text_language"],
                    status="active",
                    verified_at=now - dt.timedelta(days=rng.randint(0, 600)),
                )
                for n, text in enumerate(texts)
            ),
            batch_size=BATCH,
        )
        ids = dict(
            SelfHelpGroup.objects.filter(slug__startswith=f"{PREFIX}-").values_list("slug", "pk")
        )
        group_ids = [ids[f"{PREFIX}-{n}"] for n in range(count)]
        through = SelfHelpGroup.focus_areas.through
        rows = []
        for pk, text in zip(group_ids, texts, strict=True):
            organization = text["organization"]
            focus = (
                [area.pk for area in organization.focus_areas.all()]
                if organization
                else [areas[slug].pk for slug in text["kind"].focus if slug in areas]
            )
            rows += [through(selfhelpgroup_id=pk, focusarea_id=area) for area in focus]
        through.objects.bulk_create(rows, batch_size=BATCH)
        # What each meeting needs to know about its group: Spanish-speaking, and its kind.
        self._group_texts = dict(zip(group_ids, texts, strict=True))
        self.stdout.write(f"{len(group_ids)} groups")
        return group_ids

    def _meetings(self, group_ids, count, rng):
        # Halls spread over about a hundred miles around ZIP code 12584, for the distance search.
        locations = Location.objects.bulk_create(
            Location(
                name=f"Hall {n}",
                street=f"{n} Main Street",
                city=rng.choice(scale_directory.TOWNS),
                latitude=round(41.4641 + rng.uniform(-0.7, 0.7), 6),
                longitude=round(-74.0591 + rng.uniform(-0.9, 0.9), 6),
            )
            for n in range(2000)
        )
        languages = {language.code: language.pk for language in Language.objects.all()}
        texts = self._group_texts
        rows = []
        spoken = []
        for n in range(count):
            group_id = group_ids[n % len(group_ids)]
            text = texts[group_id]
            mode = rng.choice(["in_person", "in_person", "online", "hybrid"])
            rows.append(
                Meeting(
                    group_id=group_id,
                    slug=f"{PREFIX}-m{n}",
                    weekdays=schedule.mask_from_days([rng.randint(0, 6)]),
                    start_time=dt.time(rng.choice([7, 12, 18, 19, 20])),
                    end_time=None,
                    mode=mode,
                    location=rng.choice(locations) if mode != "online" else None,
                    conference_url="https://meet.example.org/x" if mode != "in_person" else "",
                    access=rng.choice(["open", "closed"]),
                    type_codes=scale_directory.meeting_types(rng, text["kind"]),
                )
            )
            # Spanish-speaking groups meet in Spanish, now and then in English as well.
            if text["spanish"]:
                spoken.append(["es", "en"] if rng.random() < 0.2 else ["es"])
            else:
                spoken.append(["en"])
        Meeting.objects.bulk_create(rows, batch_size=BATCH)
        ids = dict(Meeting.objects.filter(slug__startswith=f"{PREFIX}-m").values_list("slug", "pk"))
        through = Meeting.languages.through
        through.objects.bulk_create(
            (
                through(meeting_id=ids[f"{PREFIX}-m{n}"], language_id=languages[code])
                for n, codes in enumerate(spoken)
                for code in codes
            ),
            batch_size=BATCH,
        )
        self.stdout.write(f"{count} meetings")

    def _referrals(self, agency, units, staff, group_ids, count, rng):
        clients = Client.objects.bulk_create(
            (
                Client(agency=agency, unit=units[0], record_number=f"S{n:06d}", initials="XX")
                for n in range(count // 2)
            ),
            batch_size=BATCH,
        )
        client_ids = [c.pk for c in clients] or list(
            Client.objects.filter(agency=agency).values_list("pk", flat=True)
        )
        today = timezone.localdate()
        paths = [
            ["made"],
            ["made", "volunteer_contacted"],
            ["made", "volunteer_contacted", "meeting_arranged", "attended"],
            ["made", "volunteer_contacted", "meeting_arranged", "attended", "engaged"],
            ["made", "not_attended"],
        ]
        done = 0
        while done < count:
            size = min(BATCH, count - done)
            batch = []
            chosen_paths = []
            for _ in range(size):
                path = rng.choice(paths)
                made_on = today - dt.timedelta(days=rng.randint(0, 730))
                batch.append(
                    Referral(
                        agency=agency,
                        client_id=rng.choice(client_ids),
                        group_id=rng.choice(group_ids[:2000]),
                        kind=rng.choice(["standard", "intensive"]),
                        at_discharge=rng.random() < 0.2,
                        status=path[-1],
                        reached=max(STAGE.get(status, 0) for status in path),
                        made_by=rng.choice(staff),
                        made_on=made_on,
                    )
                )
                chosen_paths.append(path)
            created = Referral.objects.bulk_create(batch)
            events, followups = [], []
            for referral, path in zip(created, chosen_paths, strict=True):
                events += [
                    ReferralEvent(referral=referral, status=status, on=referral.made_on)
                    for status in path
                ]
                for days in (7, 30, 90):
                    due = referral.made_on + dt.timedelta(days=days)
                    finished = due < today and rng.random() < 0.7
                    followups.append(
                        FollowUp(
                            referral=referral,
                            offset_days=days,
                            due_on=due,
                            done_on=due + dt.timedelta(days=rng.randint(0, 14))
                            if finished
                            else None,
                            attended=rng.random() < 0.5 if finished else None,
                        )
                    )
            ReferralEvent.objects.bulk_create(events, batch_size=BATCH)
            FollowUp.objects.bulk_create(followups, batch_size=BATCH)
            done += size
            self.stdout.write(f"\r{done} referrals", ending="")
        self.stdout.write("")

    def _visits(self, agency, staff, group_ids, count, rng):
        today = timezone.localdate()
        rows = []
        for _ in range(count):
            day = today - dt.timedelta(days=rng.randint(0, 730))
            rows.append(
                Visit(
                    agency=agency,
                    staff=rng.choice(staff),
                    group_id=rng.choice(group_ids),
                    kind="contact",
                    status="done",
                    planned_on=day,
                    done_on=day,
                    hours=Decimal(rng.choice(["1", "1.5", "2"])),
                )
            )
        Visit.objects.bulk_create(rows, batch_size=BATCH)
        self.stdout.write(f"{count} visits")

    def _events(self, agency, count, rng):
        now = timezone.now()
        rows = []
        for n in range(count):
            start = now - dt.timedelta(days=rng.randint(-180, 700), hours=rng.randint(0, 10))
            rows.append(
                JointEvent(
                    agency=agency,
                    kind=rng.choice(JointEvent.Kind.values),
                    title=f"Scale event {n}",
                    starts_at=start,
                    ends_at=start + dt.timedelta(hours=3),
                    status=rng.choice(["planned", "confirmed", "held", "held", "cancelled"]),
                    actual_attendance=rng.randint(5, 200),
                )
            )
        JointEvent.objects.bulk_create(rows, batch_size=BATCH)
        self.stdout.write(f"{count} events")
