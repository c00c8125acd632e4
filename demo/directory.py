"""Demo data of the directory: about sixty fictional self-help groups in a fictional county (the
towns of Riverside, Lakeside, Millbrook, Cedar Falls, Fairview and Oak Hill), with their meetings,
meeting places, contacts, leaders, and two agencies' private assessments.

Idempotent: rows are found by natural keys (slugs; a place by name and town; a contact by group and
name; an assessment by agency and group) and never rewritten. Times relative to now (when a group
was last verified) are computed only when the row is created, and nothing is random, so a second
run changes nothing. Every name, phone number and address is made up: phones are 555-01xx numbers,
emails are at example.org / example.com."""

import datetime as dt

from django.utils import timezone

from demo.agencies import demo_user
from groups import schedule, search
from groups.models import (
    Assessment,
    AudienceTag,
    Contact,
    FocusArea,
    GroupLeadership,
    Language,
    LeaderInvitation,
    ListingChange,
    Location,
    Meeting,
    NewGroupRequest,
    Organization,
    SelfHelpGroup,
    Suggestion,
)
from liaison.models import Agency, User

LEADER = ("leader@groups.example", "Maria Gonzalez")

LED_GROUPS = [
    ("riverside-womens-aa", "Riverside Women's AA"),
    ("nami-family-support-riverside", "NAMI Family Support Group — Riverside"),
]

# Other group leaders: (email, full name, slugs of the groups they keep, what `logins` says).
OTHER_LEADERS = [
    ("lead.dbsa@groups.example", "Janet Okafor", ["dbsa-lakeside"], "DBSA Lakeside"),
    (
        "lead.smart@groups.example",
        "Tom Brennan",
        ["smart-recovery-millbrook"],
        "SMART Recovery Millbrook",
    ),
    ("lead.familias@groups.example", "Rosa Medina", ["familias-unidas"], "Familias Unidas"),
    (
        "lead.tcf@groups.example",
        "Harold Lindqvist",
        ["compassionate-friends-cedar-falls"],
        "The Compassionate Friends, Cedar Falls",
    ),
]

# The liaison who verifies listings (created by `liaison.demo.seed_agencies`).
VERIFIER = "liaison@riverside.example"

# Leaders proposed by agency staff, waiting for a decision: Maria's group decides the first in
# her portal; the second group has no leader, so the superuser decides it in Django admin.
# (group slug, name, email, proposed by, why)
PROPOSALS = [
    (
        "riverside-womens-aa",
        "Ana Ruiz",
        "ana.ruiz@example.com",
        "liaison@riverside.example",
        "Chosen at the group's business meeting to help Maria keep the listing.",
    ),
    (
        "clean-and-free-na",
        "Pat Quinn",
        "pat.quinn@example.com",
        "liaison@riverside.example",
        "The group's secretary; asked us at our visit to help them keep their listing.",
    ),
]

TIMEZONE = "America/New_York"


# ---------------------------------------------------------------------------------------------
# Meeting places, shared by many groups. Found again by (name, city).
# ---------------------------------------------------------------------------------------------

LOCATIONS = {
    "st-marks": {
        "name": "St. Mark's Episcopal Church — Parish Hall",
        "street": "214 Church Street",
        "city": "Riverside",
        "postal_code": "12580",
        "latitude": "41.901240",
        "longitude": "-73.912380",
        "directions": (
            "Use the side door on Elm Place and go down one flight. Free parking behind the "
            "church; the Route 3 bus stops at Church & Main."
        ),
        "accessibility": "Ramp at the Elm Place door; accessible restroom on the same level.",
    },
    "riverside-library": {
        "name": "Riverside Public Library — Community Room B",
        "street": "45 Main Street",
        "city": "Riverside",
        "postal_code": "12580",
        "latitude": "41.898710",
        "longitude": "-73.908150",
        "directions": (
            "Room B is past the children's section on the ground floor. The municipal lot on "
            "Water Street is free after 6 pm. After hours, use the Water Street door."
        ),
        "accessibility": (
            "Step-free entrance, elevator, accessible restrooms, hearing loop in Room B."
        ),
    },
    "riverside-general": {
        "name": "Riverside General Hospital — Conference Room 2",
        "street": "1100 Hospital Drive",
        "city": "Riverside",
        "postal_code": "12581",
        "latitude": "41.915330",
        "longitude": "-73.897920",
        "directions": (
            "Park in Visitor Lot C (validated at the meeting). Enter the Medical Office Building "
            "and take the elevator to LL; follow the signs to the Conference Center."
        ),
        "accessibility": "Fully accessible; wheelchairs are available at the entrance desk.",
    },
    "bridge-clubhouse": {
        "name": "The Bridge Recovery Clubhouse",
        "street": "88 Water Street",
        "city": "Riverside",
        "postal_code": "12580",
        "latitude": "41.896140",
        "longitude": "-73.910270",
        "directions": (
            "Blue door next to the laundromat, two blocks from the Riverside train station. "
            "Street parking only."
        ),
        "accessibility": (
            "One step at the entrance; a portable ramp is kept inside the door. The restroom is "
            "not wheelchair accessible."
        ),
    },
    "riverside-cmh": {
        "name": "Riverside Community Mental Health — Group Room 1",
        "street": "120 River Street",
        "city": "Riverside",
        "postal_code": "12580",
        "latitude": "41.897390",
        "longitude": "-73.914010",
        "directions": "Say at the front desk that you are here for the peer group.",
        "accessibility": "Step-free entrance, elevator, accessible restrooms.",
    },
    "lakeside-community-center": {
        "name": "Lakeside Community Center — Birch Room",
        "street": "300 Shore Road",
        "city": "Lakeside",
        "postal_code": "12585",
        "latitude": "41.841230",
        "longitude": "-73.976050",
        "directions": (
            "Large lot beside the building. The Birch Room is the second door on the left. "
            "Lakeside Loop bus, Shore Road stop."
        ),
        "accessibility": "Step-free entrance, accessible restrooms, large-print handouts.",
    },
    "lakeside-presbyterian": {
        "name": "First Presbyterian Church of Lakeside — Fellowship Hall",
        "street": "61 Lake Avenue",
        "city": "Lakeside",
        "postal_code": "12585",
        "latitude": "41.843610",
        "longitude": "-73.971190",
        "directions": "Enter from the parking lot at the back, not the sanctuary doors.",
        "accessibility": "",
    },
    "millbrook-methodist": {
        "name": "Millbrook United Methodist Church — Lower Hall",
        "street": "9 Elm Street",
        "city": "Millbrook",
        "postal_code": "12588",
        "latitude": "41.952470",
        "longitude": "-73.801360",
        "directions": "Door under the covered walkway on the left side of the church.",
        "accessibility": "Lift to the lower hall; ask anyone at the door to call it.",
    },
    "millbrook-grange": {
        "name": "Millbrook Grange Hall",
        "street": "1422 County Route 12",
        "city": "Millbrook",
        "postal_code": "12588",
        "latitude": "41.958920",
        "longitude": "-73.789040",
        "directions": "Gravel lot in front; the hall is the white building next to the firehouse.",
        "accessibility": "",
    },
    "cedar-falls-library": {
        "name": "Cedar Falls Free Library — Meeting Room",
        "street": "77 Mill Street",
        "city": "Cedar Falls",
        "postal_code": "12592",
        "latitude": "42.021560",
        "longitude": "-73.879430",
        "directions": "The meeting room has its own entrance on the Mill Street side.",
        "accessibility": "Step-free entrance and accessible restroom; hearing loop on request.",
    },
    "sacred-heart": {
        "name": "Sacred Heart Parish Center — Salón San José",
        "street": "250 Bridge Street",
        "city": "Cedar Falls",
        "postal_code": "12592",
        "latitude": "42.018070",
        "longitude": "-73.884620",
        "directions": (
            "The parish center is the brick building behind the church; the Salón San José is "
            "on the ground floor."
        ),
        "accessibility": "Step-free entrance from the parking lot.",
    },
    "fairview-ymca": {
        "name": "Fairview Family YMCA — Wellness Room",
        "street": "500 Fairview Avenue",
        "city": "Fairview",
        "postal_code": "12594",
        "latitude": "41.872940",
        "longitude": "-73.830780",
        "directions": "Tell the front desk which group you are here for; no membership needed.",
        "accessibility": "Step-free entrance, elevator, accessible restrooms and showers.",
    },
    "oak-hill-church": {
        "name": "Oak Hill Community Church — Room 12",
        "street": "33 Ridge Road",
        "city": "Oak Hill",
        "postal_code": "12596",
        "latitude": "41.981450",
        "longitude": "-74.002310",
        "directions": "Use the education wing entrance facing the playground.",
        "accessibility": "Step-free entrance; accessible restroom across the hall.",
    },
    "grace-korean": {
        "name": "Grace Korean Presbyterian Church — Education Wing",
        "street": "410 Valley Road",
        "city": "Oak Hill",
        "postal_code": "12596",
        "latitude": "41.976820",
        "longitude": "-74.011570",
        "directions": "Park in the upper lot; the education wing is the newer building.",
        "accessibility": "",
    },
}


# ---------------------------------------------------------------------------------------------
# How each organization's groups understand the problem and run their meetings; a group can say
# otherwise with its own "philosophy", "locus" or "structure".
# ---------------------------------------------------------------------------------------------

Locus = SelfHelpGroup.ProblemLocus
Structure = SelfHelpGroup.FormatStructure
Autonomy = SelfHelpGroup.Autonomy

ORGANIZATION_WAYS = {
    "aa": (
        "Alcoholism is understood as an illness that the drinker cannot manage alone. Recovery "
        "comes through the Twelve Steps, reliance on a Higher Power as each member understands "
        "it, and one alcoholic helping another. The group is self-supporting and takes no "
        "position on outside issues.",
        Locus.INDIVIDUAL,
        Structure.STRUCTURED,
    ),
    "na": (
        "Addiction is a disease that can be arrested but not cured; the drug is not the point, "
        "the disease is. Members stay clean one day at a time through the Twelve Steps, "
        "sponsorship and service, and anyone with a desire to stop using belongs.",
        Locus.INDIVIDUAL,
        Structure.STRUCTURED,
    ),
    "cma": (
        "Crystal meth addiction is treated as a disease of body, mind and spirit; recovery is "
        "complete abstinence and the Twelve Steps, with the support of others who have been "
        "there.",
        Locus.INDIVIDUAL,
        Structure.STRUCTURED,
    ),
    "ma": (
        "Marijuana addiction is real and progressive; recovery comes from abstinence, the "
        "Twelve Steps and the fellowship of others who have stopped.",
        Locus.INDIVIDUAL,
        Structure.STRUCTURED,
    ),
    "al-anon": (
        "Alcoholism is a family disease. Members learn that they did not cause a loved one's "
        "drinking, cannot control it and cannot cure it, and turn their attention to their own "
        "recovery through the Twelve Steps, whether or not the drinker gets sober.",
        Locus.INDIVIDUAL,
        Structure.STRUCTURED,
    ),
    "nar-anon": (
        "Addiction affects the whole family. Members learn to detach with love, stop trying to "
        "control the addict's use, and work the Twelve Steps for their own peace of mind.",
        Locus.INDIVIDUAL,
        Structure.STRUCTURED,
    ),
    "families-anonymous": (
        "Families cannot fix a loved one's substance use; they can change their own responses. "
        "The Twelve Steps and the group's literature help members stop enabling and look "
        "after themselves.",
        Locus.INDIVIDUAL,
        Structure.STRUCTURED,
    ),
    "aca": (
        "Growing up with alcoholism or other family dysfunction leaves patterns that carry into "
        "adult life. Members re-parent themselves through the Twelve Steps and the Solution: "
        "becoming their own loving parent.",
        Locus.INDIVIDUAL,
        Structure.STRUCTURED,
    ),
    "nami": (
        "Mental illness is a medical condition and no one's fault. People and families do "
        "better with accurate information, the support of others who understand, and a voice in "
        "the services and policies that affect them.",
        Locus.BOTH,
        Structure.STRUCTURED,
    ),
    "dbsa": (
        "Depression and bipolar disorder are treatable illnesses. Peers who live with them offer "
        "hope, practical ways of coping and encouragement to stay with treatment; wellness is "
        "possible and each person defines it for themselves.",
        Locus.INDIVIDUAL,
        Structure.OPEN,
    ),
    "grow": (
        "Members grow out of mental distress by taking part in a caring and sharing community, "
        "following GROW's written programme of steps, and doing a small practical task agreed "
        "with the group each week.",
        Locus.INDIVIDUAL,
        Structure.STRUCTURED,
    ),
    "recovery-international": (
        "Nervous symptoms and fears are distressing but not dangerous. Members use Dr. Abraham "
        "Low's method to spot the thoughts and impulses that keep symptoms going and to practise "
        "changing them, one everyday example at a time.",
        Locus.INDIVIDUAL,
        Structure.STRUCTURED,
    ),
    "double-trouble": (
        "Mental illness and addiction are both no-fault illnesses, and recovery means working on "
        "both at once. Taking prescribed medication is part of recovery, not a slip.",
        Locus.INDIVIDUAL,
        Structure.STRUCTURED,
    ),
    "dual-recovery-anonymous": (
        "Chemical dependency and psychiatric illness are two illnesses that need two recoveries; "
        "the Twelve Steps are adapted to both, and medication as prescribed is respected.",
        Locus.INDIVIDUAL,
        Structure.STRUCTURED,
    ),
    "smart-recovery": (
        "Addictive behaviour is learned and can be changed. Members use practical tools from "
        "cognitive-behavioural and motivational approaches, set their own goals, and are the "
        "experts on their own lives; no labels are required.",
        Locus.INDIVIDUAL,
        Structure.STRUCTURED,
    ),
    "emotions-anonymous": (
        "Members apply the Twelve Steps to emotional difficulties such as depression, anger, "
        "anxiety and low self-worth, and aim for serenity rather than perfection.",
        Locus.INDIVIDUAL,
        Structure.STRUCTURED,
    ),
    "sczaction": (
        "People living with schizophrenia-related illness can lead meaningful lives; sharing "
        "what works, and pushing back against stigma, helps members and the wider community.",
        Locus.BOTH,
        Structure.OPEN,
    ),
    "hearing-voices": (
        "Hearing voices and other unusual experiences are understood as meaningful human "
        "experiences rather than only symptoms. Members explore their own explanations and "
        "ways of living with voices, whatever their views on diagnosis and medication.",
        Locus.BOTH,
        Structure.OPEN,
    ),
    "women-for-sobriety": (
        "Women's recovery needs are different from men's. The programme's Thirteen Acceptance "
        "Statements build self-worth and emotional growth; a woman who feels competent and "
        "caring has less reason to drink.",
        Locus.INDIVIDUAL,
        Structure.STRUCTURED,
    ),
    "lifering": (
        "Sobriety is built by strengthening each person's 'sober self'. Secular and "
        "abstinence-based: members don't drink or use, and talk about what helps, without "
        "steps, sponsors or a Higher Power.",
        Locus.INDIVIDUAL,
        Structure.OPEN,
    ),
    "recovery-dharma": (
        "Addiction is a form of suffering that can be met with meditation, wisdom and community. "
        "The programme draws on Buddhist practice without requiring belief; members find their "
        "own path.",
        Locus.INDIVIDUAL,
        Structure.STRUCTURED,
    ),
    "gamblers-anonymous": (
        "Compulsive gambling is a progressive illness that can be arrested but not cured. "
        "Members stop gambling one day at a time through the Twelve Steps and the Pressure "
        "Relief process for debts.",
        Locus.INDIVIDUAL,
        Structure.STRUCTURED,
    ),
    "overeaters-anonymous": (
        "Compulsive eating is a physical, emotional and spiritual illness. Members use the "
        "Twelve Steps, a personal plan of eating and sponsorship; OA has no diets and no "
        "weigh-ins.",
        Locus.INDIVIDUAL,
        Structure.STRUCTURED,
    ),
    "compassionate-friends": (
        "No parent, grandparent or sibling should grieve a child alone. Grief has no timetable "
        "and no right way; understanding from people who have lived the same loss is what "
        "helps most.",
        Locus.INDIVIDUAL,
        Structure.OPEN,
    ),
    "survivors-of-suicide-loss": (
        "Grief after suicide carries its own weight of questions, guilt and stigma. Survivors "
        "support each other in speaking openly about the death, and work to lift the silence "
        "around suicide in the community.",
        Locus.BOTH,
        Structure.OPEN,
    ),
    "mended-hearts": (
        "Heart patients and their families recover better with hope and practical advice from "
        "people who have been through the same surgery or diagnosis.",
        Locus.INDIVIDUAL,
        Structure.OPEN,
    ),
}


def meeting(
    days,
    start,
    end,
    where=None,
    *,
    url="",
    phone="",
    join="",
    access="open",
    types=(),
    langs=("en",),
    week=None,
    name="",
    room="",
    access_notes="",
    notes="",
    status="active",
):
    """One meeting of a group. `days`: weekday numbers, 0 = Sunday; `week`: the week of the month
    (1-4, or -1 for the last) for a monthly meeting. In person with `where`, online with `url` or
    `phone`, hybrid with both."""
    return {
        "days": days,
        "start": start,
        "end": end,
        "where": where,
        "url": url,
        "phone": phone,
        "join": join,
        "access": access,
        "types": list(types),
        "langs": list(langs),
        "week": week,
        "name": name,
        "room": room,
        "access_notes": access_notes,
        "notes": notes,
        "status": status,
    }


# Weekday numbers, as Meeting Guide counts them.
SUN, MON, TUE, WED, THU, FRI, SAT = range(7)
WEEKDAYS = [MON, TUE, WED, THU, FRI]
EVERY_DAY = [SUN, MON, TUE, WED, THU, FRI, SAT]

# ---------------------------------------------------------------------------------------------
# The groups. "verified": days since the liaison last verified the listing (None: never).
# Contacts: (first name, last name, role, email, phone[, shown on the public page]).
# ---------------------------------------------------------------------------------------------

GROUPS = [
    # --- Alcohol --------------------------------------------------------------------------
    {
        "slug": "riverside-womens-aa",
        "name": "Riverside Women's AA",
        "org": "aa",
        "focus": ["alcohol"],
        "audience": ["women", "newcomers"],
        "description": (
            "A women's Alcoholics Anonymous group that has met in Riverside since 1994. It holds "
            "an online discussion meeting on Tuesday evenings and a Saturday-morning Big Book "
            "study in St. Mark's parish hall, where coffee and conversation run well past the "
            "closing prayer."
        ),
        "who": (
            "Women of all ages, from their early twenties to their seventies. Many are mothers or "
            "grandmothers; some are in their first weeks without a drink and others have decades "
            "of sobriety. Trans and non-binary members are welcome."
        ),
        "format": (
            "Opens with the Serenity Prayer and a short reading. On Tuesdays a member suggests a "
            "topic and others share in turn for three or four minutes; on Saturdays the group "
            "reads a few pages of the Big Book aloud and discusses them. Newcomers are offered a "
            "list of phone numbers and help finding a sponsor."
        ),
        "issues": (
            "Staying sober through stress at home and at work, guilt and shame about drinking as "
            "a parent, relationships, loneliness, relapse, and rebuilding trust with family."
        ),
        "founded": 1994,
        "attendance": 18,
        "email": "riversidewomensaa@example.org",
        "verified": 62,
        "contacts": [
            ("Maria", "Gonzalez", "Group secretary", "maria.gonzalez@example.com", ""),
            (
                "Denise",
                "Park",
                "General service representative",
                "denise.park@example.com",
                "(845) 555-0141",
                False,
            ),
        ],
        "meetings": [
            meeting(
                [TUE],
                "19:00",
                "20:00",
                url="https://zoom.us/j/83917204468",
                join="Meeting ID 839 1720 4468 · Passcode: 24hours",
                types=["D", "W", "BE"],
                name="Tuesday Night Online",
                notes="Cameras optional. Please rename yourself with a first name only.",
            ),
            meeting(
                [SAT],
                "10:00",
                "11:15",
                "st-marks",
                access="closed",
                types=["B", "W", "X"],
                name="Saturday Big Book Study",
                room="Parish hall, lower level",
            ),
        ],
    },
    {
        "slug": "riverside-early-birds-aa",
        "name": "Early Birds AA",
        "org": "aa",
        "focus": ["alcohol"],
        "audience": ["newcomers"],
        "description": (
            "One of the oldest AA groups in the county: a morning meeting every day of the week at "
            "The Bridge clubhouse. The coffee is on by 6:30, and the weekday meeting ends on the "
            "dot at 8 so people can get to work."
        ),
        "who": (
            "A mixed crowd of tradespeople, nurses coming off night shift, retirees and commuters. "
            "More men than women on weekdays, more families on weekends; ages from twenties to "
            "eighties."
        ),
        "format": (
            "Weekdays: a reading from Daily Reflections, then open discussion on whatever it "
            "brings up. Weekends run an hour later and are a little looser; the first Sunday of "
            "the month usually has a speaker."
        ),
        "issues": (
            "Getting through the day sober, early recovery, cravings, work stress, sponsorship and "
            "step work, and staying connected after leaving treatment."
        ),
        "founded": 1981,
        "attendance": 25,
        "phone": "(845) 555-0102",
        "verified": 95,
        "contacts": [
            ("Frank", "DeLuca", "Treasurer", "", "(845) 555-0142"),
            ("Angela", "Whitcomb", "Secretary", "earlybirds.secretary@example.org", ""),
        ],
        "meetings": [
            meeting(
                WEEKDAYS,
                "07:00",
                "08:00",
                "bridge-clubhouse",
                types=["D", "DR"],
                name="Weekday Early Birds",
            ),
            meeting(
                [SAT, SUN],
                "08:00",
                "09:00",
                "bridge-clubhouse",
                types=["D", "DR"],
                name="Weekend Early Birds",
            ),
        ],
    },
    {
        "slug": "lakeside-thursday-big-book-aa",
        "name": "Lakeside Thursday Night Big Book Group",
        "org": "aa",
        "focus": ["alcohol"],
        "audience": [],
        "description": (
            "A serious, friendly closed study of the book Alcoholics Anonymous. The group works "
            "through the first 164 pages over about four months and then starts again. A "
            "shorter open step meeting follows on Sunday afternoons."
        ),
        "who": (
            "Mostly men and women in their thirties to sixties with some time in recovery, plus a "
            "steady trickle of people sent by their sponsors to learn the steps."
        ),
        "format": (
            "Members read a page or two aloud in turn and stop to talk about what the passage "
            "means in practice. The last fifteen minutes are open for anyone who needs to share."
        ),
        "issues": (
            "Working the steps for the first time, resentments, making amends, prayer and "
            "meditation, and what 'spiritual' means for people who aren't religious."
        ),
        "founded": 2003,
        "attendance": 14,
        "verified": 140,
        "contacts": [
            ("Glenn", "Sorensen", "Secretary", "glenn.sorensen@example.com", "(845) 555-0143"),
        ],
        "meetings": [
            meeting(
                [THU],
                "19:30",
                "21:00",
                "lakeside-presbyterian",
                access="closed",
                types=["B", "ST"],
            ),
            meeting(
                [SUN],
                "17:00",
                "18:00",
                "lakeside-presbyterian",
                types=["ST", "D"],
                name="Sunday Step Meeting",
            ),
        ],
    },
    {
        "slug": "millbrook-happy-destiny-aa",
        "name": "Happy Destiny Group",
        "org": "aa",
        "focus": ["alcohol"],
        "audience": ["newcomers"],
        "description": (
            "Millbrook's lunchtime AA meeting, three days a week in the Methodist church's lower "
            "hall, plus a speaker meeting on the last Sunday of each month that draws people from "
            "across the county and online."
        ),
        "who": (
            "Farmers, shop owners, teachers on their lunch break and retirees; a small-town crowd "
            "where people know each other, but newcomers are made a fuss of."
        ),
        "format": (
            "Lunchtime meetings are discussion meetings chaired by a different member each week. "
            "The monthly speaker meeting has one member tell their story for about half an hour, "
            "followed by sharing and a birthday cake for anyone celebrating a sobriety date."
        ),
        "issues": (
            "Isolation in a rural area, drinking and driving, family farms and family businesses, "
            "grief, and long-term sobriety."
        ),
        "founded": 1978,
        "attendance": 16,
        "verified": 188,
        "contacts": [
            ("Walt", "Hendricks", "Secretary", "", "(845) 555-0144"),
            ("Colleen", "Brady", "Speaker meeting chair", "colleen.brady@example.com", ""),
        ],
        "meetings": [
            meeting(
                [MON, WED, FRI],
                "12:00",
                "13:00",
                "millbrook-methodist",
                types=["D", "X"],
                name="Happy Destiny Lunchtime",
            ),
            meeting(
                [SUN],
                "19:00",
                "20:30",
                "millbrook-methodist",
                url="https://zoom.us/j/81246703359",
                join="Meeting ID 812 4670 3359 · Passcode: destiny",
                week=-1,
                types=["SP", "H", "X"],
                name="Last Sunday Speaker Meeting",
            ),
        ],
    },
    {
        "slug": "cedar-falls-young-peoples-aa",
        "name": "Cedar Falls Young People's AA",
        "org": "aa",
        "focus": ["alcohol"],
        "audience": ["young-people", "newcomers"],
        "description": (
            "AA for people who got sober young or want to. Friday-night meeting at the library, "
            "then usually a group trip to the diner; a shorter online meeting on Monday nights "
            "for people who can't drive."
        ),
        "who": (
            "Mostly people from 18 to 35: college students, young parents, people just out of "
            "rehab or jail. Many also had problems with drugs and talk about it openly. Older "
            "members come too."
        ),
        "format": (
            "Informal discussion. A member shares for ten minutes on a topic, then the floor is "
            "open. Phone lists are passed round at the end."
        ),
        "issues": (
            "Sober social life, dating, friends who still drink, school and first jobs, living "
            "with parents, court requirements, and staying sober at twenty-something."
        ),
        "founded": 2016,
        "attendance": 12,
        "email": "cfypaa@example.org",
        "verified": 41,
        "contacts": [
            ("Jordan", "Reyes", "Secretary", "cfypaa@example.org", ""),
        ],
        "meetings": [
            meeting(
                [FRI],
                "20:00",
                "21:00",
                "cedar-falls-library",
                types=["Y", "D", "BE"],
            ),
            meeting(
                [MON],
                "20:30",
                "21:15",
                url="https://zoom.us/j/86620417795",
                join="Meeting ID 866 2041 7795 · Passcode: ypaa",
                types=["Y", "D"],
                name="Monday Online Check-in",
            ),
        ],
    },
    {
        "slug": "grupo-nueva-vida-aa",
        "name": "Grupo Nueva Vida de AA",
        "org": "aa",
        "focus": ["alcohol"],
        "audience": ["newcomers"],
        "description": (
            "A Spanish-speaking AA group at Sacred Heart in Cedar Falls (juntas en español). "
            "Three discussion meetings a week and a Sunday speaker meeting ('junta de oradores')."
        ),
        "who": (
            "Spanish-speaking men and women, many from Mexico, Central America and the Dominican "
            "Republic; mostly working adults between 25 and 60. A few members are bilingual and "
            "can help a newcomer who is more comfortable in English."
        ),
        "format": (
            "Meetings follow the traditional Latin American AA style: members come to the podium "
            "('tribuna') and share for up to fifteen minutes. The Sunday meeting has an invited "
            "speaker, often from another Spanish-speaking group in the region."
        ),
        "issues": (
            "Machismo and drinking, work in construction and restaurants, family far away, "
            "immigration stress, domestic conflict, and reconnecting with faith."
        ),
        "founded": 2008,
        "attendance": 20,
        "phone": "(845) 555-0106",
        "verified": 77,
        "contacts": [
            ("Rigoberto", "Salas", "Servidor de información pública", "", "(845) 555-0145"),
            ("Luz", "Carrasco", "Secretaria", "", "(845) 555-0146", False),
        ],
        "meetings": [
            meeting(
                [MON, WED, FRI],
                "20:00",
                "21:30",
                "sacred-heart",
                types=["D", "BE"],
                langs=["es"],
            ),
            meeting(
                [SUN],
                "18:00",
                "19:30",
                "sacred-heart",
                types=["SP"],
                langs=["es"],
                name="Junta de oradores",
            ),
        ],
    },
    {
        "slug": "grupo-recomeco-aa",
        "name": "Grupo Recomeço (AA em português)",
        "org": "aa",
        "focus": ["alcohol"],
        "audience": [],
        "description": (
            "A small Portuguese-language AA meeting for the Brazilian and Portuguese community in "
            "and around Cedar Falls, started by three members who had been driving two hours to "
            "the nearest meeting in their language."
        ),
        "who": (
            "Portuguese-speaking adults, mostly Brazilian, working in construction, cleaning and "
            "restaurants; men and women."
        ),
        "format": (
            "A reading from AA literature in Portuguese, then sharing around the table. Members "
            "stay afterwards to help newcomers with literature and phone numbers."
        ),
        "issues": "Drinking and work culture, distance from family, loneliness, early sobriety.",
        "founded": 2019,
        "attendance": 8,
        "verified": 233,
        "contacts": [
            ("Thiago", "Moreira", "Coordenador", "", "(845) 555-0147"),
        ],
        "meetings": [
            meeting(
                [THU],
                "19:30",
                "21:00",
                "sacred-heart",
                types=["D", "LIT"],
                langs=["pt"],
                room="Sala 3, upstairs",
            ),
        ],
    },
    {
        "slug": "hands-of-hope-aa",
        "name": "Hands of Hope AA (ASL)",
        "org": "aa",
        "focus": ["alcohol"],
        "audience": [],
        "description": (
            "An AA meeting held in American Sign Language for Deaf, hard-of-hearing and "
            "signing members, in Community Room B at the Riverside library."
        ),
        "who": (
            "Deaf and hard-of-hearing adults from across the county and beyond, plus CODAs and "
            "hearing members who sign. Ages 30s to 70s."
        ),
        "format": (
            "Members sign their shares in turn; the group uses AA literature with ASL video "
            "versions on a screen. Hearing visitors who don't sign are welcome but should let "
            "the secretary know ahead of time so a volunteer can voice."
        ),
        "issues": (
            "Isolation and access to recovery, family communication, employment, and finding a "
            "sponsor who signs."
        ),
        "founded": 2012,
        "attendance": 9,
        "email": "handsofhope.aa@example.org",
        "verified": 210,
        "contacts": [
            ("Renee", "Adler", "Secretary (text only)", "handsofhope.aa@example.org", ""),
        ],
        "meetings": [
            meeting(
                [SUN],
                "14:00",
                "15:30",
                "riverside-library",
                types=["D", "X"],
                langs=["ase"],
                notes="Conducted in ASL. Contact the secretary by email or text.",
            ),
        ],
    },
    {
        "slug": "oak-hill-sunday-serenity-aa",
        "name": "Oak Hill Sunday Serenity",
        "org": "aa",
        "focus": ["alcohol"],
        "audience": [],
        "description": (
            "A quiet Sunday-morning AA meeting with an eleventh-step meditation, in a classroom of "
            "the Oak Hill Community Church, and a candlelight meeting on Wednesday evenings."
        ),
        "who": (
            "Men and women of all ages; many have a few years of sobriety and come for the "
            "meditation. A few are in the nearby sober-living house."
        ),
        "format": (
            "Fifteen minutes of guided silent meditation, a reading on the eleventh step, then "
            "discussion. The meeting keeps the lights low and phones away."
        ),
        "issues": "Spiritual practice, anxiety, patience, emotional sobriety, relationships.",
        "founded": 1999,
        "attendance": 15,
        "verified": 128,
        "contacts": [
            ("Paul", "Whitaker", "Secretary", "paul.whitaker@example.com", ""),
        ],
        "meetings": [
            meeting(
                [SUN],
                "10:00",
                "11:00",
                "oak-hill-church",
                types=["11", "MED", "D"],
            ),
            meeting(
                [WED],
                "19:30",
                "20:30",
                "oak-hill-church",
                types=["CAN", "D"],
                name="Wednesday Candlelight",
            ),
        ],
    },
    {
        "slug": "fairview-lunch-bunch-aa",
        "name": "Fairview Lunch Bunch",
        "org": "aa",
        "focus": ["alcohol"],
        "audience": ["professionals"],
        "description": (
            "A 45-minute online AA meeting every weekday at lunchtime, begun during the pandemic "
            "by members of Fairview groups and kept going because people liked it. On Saturdays "
            "the regulars meet in person at the Fairview YMCA."
        ),
        "who": (
            "People working from home or on a break: office workers, health-care staff, lawyers "
            "and teachers, with a good number of members from outside the county."
        ),
        "format": (
            "Short reading, then three-minute shares with a timer. It starts and ends on time; "
            "cameras on is encouraged but not required."
        ),
        "issues": (
            "Drinking and professional life, licensing worries, workplace stress, burnout, and "
            "keeping recovery going during a busy week."
        ),
        "founded": 2020,
        "attendance": 30,
        "verified": 56,
        "contacts": [
            ("Karen", "Liu", "Host", "lunchbunch.host@example.org", ""),
        ],
        "meetings": [
            meeting(
                WEEKDAYS,
                "12:15",
                "13:00",
                url="https://zoom.us/j/85012937766",
                phone="(845) 555-0190",
                join="Meeting ID 850 1293 7766 · Passcode: lunch",
                types=["D", "P"],
            ),
            meeting(
                [SAT],
                "12:00",
                "13:00",
                "fairview-ymca",
                types=["SP", "X"],
                name="Saturday Lunch Bunch (in person)",
                notes="Once a week the online regulars meet face to face; bring a sandwich.",
            ),
        ],
    },
    {
        "slug": "women-for-sobriety-lakeside",
        "name": "Women for Sobriety — Lakeside New Life Group",
        "org": "women-for-sobriety",
        "focus": ["alcohol", "drugs"],
        "audience": ["women"],
        "description": (
            "A Women for Sobriety group led by a certified WFS facilitator who is herself a "
            "member. Weekly in-person meeting at the community center and a monthly online "
            "meeting on the second Sunday."
        ),
        "who": (
            "Women in recovery from alcohol and other drugs, many of whom found 12-step meetings "
            "were not for them; ages 25 to 70, with a lot of working mothers."
        ),
        "format": (
            "Members read the Thirteen Acceptance Statements aloud, then go round with a 'positive "
            "of the week' and a statement they are working on, followed by open conversation. "
            "Crosstalk is welcome."
        ),
        "issues": (
            "Self-esteem, guilt, anxiety, trauma, body image, relationships, and caring for "
            "others while taking care of yourself."
        ),
        "founded": 2011,
        "attendance": 10,
        "email": "wfs.lakeside@example.org",
        "verified": 103,
        "contacts": [
            ("Beth", "Anders", "Certified facilitator", "wfs.lakeside@example.org", ""),
        ],
        "meetings": [
            meeting(
                [WED],
                "18:30",
                "20:00",
                "lakeside-community-center",
                access="closed",
                types=["W", "XT"],
            ),
            meeting(
                [SUN],
                "19:00",
                "20:00",
                url="https://zoom.us/j/87305518240",
                join="Meeting ID 873 0551 8240 · Passcode: newlife",
                access="closed",
                week=2,
                types=["W", "XT"],
                name="Second Sunday Online",
            ),
        ],
    },
    {
        "slug": "millbrook-grange-tuesday-aa",
        "name": "Grange Hall Tuesday Night Group",
        "org": "aa",
        "focus": ["alcohol"],
        "audience": ["men", "seniors"],
        "status": "inactive",
        "description": (
            "Met for more than twenty years in the Millbrook Grange hall. The group voted to "
            "close after attendance dropped to two or three people; most former members now go to "
            "the Happy Destiny Group's lunchtime meetings."
        ),
        "who": "Mostly older men from the Millbrook area.",
        "format": "Discussion meeting with a Big Book reading.",
        "issues": "Long-term sobriety, rural isolation.",
        "founded": 2001,
        "attendance": 3,
        "verified": 150,
        "contacts": [
            ("Ed", "Kowalski", "Former secretary", "", "(845) 555-0148", False),
        ],
        "meetings": [
            meeting(
                [TUE],
                "20:00",
                "21:00",
                "millbrook-grange",
                types=["D", "B"],
                status="ended",
            ),
        ],
    },
    # --- Drugs ----------------------------------------------------------------------------
    {
        "slug": "clean-and-free-na",
        "name": "Clean and Free Group of NA",
        "org": "na",
        "focus": ["drugs"],
        "audience": ["newcomers"],
        "description": (
            "Riverside's busiest Narcotics Anonymous group, meeting at The Bridge clubhouse on "
            "Tuesdays and Thursdays, with a Saturday-night speaker meeting that fills the room "
            "and a closed Basic Text study on Sunday mornings."
        ),
        "who": (
            "Men and women from their late teens to their sixties, many in their first year "
            "clean; people on medication-assisted treatment attend and are made welcome. A lot of "
            "members came through local treatment programmes or drug court."
        ),
        "format": (
            "The readings ('Who Is an Addict?', 'How It Works'), then a topic discussion. "
            "Newcomers are asked to introduce themselves by first name and are given key tags. "
            "The Saturday meeting has one speaker sharing their story for 30 to 40 minutes."
        ),
        "issues": (
            "Opioids and fentanyl, early recovery, cravings, legal and housing problems, getting "
            "children back, going back to work, and relapse."
        ),
        "founded": 1990,
        "attendance": 30,
        "phone": "(845) 555-0113",
        "verified": 84,
        "contacts": [
            ("Derek", "Huang", "Group service representative", "", "(845) 555-0149"),
            ("Shonda", "Mills", "Secretary", "cleanandfree.na@example.org", ""),
        ],
        "meetings": [
            meeting(
                [TUE, THU],
                "19:00",
                "20:30",
                "bridge-clubhouse",
                types=["D", "BE"],
            ),
            meeting(
                [SAT],
                "19:00",
                "20:30",
                "bridge-clubhouse",
                types=["SP"],
                name="Saturday Speaker Meeting",
            ),
            meeting(
                [SUN],
                "10:00",
                "11:00",
                "bridge-clubhouse",
                access="closed",
                types=["LIT", "ST"],
                name="Sunday Basic Text Study",
            ),
        ],
    },
    {
        "slug": "grupo-esperanza-na",
        "name": "Grupo Esperanza de NA",
        "org": "na",
        "focus": ["drugs"],
        "audience": [],
        "description": (
            "Narcotics Anonymous in Spanish (Narcóticos Anónimos en español), at the Lakeside "
            "Community Center on Wednesday evenings and Sunday afternoons."
        ),
        "who": (
            "Spanish-speaking adults in recovery from any drug, mostly men in their twenties to "
            "forties; families sometimes come to the Sunday meeting."
        ),
        "format": (
            "Wednesday is a discussion on a reading from Sólo por hoy; Sunday is a step study "
            "using the NA Basic Text in Spanish."
        ),
        "issues": (
            "Staying clean while working long hours, cocaine and alcohol together, immigration "
            "and legal stress, family relationships."
        ),
        "founded": 2014,
        "attendance": 11,
        "phone": "(845) 555-0114",
        "verified": 119,
        "contacts": [
            ("Héctor", "Villanueva", "Secretario", "", "(845) 555-0114"),
        ],
        "meetings": [
            meeting(
                [WED],
                "19:30",
                "21:00",
                "lakeside-community-center",
                types=["D"],
                langs=["es"],
            ),
            meeting(
                [SUN],
                "17:00",
                "18:30",
                "lakeside-community-center",
                types=["ST"],
                langs=["es"],
                name="Estudio de pasos",
            ),
        ],
    },
    {
        "slug": "just-for-today-na-cedar-falls",
        "name": "Just for Today Group (NA)",
        "org": "na",
        "focus": ["drugs"],
        "audience": ["newcomers"],
        "description": (
            "An NA group in Cedar Falls: a closed Monday meeting built around the day's reading "
            "from the Just for Today book, and an open discussion meeting on Fridays."
        ),
        "who": (
            "Men and women with anywhere from a day to twenty-plus years clean; a good mix of "
            "ages. Many members also attend the Clean and Free Group in Riverside."
        ),
        "format": (
            "A member reads the day's Just for Today entry and shares on it, then others share. "
            "Closes with the Serenity Prayer."
        ),
        "issues": "Daily recovery, sponsorship, relationships, service, and staying humble.",
        "founded": 2009,
        "attendance": 13,
        "verified": 167,
        "contacts": [
            ("Marcus", "Bell", "Secretary", "", "(845) 555-0150"),
        ],
        "meetings": [
            meeting(
                [MON],
                "19:00",
                "20:00",
                "cedar-falls-library",
                access="closed",
                types=["LIT", "D"],
            ),
            meeting(
                [FRI],
                "19:00",
                "20:00",
                "cedar-falls-library",
                types=["D", "BE"],
                name="Friday Open Discussion",
            ),
        ],
    },
    {
        "slug": "hope-without-walls-na",
        "name": "Hope Without Walls (NA online)",
        "org": "na",
        "focus": ["drugs"],
        "audience": ["newcomers"],
        "description": (
            "A nightly online NA meeting hosted by members from around the county. There is a "
            "dial-in number for people without internet, and it is popular with people in "
            "residential treatment who are allowed phone time. Weekend mornings add a speaker "
            "meeting."
        ),
        "who": (
            "Addicts of all ages, including people who live far from the meetings in town, "
            "parents with small children, shift workers and people without a car."
        ),
        "format": (
            "Standard NA readings, a topic chosen by the chair, and shares of up to four minutes. "
            "Newcomers can stay after the meeting in a breakout room to talk with members."
        ),
        "issues": (
            "Loneliness, late-night cravings, transport and childcare barriers, early recovery, "
            "and keeping going after treatment."
        ),
        "founded": 2020,
        "attendance": 22,
        "verified": 35,
        "contacts": [
            ("Nikki", "Oduya", "Host coordinator", "hopewithoutwalls@example.org", ""),
        ],
        "meetings": [
            meeting(
                EVERY_DAY,
                "21:00",
                "22:00",
                url="https://zoom.us/j/84421396052",
                phone="(845) 555-0191",
                join="Meeting ID 844 2139 6052 · Passcode: hope · By phone, press # at the prompt",
                types=["D", "BE"],
            ),
            meeting(
                [SAT, SUN],
                "10:00",
                "11:00",
                url="https://zoom.us/j/84421396053",
                phone="(845) 555-0191",
                join="Meeting ID 844 2139 6053 · Passcode: hope",
                types=["SP"],
                name="Weekend Morning Speaker",
            ),
        ],
    },
    {
        "slug": "smart-recovery-millbrook",
        "name": "SMART Recovery Millbrook",
        "org": "smart-recovery",
        "focus": ["alcohol", "drugs", "behaviours"],
        "audience": ["families"],
        "description": (
            "A SMART Recovery group for any addictive behaviour: alcohol, drugs, gambling, "
            "gaming or anything else. Monday-evening meeting at the Grange hall (also on Zoom) and "
            "a Thursday lunchtime online meeting."
        ),
        "who": (
            "Adults of all ages, many of whom tried 12-step groups and wanted something different, "
            "or are cutting down rather than quitting; people on medication-assisted treatment "
            "and family members are welcome."
        ),
        "format": (
            "Check-in round, then the facilitator builds an agenda from what people bring and the "
            "group works through it with SMART tools (cost-benefit analysis, the ABCs, urge "
            "logs). Ends with each person naming a plan for the week."
        ),
        "issues": (
            "Urges and triggers, motivation, handling lapses, boredom, anger, and building a "
            "balanced life."
        ),
        "founded": 2017,
        "attendance": 9,
        "email": "smart.millbrook@example.org",
        "verified": 48,
        "contacts": [
            ("Tom", "Brennan", "Volunteer facilitator", "smart.millbrook@example.org", ""),
            ("Leah", "Fischer", "Co-facilitator", "", "(845) 555-0151"),
        ],
        "meetings": [
            meeting(
                [MON],
                "18:00",
                "19:30",
                "millbrook-grange",
                url="https://zoom.us/j/82197740315",
                join="Meeting ID 821 9774 0315 · Passcode: smart",
                types=["XT", "A"],
            ),
            meeting(
                [THU],
                "12:00",
                "13:00",
                url="https://zoom.us/j/82197740316",
                join="Meeting ID 821 9774 0316 · Passcode: smart",
                types=["XT", "A"],
                name="Thursday Lunchtime Online",
            ),
        ],
    },
    {
        "slug": "smart-recovery-riverside-general",
        "name": "SMART Recovery at Riverside General",
        "org": "smart-recovery",
        "focus": ["alcohol", "drugs", "family"],
        "audience": ["newcomers"],
        "autonomy": Autonomy.FACILITATED,
        "description": (
            "A SMART Recovery meeting co-facilitated by an addiction counselor from the hospital "
            "and a trained volunteer in recovery. Patients leaving the hospital's detox unit are "
            "often introduced here, but the meeting is open to anyone. On Monday evenings a "
            "separate online Family & Friends meeting helps relatives."
        ),
        "who": (
            "Adults in early recovery, many recently discharged from detox or inpatient care; "
            "a mix of men and women from 20 to 70."
        ),
        "format": (
            "Check-in, a short explanation of one SMART tool, practice in pairs or as a group, "
            "and a check-out with next steps. Fairly structured, with time for questions."
        ),
        "issues": (
            "First weeks after detox, withdrawal and sleep, cravings, telling family, returning "
            "to work, and finding ongoing support."
        ),
        "founded": 2021,
        "attendance": 12,
        "phone": "(845) 555-0118",
        "verified": 27,
        "contacts": [
            ("Gwen", "Taylor", "Addiction counselor (co-facilitator)", "", "(845) 555-0118"),
            ("Ray", "Santos", "Volunteer facilitator", "ray.santos@example.com", "", False),
        ],
        "meetings": [
            meeting(
                [WED],
                "17:30",
                "19:00",
                "riverside-general",
                types=["BE", "XT"],
            ),
            meeting(
                [MON],
                "18:00",
                "19:30",
                url="https://zoom.us/j/88401772519",
                join="Meeting ID 884 0177 2519 · Passcode: family",
                name="SMART Family & Friends (online)",
                notes="For relatives and friends of someone with an addiction (CRAFT approach).",
            ),
        ],
    },
    {
        "slug": "second-chance-cma",
        "name": "Second Chance CMA",
        "org": "cma",
        "focus": ["drugs"],
        "audience": ["lgbtq"],
        "description": (
            "An online Crystal Meth Anonymous meeting on Friday nights, the only CMA meeting in "
            "the county. Many members are gay and bisexual men, and everyone is welcome."
        ),
        "who": (
            "Mostly men in their thirties to fifties, many from the LGBTQ+ community; some "
            "women. People join from across the region."
        ),
        "format": "CMA readings, a topic share by the chair, then open sharing.",
        "issues": (
            "Meth and sex, shame, HIV and health, psychosis after using, sleep, and rebuilding "
            "a social life without chemsex."
        ),
        "founded": 2018,
        "attendance": 10,
        "verified": 405,
        "contacts": [
            ("Chris", "Vaughn", "Secretary", "secondchance.cma@example.org", ""),
        ],
        "meetings": [
            meeting(
                [FRI],
                "19:00",
                "20:00",
                url="https://zoom.us/j/89930124417",
                join="Meeting ID 899 3012 4417 · Passcode: tina",
                types=["D", "LGBTQ"],
            ),
        ],
    },
    {
        "slug": "fairview-marijuana-anonymous",
        "name": "Fairview Marijuana Anonymous",
        "org": "ma",
        "focus": ["drugs"],
        "audience": ["young-people"],
        "status": "pending",
        "description": (
            "A new Marijuana Anonymous meeting started this year by a few members who wanted a "
            "meeting focused on cannabis. Submitted by the group; the liaison has not yet been "
            "able to visit."
        ),
        "who": "So far mostly people in their twenties and thirties.",
        "format": "MA readings and a discussion on one of the Twelve Steps.",
        "issues": (
            "Daily use since adolescence, motivation, anxiety and sleep after stopping, and "
            "friends and partners who still smoke."
        ),
        "founded": 2026,
        "attendance": 5,
        "verified": None,
        "contacts": [
            ("Sky", "Donnelly", "Founder", "fairview.ma@example.org", ""),
        ],
        "meetings": [
            meeting(
                [TUE],
                "19:00",
                "20:00",
                "fairview-ymca",
                types=["D", "BE"],
            ),
        ],
    },
    {
        "slug": "lifering-oak-hill",
        "name": "LifeRing Oak Hill",
        "org": "lifering",
        "focus": ["alcohol", "drugs"],
        "audience": [],
        "description": (
            "A secular, abstinence-based LifeRing meeting for people who want to stay off alcohol "
            "and other drugs without the religious language of 12-step groups. Tuesday evenings "
            "in Oak Hill and Saturday mornings online."
        ),
        "who": (
            "Adults from their twenties to their seventies, including scientists, atheists and "
            "people who simply prefer a conversation. Some also go to AA or SMART."
        ),
        "format": (
            "'How was your week?': each person talks about the past week and the week ahead, and "
            "others respond. Crosstalk is part of the format."
        ),
        "issues": "Practical sobriety, relationships, work, health, and planning for risky times.",
        "founded": 2015,
        "attendance": 7,
        "verified": 260,
        "contacts": [
            ("Ingrid", "Nakamura", "Convenor", "lifering.oakhill@example.org", ""),
        ],
        "meetings": [
            meeting(
                [TUE],
                "19:00",
                "20:15",
                "oak-hill-church",
                types=["A", "XT"],
            ),
            meeting(
                [SAT],
                "10:00",
                "11:00",
                url="https://zoom.us/j/89145530078",
                join="Meeting ID 891 4553 0078 · Passcode: sober",
                types=["A", "XT"],
                name="Saturday Online",
            ),
        ],
    },
    {
        "slug": "recovery-dharma-lakeside",
        "name": "Recovery Dharma Lakeside",
        "org": "recovery-dharma",
        "focus": ["alcohol", "drugs", "behaviours"],
        "audience": [],
        "description": (
            "A peer-led Recovery Dharma meeting that uses meditation and Buddhist principles to "
            "recover from addiction of any kind. The Sunday meeting is in Lakeside and on Zoom "
            "at the same time; a shorter online meditation meeting runs on Wednesdays."
        ),
        "who": (
            "Men and women, many in their thirties and forties, with histories of alcohol, drug, "
            "food, sex or screen addiction; a mix of experienced meditators and people who have "
            "never sat before."
        ),
        "format": (
            "A 20-minute guided meditation, a reading from the Recovery Dharma book, then "
            "sharing without crosstalk. Ends with a dedication of merit."
        ),
        "issues": "Craving, self-compassion, trauma, and living with uncertainty.",
        "founded": 2019,
        "attendance": 11,
        "verified": 150,
        "contacts": [
            ("Ethan", "Park", "Group contact", "rd.lakeside@example.org", ""),
        ],
        "meetings": [
            meeting(
                [SUN],
                "18:00",
                "19:30",
                "lakeside-community-center",
                url="https://zoom.us/j/87766240091",
                join="Meeting ID 877 6624 0091 · Passcode: sangha",
                types=["MED", "LIT"],
            ),
            meeting(
                [WED],
                "19:00",
                "20:15",
                url="https://zoom.us/j/87766240092",
                join="Meeting ID 877 6624 0092 · Passcode: sangha",
                types=["MED"],
                name="Wednesday Online Meditation",
            ),
        ],
    },
    # --- Mental health ---------------------------------------------------------------------
    {
        "slug": "nami-connection-riverside",
        "name": "NAMI Connection Recovery Support Group — Riverside",
        "org": "nami",
        "focus": ["mental-health"],
        "audience": [],
        "description": (
            "A NAMI Connection group for adults living with any mental health condition, led by "
            "trained facilitators who live with mental illness themselves. Meets Thursday "
            "evenings at the Riverside library and Tuesday lunchtimes online."
        ),
        "who": (
            "Adults 18 and over living with depression, bipolar disorder, schizophrenia, anxiety, "
            "PTSD and other conditions; men and women, many in their thirties to fifties."
        ),
        "format": (
            "Follows the NAMI Connection model: the group reads its principles, each person "
            "checks in, and the group picks one or two concerns to talk through together. "
            "No advice-giving about medication."
        ),
        "issues": (
            "Symptoms and coping skills, side effects, work and benefits, stigma, relationships, "
            "and hospital stays."
        ),
        "founded": 2010,
        "attendance": 10,
        "email": "connection.riverside@example.org",
        "verified": 71,
        "contacts": [
            ("Tanya", "Morrison", "Facilitator", "connection.riverside@example.org", ""),
            ("Ben", "Okafor", "Facilitator", "", "(845) 555-0152", False),
        ],
        "meetings": [
            meeting(
                [THU],
                "18:30",
                "20:00",
                "riverside-library",
                access="closed",
                types=["D"],
            ),
            meeting(
                [TUE],
                "12:00",
                "13:15",
                url="https://zoom.us/j/82049966130",
                phone="(845) 555-0194",
                join="Meeting ID 820 4996 6130 · Passcode: connect",
                access="closed",
                name="Tuesday Midday Online",
            ),
        ],
    },
    {
        "slug": "nami-family-support-riverside",
        "name": "NAMI Family Support Group — Riverside",
        "org": "nami",
        "focus": ["mental-health", "family"],
        "audience": ["families", "parents"],
        "description": (
            "A free, confidential NAMI Family Support Group for family members, partners and "
            "friends of people living with mental illness. Meets on the first Monday of the "
            "month at the Riverside library and online on the third Monday."
        ),
        "who": (
            "Parents, spouses, adult children and siblings of people with serious mental illness. "
            "Most are in their forties to seventies; some have been coming for years, others "
            "are facing a first hospitalisation."
        ),
        "format": (
            "Two trained family facilitators follow NAMI's structured model: a reading of the "
            "principles of support, a check-in, then focused discussion of the concerns people "
            "bring. Information about local services and NAMI's Family-to-Family class is shared "
            "at the end."
        ),
        "issues": (
            "A loved one's refusal of treatment, crisis and hospitalisation, involuntary "
            "commitment, HIPAA and talking to providers, housing, guardianship, and caregiver "
            "burnout."
        ),
        "founded": 2005,
        "attendance": 12,
        "email": "familysupport.riverside@example.org",
        "phone": "(845) 555-0124",
        "verified": 350,
        "contacts": [
            ("Maria", "Gonzalez", "Family facilitator", "familysupport.riverside@example.org", ""),
            ("Howard", "Feld", "Family facilitator", "", "(845) 555-0124"),
        ],
        "meetings": [
            meeting(
                [MON],
                "19:00",
                "20:30",
                "riverside-library",
                access="closed",
                week=1,
                name="First Monday, in person",
            ),
            meeting(
                [MON],
                "19:00",
                "20:30",
                url="https://zoom.us/j/84006713328",
                join="Register by email for the link; passcode sent on the day",
                access="closed",
                week=3,
                name="Third Monday, online",
            ),
        ],
    },
    {
        "slug": "nami-grupo-familiar-cedar-falls",
        "name": "Grupo de Apoyo Familiar de NAMI — Cedar Falls (en español)",
        "org": "nami",
        "focus": ["mental-health", "family"],
        "audience": ["families"],
        "description": (
            "NAMI's family support group in Spanish, for relatives of people living with mental "
            "illness. Meets monthly on the second Saturday morning at Sacred Heart."
        ),
        "who": (
            "Spanish-speaking parents, grandparents, spouses and siblings, many of whom are "
            "navigating the mental health system for the first time."
        ),
        "format": (
            "Facilitated in Spanish by two bilingual NAMI-trained family members, following the "
            "NAMI support group model. Coffee and pan dulce."
        ),
        "issues": (
            "Understanding diagnoses, stigma in the family and community, getting care in "
            "Spanish, insurance and immigration worries, and caring for a loved one at home."
        ),
        "founded": 2018,
        "attendance": 9,
        "phone": "(845) 555-0125",
        "verified": 97,
        "contacts": [
            ("Graciela", "Ortiz", "Facilitadora", "", "(845) 555-0125"),
        ],
        "meetings": [
            meeting(
                [SAT],
                "10:00",
                "11:30",
                "sacred-heart",
                access="closed",
                week=2,
                langs=["es"],
            ),
        ],
    },
    {
        "slug": "dbsa-lakeside",
        "name": "DBSA Lakeside Chapter",
        "org": "dbsa",
        "focus": ["mental-health"],
        "audience": ["newcomers", "families"],
        "description": (
            "The county's Depression and Bipolar Support Alliance chapter: a weekly peer support "
            "group in Lakeside on Tuesday evenings and Thursday lunchtimes and, on the last "
            "Sunday of the month, an online group for family and friends."
        ),
        "who": (
            "Adults living with depression or bipolar disorder, from college students to "
            "retirees. The friends-and-family group is mostly parents and partners."
        ),
        "format": (
            "Peer facilitators open with the group guidelines, then a check-in round in which "
            "everyone says how their week has been on a scale of 1 to 10; the rest of the time "
            "follows what comes up. Members often share resources and book suggestions."
        ),
        "issues": (
            "Mood episodes, medication changes, sleep, work and disability, suicidal thoughts "
            "and safety planning, relationships, and hope."
        ),
        "founded": 2001,
        "attendance": 14,
        "email": "dbsa.lakeside@example.org",
        "website": "https://dbsa-lakeside.example.org/",
        "verified": 33,
        "contacts": [
            ("Janet", "Okafor", "Chapter president", "dbsa.lakeside@example.org", ""),
            ("Victor", "Ames", "Facilitator", "", "(845) 555-0153"),
        ],
        "meetings": [
            meeting(
                [TUE],
                "19:00",
                "20:30",
                "lakeside-presbyterian",
                access="closed",
                types=["D"],
            ),
            meeting(
                [SUN],
                "16:00",
                "17:30",
                url="https://zoom.us/j/81540027791",
                join="Meeting ID 815 4002 7791 · Passcode: family",
                week=-1,
                name="Friends & Family Group (online)",
            ),
            meeting(
                [THU],
                "12:30",
                "14:00",
                "lakeside-community-center",
                access="closed",
                types=["D"],
                name="Thursday Daytime Group",
            ),
        ],
    },
    {
        "slug": "dbsa-riverside-evening-online",
        "name": "DBSA Riverside Evening Online Group",
        "org": "dbsa",
        "focus": ["mental-health"],
        "audience": ["young-people"],
        "description": (
            "An online DBSA peer group twice a week in the evening, started for people who can't "
            "get to Lakeside or who find an in-person group too much on a bad day."
        ),
        "who": (
            "Adults living with depression or bipolar disorder; the Thursday group skews younger "
            "(students and people in their twenties)."
        ),
        "format": (
            "Check-in, then open discussion; participants can use the chat instead of speaking. "
            "A facilitator stays on afterwards for anyone who is struggling."
        ),
        "issues": (
            "Depression, hypomania and mania, isolation, study and work, medication, and "
            "self-care routines."
        ),
        "founded": 2021,
        "attendance": 12,
        "verified": 118,
        "contacts": [
            ("Omar", "Haddad", "Facilitator", "dbsa.riverside.online@example.org", ""),
        ],
        "meetings": [
            meeting(
                [MON, THU],
                "20:00",
                "21:00",
                url="https://zoom.us/j/83385016624",
                join="Meeting ID 833 8501 6624 · Passcode: dbsa",
                access="closed",
            ),
        ],
    },
    {
        "slug": "grow-riverside",
        "name": "GROW Group — Riverside",
        "org": "grow",
        "focus": ["mental-health"],
        "audience": [],
        "description": (
            "A GROW group that has met on Wednesday evenings for over fifteen years. Members "
            "follow GROW's written programme and support each other between meetings."
        ),
        "who": (
            "Men and women with a history of depression, anxiety or psychiatric hospitalisation, "
            "mostly in their forties and fifties; several long-standing members act as "
            "organisers and recorders."
        ),
        "format": (
            "A set two-hour structure: reading from the Blue Book, personal testimonies, "
            "progress reports on last week's tasks, problem-solving for one or two members, new "
            "practical tasks, and a closing prayer or reflection. Tea and a chat afterwards."
        ),
        "issues": (
            "Low mood, worry, loneliness, daily routines, getting back to work or volunteering, "
            "and relationships with family."
        ),
        "founded": 2009,
        "attendance": 8,
        "verified": 146,
        "contacts": [
            ("Linda", "Corrigan", "Organiser", "", "(845) 555-0154"),
        ],
        "meetings": [
            meeting(
                [WED],
                "19:00",
                "21:00",
                "st-marks",
                room="Library room, first floor",
            ),
        ],
    },
    {
        "slug": "grow-fairview",
        "name": "GROW Group — Fairview",
        "org": "grow",
        "focus": ["mental-health"],
        "audience": [],
        "description": (
            "A daytime GROW group at the Fairview YMCA for people who find evening meetings "
            "hard to manage."
        ),
        "who": (
            "Adults living with long-term mental health problems, several of whom attend the day "
            "programme nearby; ages 25 to 65."
        ),
        "format": (
            "The standard GROW meeting: readings, testimonies, progress reports and practical "
            "tasks, with a fifteen-minute break halfway."
        ),
        "issues": "Structure in the day, confidence, anxiety, budgeting, and friendship.",
        "founded": 2014,
        "attendance": 7,
        "verified": 201,
        "contacts": [
            ("Dorothy", "Meade", "Recorder", "", "(845) 555-0155"),
        ],
        "meetings": [
            meeting([MON], "13:00", "15:00", "fairview-ymca"),
        ],
    },
    {
        "slug": "recovery-international-millbrook",
        "name": "Recovery International — Millbrook",
        "org": "recovery-international",
        "focus": ["mental-health"],
        "audience": ["seniors"],
        "description": (
            "Recovery International meetings that teach the Recovery Method for managing "
            "anxiety, panic, anger and depression through everyday examples: Thursday mornings "
            "in Millbrook and Monday evenings online."
        ),
        "who": (
            "Mostly older adults, many of them long-time members, plus younger people referred "
            "by therapists for anxiety and panic."
        ),
        "format": (
            "Highly structured: a reading from Dr. Low's book, then members give 'examples' in "
            "four steps (the event, the symptoms, how they spotted them using the Method, and "
            "how they would have reacted before), followed by group comments and a question "
            "period."
        ),
        "issues": (
            "Panic attacks, worry, temper, fearful thoughts, perfectionism and everyday "
            "frustrations."
        ),
        "founded": 1987,
        "attendance": 8,
        "verified": 274,
        "contacts": [
            ("Ruth", "Albrecht", "Leader", "ri.millbrook@example.org", ""),
        ],
        "meetings": [
            meeting([THU], "10:30", "12:00", "millbrook-methodist"),
            meeting(
                [MON],
                "19:00",
                "20:30",
                url="https://zoom.us/j/87713390264",
                join="Meeting ID 877 1339 0264 · Passcode: method",
                name="Monday Evening Online",
            ),
        ],
    },
    {
        "slug": "emotions-anonymous-oak-hill",
        "name": "Emotions Anonymous — Oak Hill",
        "org": "emotions-anonymous",
        "focus": ["mental-health"],
        "audience": ["seniors"],
        "description": (
            "A Saturday-morning Emotions Anonymous group using the Twelve Steps for emotional "
            "difficulties. The last listing check was well over a year ago."
        ),
        "who": "Men and women in middle age and older; a small, close group.",
        "format": "Reading of the EA Twelve Steps and 'Just for Today', then sharing in turn.",
        "issues": "Anxiety, depression, resentment, grief, fear, and self-acceptance.",
        "founded": 2006,
        "attendance": 6,
        "verified": 455,
        "contacts": [
            ("Carol", "Jennings", "Contact", "", "(845) 555-0156"),
        ],
        "meetings": [
            meeting([SAT], "09:30", "10:45", "oak-hill-church", types=["ST", "LIT"]),
        ],
    },
    {
        "slug": "riverside-hearing-voices",
        "name": "Riverside Hearing Voices Group",
        "org": "hearing-voices",
        "focus": ["mental-health"],
        "audience": [],
        "description": (
            "A peer-led Hearing Voices group: a safe place to talk about voices, visions and "
            "other unusual experiences without having them judged or explained away."
        ),
        "who": (
            "Adults who hear voices or have other unusual perceptions or beliefs, with or "
            "without a diagnosis; some take medication and some do not."
        ),
        "format": (
            "Two peer facilitators. After agreeing the group's ground rules, members talk about "
            "whatever they want; people are free to just listen. No clinical staff attend."
        ),
        "issues": (
            "What voices say and mean, coping strategies, distressing beliefs, trauma, "
            "relationships with services, and feeling understood."
        ),
        "founded": 2017,
        "attendance": 6,
        "verified": 122,
        "contacts": [
            ("Sam", "Whitfield", "Peer facilitator", "hearingvoices.riverside@example.org", ""),
        ],
        "meetings": [
            meeting(
                [FRI],
                "14:00",
                "15:30",
                "riverside-library",
                access="closed",
                room="Small study room 3",
            ),
        ],
    },
    {
        "slug": "psychosis-peer-support-lakeside",
        "name": "Schizophrenia & Psychosis Peer Support — Lakeside",
        "org": "sczaction",
        "focus": ["mental-health"],
        "audience": ["young-people"],
        "description": (
            "A monthly online peer support group for people living with schizophrenia, "
            "schizoaffective disorder or other psychosis."
        ),
        "who": "Adults living with psychosis, mostly in their twenties to forties.",
        "format": (
            "Welcome and guidelines, a round of introductions, then a topic chosen by the group "
            "the month before. Short and relaxed."
        ),
        "issues": (
            "Medication side effects, voices and paranoia, stigma, work and school, and dating."
        ),
        "founded": 2022,
        "attendance": 6,
        "verified": 186,
        "contacts": [
            ("Devon", "Price", "Facilitator", "psychosispeers.lakeside@example.org", ""),
        ],
        "meetings": [
            meeting(
                [WED],
                "18:30",
                "19:45",
                url="https://meet.example.org/lakeside-peers",
                phone="(845) 555-0192",
                join="PIN 4417 for the dial-in",
                access="closed",
                week=2,
            ),
        ],
    },
    {
        "slug": "young-adults-anxiety-fairview",
        "name": "Anxious Minds: Young Adults' Anxiety Support",
        "org": None,
        "focus": ["mental-health"],
        "audience": ["young-people"],
        "description": (
            "An independent peer group for young adults dealing with anxiety, started by three "
            "friends who met in a waiting room. Meets at the Fairview YMCA and on Zoom at the "
            "same time, so people can join from home on hard days."
        ),
        "who": (
            "People aged 18 to 30: students, young workers, people living with their parents. "
            "Mixed genders; a lot of members are LGBTQ+."
        ),
        "format": (
            "A short grounding exercise, a check-in, then discussion of a theme (panic, social "
            "anxiety, sleep, phones). Anyone can pass. Every few months a local therapist is "
            "invited to answer questions."
        ),
        "issues": (
            "Panic attacks, social anxiety, school and job interviews, health anxiety, "
            "avoidance, and talking to family about mental health."
        ),
        "problem_locus": Locus.INDIVIDUAL,
        "format_structure": Structure.OPEN,
        "philosophy": (
            "Anxiety is common and treatable, and talking with peers who understand takes away "
            "some of its power. The group is a complement to professional help, not a "
            "substitute for it."
        ),
        "founded": 2022,
        "attendance": 11,
        "email": "anxiousminds.fairview@example.org",
        "verified": 64,
        "contacts": [
            ("Priya", "Natarajan", "Co-founder", "anxiousminds.fairview@example.org", ""),
            ("Liam", "O'Connell", "Co-founder", "", "(845) 555-0157"),
        ],
        "meetings": [
            meeting(
                [THU],
                "18:00",
                "19:15",
                "fairview-ymca",
                url="https://zoom.us/j/86137729054",
                join="Meeting ID 861 3772 9054 · Passcode: breathe",
                types=["Y", "XT"],
            ),
        ],
    },
    {
        "slug": "lakeside-postpartum-circle",
        "name": "Lakeside Postpartum Support Circle",
        "org": None,
        "focus": ["mental-health", "medical"],
        "audience": ["parents", "women"],
        "autonomy": Autonomy.FACILITATED,
        "description": (
            "A support circle for new and expecting parents struggling with postpartum "
            "depression, anxiety or just the shock of a new baby, facilitated by a perinatal "
            "nurse and a peer mother. Babies in arms are welcome. Monday mornings in person "
            "(English and Spanish) and a Thursday evening online group."
        ),
        "who": (
            "Mothers and birthing parents in pregnancy and the first two years after birth; "
            "partners come to the online group now and then. Many members are "
            "Spanish-speaking."
        ),
        "format": (
            "Introductions with baby's age, then open sharing. The facilitators share "
            "information about local resources and check in privately with anyone who seems to "
            "be in crisis."
        ),
        "issues": (
            "Postpartum depression and anxiety, intrusive thoughts, sleep deprivation, feeding, "
            "birth trauma, identity changes, partners, and returning to work."
        ),
        "problem_locus": Locus.BOTH,
        "format_structure": Structure.OPEN,
        "philosophy": (
            "Perinatal mood and anxiety disorders are common, temporary and treatable, and they "
            "are not the parent's fault. Isolation makes them worse; community, rest and help "
            "make them better."
        ),
        "founded": 2016,
        "attendance": 9,
        "email": "postpartum.lakeside@example.org",
        "phone": "(845) 555-0136",
        "verified": 44,
        "contacts": [
            ("Alicia", "Fuentes", "Peer facilitator", "postpartum.lakeside@example.org", ""),
            ("Megan", "Cross", "Perinatal nurse (facilitator)", "", "(845) 555-0136"),
        ],
        "meetings": [
            meeting(
                [MON],
                "10:00",
                "11:30",
                "lakeside-community-center",
                types=["CF", "W"],
                langs=["en", "es"],
                notes="Strollers fit through the side door. Changing table in the restroom.",
            ),
            meeting(
                [THU],
                "20:00",
                "21:00",
                url="https://zoom.us/j/82271450038",
                join="Meeting ID 822 7145 0038 · Passcode: newborn",
                name="Thursday Evening Online",
            ),
        ],
    },
    {
        "slug": "riverside-peer-wellness",
        "name": "Peer Wellness Group at Riverside Community Mental Health",
        "org": None,
        "focus": ["mental-health", "co-occurring"],
        "audience": [],
        "autonomy": Autonomy.AGENCY_HOSTED,
        "description": (
            "A drop-in peer programme hosted by Riverside Community Mental Health and run by two "
            "certified peer specialists. You don't need to be a client of the agency to come. "
            "Wednesday afternoons are a WRAP group; Friday mornings are an informal coffee hour."
        ),
        "who": (
            "Adults living with mental health and substance use challenges, many of whom also "
            "use the agency's services; all ages from 18 up."
        ),
        "format": (
            "Each week has a wellness theme from WRAP (Wellness Recovery Action Plan): triggers, "
            "early warning signs, daily maintenance, crisis planning. Short presentation, then "
            "discussion and personal planning."
        ),
        "issues": (
            "Daily wellness routines, recognising warning signs, crisis plans, housing, "
            "benefits, loneliness, and hope."
        ),
        "problem_locus": Locus.BOTH,
        "format_structure": Structure.STRUCTURED,
        "philosophy": (
            "Recovery is a personal journey towards a life of one's own choosing; lived "
            "experience is expertise, and people do best when they have tools and a plan of "
            "their own."
        ),
        "founded": 2019,
        "attendance": 10,
        "phone": "(845) 555-0137",
        "verified": 29,
        "contacts": [
            ("Kendra", "Hollis", "Certified peer specialist", "", "(845) 555-0137"),
        ],
        "meetings": [
            meeting([WED], "14:00", "15:00", "riverside-cmh", types=["D"]),
            meeting(
                [FRI],
                "10:00",
                "11:00",
                "riverside-cmh",
                types=["D"],
                name="Friday Coffee & Connection",
            ),
        ],
    },
    {
        "slug": "millbrook-veterans-peer-circle",
        "name": "Millbrook Veterans' Peer Circle",
        "org": None,
        "focus": ["mental-health", "co-occurring"],
        "audience": ["veterans", "men"],
        "description": (
            "An independent peer group for veterans, started by members of the local VFW post. "
            "Coffee, straight talk and practical help with the VA; on the first Saturday of the "
            "month a breakfast to which families are invited."
        ),
        "who": (
            "Veterans of all branches and eras, from Vietnam to recent deployments; mostly men, "
            "a few women. Many live with PTSD, some are in recovery from alcohol."
        ),
        "format": (
            "Informal circle. A round of 'what's on your mind', then whoever needs the time gets "
            "it. A member who is a VA peer support specialist stays after for benefits "
            "questions."
        ),
        "issues": (
            "PTSD, sleep and nightmares, anger, drinking, moral injury, transition to civilian "
            "life, VA claims, and suicide prevention."
        ),
        "problem_locus": Locus.BOTH,
        "format_structure": Structure.OPEN,
        "philosophy": (
            "Veterans understand veterans. The group takes care of its own, encourages members "
            "to use the care they earned, and believes that asking for help is part of the "
            "mission, not a failure."
        ),
        "founded": 2013,
        "attendance": 13,
        "phone": "(845) 555-0138",
        "verified": 91,
        "contacts": [
            ("Ray", "Dombrowski", "Organizer (US Army, retired)", "", "(845) 555-0138"),
            ("Tasha", "Greene", "Peer mentor", "tasha.greene@example.com", "", False),
        ],
        "meetings": [
            meeting([TUE], "18:00", "19:30", "millbrook-grange", types=["D"]),
            meeting(
                [SAT],
                "08:30",
                "10:00",
                "millbrook-grange",
                week=1,
                types=["BRK"],
                name="First Saturday Breakfast (families welcome)",
            ),
        ],
    },
    # --- Co-occurring disorders ----------------------------------------------------------
    {
        "slug": "double-trouble-riverside",
        "name": "Double Trouble in Recovery — Riverside",
        "org": "double-trouble",
        "focus": ["co-occurring"],
        "audience": [],
        "description": (
            "A Double Trouble in Recovery meeting for people living with both mental illness and "
            "addiction, at The Bridge clubhouse on Monday afternoons."
        ),
        "who": (
            "Adults with a psychiatric diagnosis and a substance use history; many live in "
            "supported housing or attend day programmes nearby."
        ),
        "format": (
            "DTR readings and the Twelve Steps, then sharing. Members can talk about medication "
            "and symptoms freely, which is why many prefer it to other 12-step meetings."
        ),
        "issues": (
            "Taking medication while in recovery, hearing 'you're not really sober', symptoms "
            "that trigger use, hospitalisation, and housing."
        ),
        "founded": 2007,
        "attendance": 11,
        "verified": 59,
        "contacts": [
            ("Anthony", "Russo", "Secretary", "", "(845) 555-0158"),
        ],
        "meetings": [
            meeting([MON], "13:00", "14:00", "bridge-clubhouse", types=["DD", "D"]),
        ],
    },
    {
        "slug": "double-trouble-lakeside",
        "name": "Double Trouble in Recovery — Lakeside",
        "org": "double-trouble",
        "focus": ["co-occurring"],
        "audience": [],
        "description": (
            "An evening Double Trouble meeting in Lakeside, working one step each month."
        ),
        "who": (
            "Men and women with co-occurring disorders, from their twenties to sixties; "
            "several members are more at home in Spanish."
        ),
        "format": "Step-study format: reading of the step of the month, then discussion.",
        "issues": "Dual recovery, medication, relapse prevention, anger, family relationships.",
        "founded": 2015,
        "attendance": 8,
        "verified": 175,
        "contacts": [
            ("Michelle", "Tran", "Secretary", "dtr.lakeside@example.org", ""),
        ],
        "meetings": [
            meeting(
                [THU],
                "18:00",
                "19:00",
                "lakeside-community-center",
                types=["DD", "ST"],
                langs=["en", "es"],
                notes="The secretary is bilingual; members may share in English or Spanish.",
            ),
        ],
    },
    {
        "slug": "dual-recovery-anonymous-fairview",
        "name": "Dual Recovery Anonymous — Fairview",
        "org": "dual-recovery-anonymous",
        "focus": ["co-occurring"],
        "audience": [],
        "description": (
            "An online Dual Recovery Anonymous meeting on Saturday mornings. Listed by a member "
            "some time ago; it has not been re-verified since."
        ),
        "who": "Adults in dual recovery from chemical dependency and psychiatric illness.",
        "format": "DRA readings, the Twelve Steps of dual recovery, sharing.",
        "issues": "Two recoveries at once, medication, stigma, daily structure.",
        "founded": 2016,
        "attendance": 6,
        "verified": 700,
        "contacts": [
            ("Gary", "Lindgren", "Contact", "dra.fairview@example.org", ""),
        ],
        "meetings": [
            meeting(
                [SAT],
                "11:00",
                "12:00",
                url="https://zoom.us/j/89812204473",
                join="Meeting ID 898 1220 4473 · Passcode: dual",
                types=["DD"],
            ),
        ],
    },
    {
        "slug": "out-in-recovery-riverside",
        "name": "Out in Recovery — Riverside",
        "org": None,
        "focus": ["alcohol", "drugs", "co-occurring"],
        "audience": ["lgbtq", "transgender"],
        "description": (
            "An independent recovery group by and for LGBTQ+ people, open to any path: 12-step, "
            "SMART, medication-assisted treatment, harm reduction on the way to recovery. Meets "
            "at The Bridge and online at the same time."
        ),
        "who": (
            "Lesbian, gay, bisexual, transgender, queer and questioning adults and non-binary "
            "people, ages 20 to 65, in recovery from alcohol and drugs; many also live with "
            "depression, anxiety or trauma."
        ),
        "format": (
            "A welcome with names and pronouns, a short reading chosen by the chair (from any "
            "recovery tradition), then open sharing with respectful crosstalk. The Wednesday "
            "check-in at the library is shorter and more informal."
        ),
        "issues": (
            "Coming out and family rejection, minority stress, chemsex and party drugs, gender "
            "transition and recovery, finding affirming care, and sober community."
        ),
        "problem_locus": Locus.BOTH,
        "format_structure": Structure.OPEN,
        "philosophy": (
            "Substance use in LGBTQ+ communities is shaped by stigma and exclusion as well as "
            "individual struggle. Recovery happens in a community where members don't have to "
            "hide any part of who they are; every pathway to recovery is respected."
        ),
        "founded": 2018,
        "attendance": 14,
        "email": "outinrecovery@example.org",
        "verified": 52,
        "contacts": [
            ("Alex", "Romero", "Co-chair (they/them)", "outinrecovery@example.org", ""),
            ("Jamie", "Sutter", "Co-chair", "", "(845) 555-0159"),
        ],
        "meetings": [
            meeting(
                [FRI],
                "19:00",
                "20:30",
                "bridge-clubhouse",
                url="https://zoom.us/j/85561309927",
                join="Meeting ID 855 6130 9927 · Passcode: pride",
                types=["LGBTQ", "T", "XT"],
            ),
            meeting(
                [WED],
                "18:30",
                "19:45",
                "riverside-library",
                types=["LGBTQ", "D"],
                name="Midweek Check-in",
            ),
        ],
    },
    # --- Family members and friends -----------------------------------------------------
    {
        "slug": "serenity-seekers-al-anon",
        "name": "Serenity Seekers Al-Anon Family Group",
        "org": "al-anon",
        "focus": ["family", "alcohol"],
        "audience": ["families"],
        "description": (
            "Al-Anon for people affected by someone else's drinking: a Monday-evening meeting in "
            "St. Mark's parish hall, a Thursday lunchtime meeting online, and a Saturday-morning "
            "meeting especially for newcomers."
        ),
        "who": (
            "Spouses and partners, parents of adult children, adult children of alcoholics and "
            "friends; mostly women, a growing number of men. Ages 25 to 80."
        ),
        "format": (
            "The Al-Anon welcome and suggested closing, a reading from Courage to Change, and a "
            "topic discussion. No crosstalk; members talk about themselves, not the drinker."
        ),
        "issues": (
            "Living with active drinking, worry and control, boundaries, anger, whether to stay "
            "or leave, children, and taking care of oneself."
        ),
        "founded": 1986,
        "attendance": 15,
        "verified": 112,
        "contacts": [
            ("Joan", "McAllister", "Group representative", "serenityseekers@example.org", ""),
            ("Phil", "Garber", "Secretary", "", "(845) 555-0160", False),
        ],
        "meetings": [
            meeting(
                [MON],
                "19:30",
                "20:30",
                "st-marks",
                access="closed",
                types=["LIT", "D"],
            ),
            meeting(
                [THU],
                "12:00",
                "13:00",
                url="https://zoom.us/j/81774592206",
                join="Meeting ID 817 7459 2206 · Passcode: courage",
                access="closed",
                types=["LIT", "D"],
                name="Thursday Lunchtime Online",
            ),
            meeting(
                [SAT],
                "09:00",
                "10:00",
                "st-marks",
                types=["BE", "LIT"],
                name="Saturday Newcomers' Meeting",
                notes="Newcomers can ask for a member to sit with them and explain the literature.",
            ),
        ],
    },
    {
        "slug": "lakeside-al-anon-alateen",
        "name": "Lakeside Al-Anon and Alateen",
        "org": "al-anon",
        "focus": ["family", "alcohol"],
        "audience": ["families", "teens"],
        "description": (
            "An Al-Anon meeting for adults and, in the next room at the same time, an Alateen "
            "meeting for 12- to 18-year-olds, so families can come together."
        ),
        "who": (
            "Parents, grandparents and partners in the Al-Anon room; teenagers with a parent or "
            "sibling who drinks in the Alateen room."
        ),
        "format": (
            "Al-Anon: reading and topic discussion. Alateen: led by teen members with two "
            "certified Al-Anon Members Involved in Alateen Service present, as Al-Anon requires."
        ),
        "issues": (
            "Drinking in the home, divorce, embarrassment at school, anger, worry about "
            "becoming like the drinker, and having fun anyway."
        ),
        "founded": 1998,
        "attendance": 17,
        "verified": 163,
        "contacts": [
            ("Sharon", "Engel", "Alateen sponsor (certified)", "lakeside.alateen@example.org", ""),
        ],
        "meetings": [
            meeting(
                [TUE],
                "19:00",
                "20:00",
                "lakeside-presbyterian",
                access="closed",
                types=["AL", "D"],
                name="Al-Anon",
            ),
            meeting(
                [TUE],
                "19:00",
                "20:00",
                "lakeside-presbyterian",
                access="closed",
                types=["Y", "AL-AN"],
                name="Alateen",
                room="Youth room, next to the fellowship hall",
            ),
        ],
    },
    {
        "slug": "al-anon-grupo-renacer",
        "name": "Grupo Al-Anon Renacer",
        "org": "al-anon",
        "focus": ["family", "alcohol"],
        "audience": ["families"],
        "description": (
            "Al-Anon in Spanish (Grupos de Familia Al-Anon en español) for relatives and friends "
            "of people who drink, on Wednesday evenings in Fairview, with a step study on "
            "Saturday afternoons."
        ),
        "who": (
            "Spanish-speaking wives, mothers, sisters and a few husbands and sons; most members "
            "are from Mexico, Guatemala and Puerto Rico."
        ),
        "format": "Readings from Al-Anon literature in Spanish, then sharing on a topic.",
        "issues": (
            "Domestic violence and safety, children, money, shame in the family, faith, and "
            "learning to put oneself first."
        ),
        "founded": 2011,
        "attendance": 10,
        "phone": "(845) 555-0126",
        "verified": 69,
        "contacts": [
            ("Marisol", "Peña", "Secretaria", "", "(845) 555-0161"),
        ],
        "meetings": [
            meeting(
                [WED],
                "19:00",
                "20:30",
                "fairview-ymca",
                access="closed",
                types=["LIT"],
                langs=["es"],
            ),
            meeting(
                [SAT],
                "17:00",
                "18:30",
                "fairview-ymca",
                access="closed",
                types=["ST"],
                langs=["es"],
                name="Estudio de pasos (sábados)",
            ),
        ],
    },
    {
        "slug": "oak-hill-korean-al-anon",
        "name": "Oak Hill Korean Al-Anon Family Group",
        "org": "al-anon",
        "focus": ["family", "alcohol"],
        "audience": ["families"],
        "description": (
            "A Korean-language Al-Anon meeting (알아넌 가족 모임) hosted by Grace Korean "
            "Presbyterian Church. Members are not required to belong to the church."
        ),
        "who": (
            "Korean-speaking wives, mothers and adult children of people who drink; mostly "
            "women from their thirties to their seventies."
        ),
        "format": (
            "Readings from Al-Anon literature in Korean, then sharing in turn. Tea and snacks "
            "afterwards."
        ),
        "issues": (
            "Drinking culture at work and in the family, keeping up appearances, marriage, "
            "children, and caring for oneself without guilt."
        ),
        "founded": 2015,
        "attendance": 8,
        "verified": 139,
        "contacts": [
            ("Eun-ji", "Cho", "Group contact", "", "(845) 555-0162"),
        ],
        "meetings": [
            meeting(
                [FRI],
                "19:30",
                "21:00",
                "grace-korean",
                access="closed",
                types=["LIT", "D"],
                langs=["ko"],
            ),
        ],
    },
    {
        "slug": "nar-anon-millbrook",
        "name": "Nar-Anon Courage to Change — Millbrook",
        "org": "nar-anon",
        "focus": ["family", "drugs"],
        "audience": ["families", "parents"],
        "description": (
            "A Nar-Anon family group in Millbrook for relatives and friends of people with a drug "
            "problem. Many members are parents of young adults using opioids. An online meeting "
            "on the second Thursday serves members who can't drive at night."
        ),
        "who": (
            "Mostly parents and grandparents in their forties to seventies, some partners and "
            "siblings; several members have lost a child to overdose and still come."
        ),
        "format": (
            "Nar-Anon readings, a topic from the Blue Book, and sharing. Naloxone kits and "
            "training information are kept on the literature table."
        ),
        "issues": (
            "Fear of overdose, enabling and money, adult children living at home, "
            "grandchildren, legal trouble, and detaching with love."
        ),
        "founded": 2012,
        "attendance": 13,
        "verified": 80,
        "contacts": [
            ("Diane", "Porter", "Secretary", "naranon.millbrook@example.org", ""),
        ],
        "meetings": [
            meeting(
                [TUE],
                "19:00",
                "20:30",
                "millbrook-methodist",
                access="closed",
                types=["LIT", "D"],
            ),
            meeting(
                [THU],
                "20:00",
                "21:00",
                url="https://zoom.us/j/86625107789",
                join="Meeting ID 866 2510 7789 · Passcode: hope",
                access="closed",
                week=2,
                name="Second Thursday Online",
            ),
        ],
    },
    {
        "slug": "families-anonymous-cedar-falls",
        "name": "Families Anonymous — Cedar Falls",
        "org": "families-anonymous",
        "focus": ["family", "drugs", "alcohol"],
        "audience": ["families", "parents"],
        "description": (
            "A Families Anonymous group that meets at the Cedar Falls library. The listing has "
            "not been confirmed for over two years; the library says a group still books the "
            "room on Thursdays."
        ),
        "who": "Parents and relatives of people using alcohol or drugs.",
        "format": "FA readings from Today a Better Way, then sharing.",
        "issues": "Enabling, boundaries, worry and guilt, family relationships.",
        "founded": 2004,
        "attendance": 7,
        "verified": 880,
        "contacts": [
            ("Judith", "Kaplan", "Contact", "", "(845) 555-0163"),
        ],
        "meetings": [
            meeting([THU], "19:30", "21:00", "cedar-falls-library", types=["LIT"]),
        ],
    },
    {
        "slug": "familias-unidas",
        "name": "Familias Unidas — Grupo de Apoyo para Familias",
        "org": None,
        "focus": ["family", "mental-health", "drugs"],
        "audience": ["families", "parents"],
        "description": (
            "An independent Spanish-speaking support group for families who have a loved one "
            "with a mental illness or an addiction. Weekly group in Spanish on Thursday "
            "evenings, and a bilingual educational talk ('charla') on the last Saturday of the "
            "month, in person and online."
        ),
        "who": (
            "Latino families: mothers and fathers, grandparents, spouses and adult children, "
            "mostly from Mexico, Central America, Puerto Rico and the Dominican Republic. Many "
            "are more comfortable in Spanish; the monthly talk is in both languages."
        ),
        "format": (
            "Thursdays: a welcome, a round where each family says how they are, and sharing; "
            "members help each other with phone calls, forms and appointments. The monthly "
            "charla invites a guest (a psychiatrist, a lawyer, a school counselor) to answer "
            "questions."
        ),
        "issues": (
            "Stigma and 'el qué dirán', getting services in Spanish, a child's drug use or "
            "psychosis, immigration fears, navigating schools and courts, and caring for the "
            "caregiver."
        ),
        "problem_locus": Locus.BOTH,
        "format_structure": Structure.OPEN,
        "philosophy": (
            "Families are stronger united. Mental illness and addiction are illnesses, not a "
            "shame; families need information in their own language and a community that "
            "understands their culture, and they can help change services that leave them out."
        ),
        "founded": 2014,
        "attendance": 16,
        "email": "familiasunidas@example.org",
        "phone": "(845) 555-0127",
        "verified": 38,
        "contacts": [
            ("Rosa", "Medina", "Coordinadora", "familiasunidas@example.org", "(845) 555-0164"),
            ("Ernesto", "Galván", "Voluntario", "", "(845) 555-0165"),
        ],
        "meetings": [
            meeting(
                [THU],
                "18:30",
                "20:00",
                "sacred-heart",
                langs=["es"],
                notes="Se ofrece cuidado de niños. Childcare available.",
            ),
            meeting(
                [SAT],
                "10:00",
                "12:00",
                "sacred-heart",
                url="https://zoom.us/j/86490315512",
                join="Meeting ID 864 9031 5512 · Passcode: familias",
                week=-1,
                langs=["es", "en"],
                name="Charla educativa mensual",
            ),
        ],
    },
    {
        "slug": "aca-riverside-sunday",
        "name": "ACA Sunday Afternoon — Riverside",
        "org": "aca",
        "focus": ["family", "alcohol"],
        "audience": [],
        "description": (
            "Adult Children of Alcoholics and Dysfunctional Families in Riverside: an online "
            "meeting on Sunday afternoons and an in-person meeting at St. Mark's on Wednesdays."
        ),
        "who": (
            "Adults who grew up with alcoholism, addiction, mental illness or abuse at home; "
            "mostly in their thirties to sixties."
        ),
        "format": (
            "The Problem and the Solution are read, then a chapter from the ACA Big Red Book is "
            "studied and members share."
        ),
        "issues": (
            "People-pleasing, fear of authority, trouble with intimacy, perfectionism, "
            "caretaking, and grieving childhood."
        ),
        "founded": 2017,
        "attendance": 15,
        "verified": 214,
        "contacts": [
            ("Nora", "Blake", "Host", "aca.riverside@example.org", ""),
        ],
        "meetings": [
            meeting(
                [SUN],
                "16:00",
                "17:30",
                url="https://zoom.us/j/83120955781",
                join="Meeting ID 831 2095 5781 · Passcode: innerchild",
                access="closed",
                types=["LIT", "ST"],
            ),
            meeting(
                [WED],
                "19:00",
                "20:30",
                "st-marks",
                access="closed",
                types=["LIT", "D"],
                name="Wednesday In-Person Meeting",
                room="Library room, first floor",
            ),
        ],
    },
    # --- Bereavement ----------------------------------------------------------------------
    {
        "slug": "compassionate-friends-cedar-falls",
        "name": "The Compassionate Friends — Cedar Falls Chapter",
        "org": "compassionate-friends",
        "focus": ["bereavement"],
        "audience": ["parents", "families"],
        "description": (
            "A chapter of The Compassionate Friends for families after the death of a child of "
            "any age, from any cause. Monthly meeting at the Cedar Falls library, an online "
            "meeting on the fourth Thursday, and a candle-lighting each December."
        ),
        "who": (
            "Bereaved parents, grandparents and adult siblings. Some losses are recent; some "
            "members lost a child decades ago and come to support newer families."
        ),
        "format": (
            "Introductions, with each person saying their child's name; then the group splits "
            "into smaller circles (recently bereaved, longer-term). Lending library of books on "
            "grief."
        ),
        "issues": (
            "Early grief, anniversaries and holidays, marriages under strain, surviving "
            "siblings, overdose and suicide losses, and saying the child's name out loud."
        ),
        "founded": 1992,
        "attendance": 20,
        "email": "tcf.cedarfalls@example.org",
        "website": "https://tcf-cedarfalls.example.org/",
        "verified": 76,
        "contacts": [
            ("Harold", "Lindqvist", "Chapter leader", "tcf.cedarfalls@example.org", ""),
            ("Patricia", "Lindqvist", "Co-leader", "", "(845) 555-0166"),
        ],
        "meetings": [
            meeting(
                [TUE],
                "19:00",
                "21:00",
                "cedar-falls-library",
                week=2,
                types=["X"],
            ),
            meeting(
                [THU],
                "19:30",
                "20:45",
                url="https://zoom.us/j/88034561127",
                join="Email the chapter for the passcode",
                week=4,
                name="Online meeting",
            ),
        ],
    },
    {
        "slug": "survivors-of-suicide-loss-riverside",
        "name": "Survivors of Suicide Loss — Riverside",
        "org": "survivors-of-suicide-loss",
        "focus": ["bereavement"],
        "audience": ["families"],
        "description": (
            "A peer support group for anyone who has lost someone to suicide, meeting twice a "
            "month at Riverside General. Led by trained facilitators who are survivors "
            "themselves."
        ),
        "who": (
            "Parents, spouses, siblings, adult children and friends, from teenagers with a "
            "parent to accompany them to people in their eighties. Losses range from weeks to "
            "many years ago."
        ),
        "format": (
            "Each person introduces themselves and the person they lost, then open sharing. "
            "First-time attenders are asked to call a facilitator beforehand."
        ),
        "issues": (
            "Why, guilt, anger, trauma of finding the person, talking to children, stigma, "
            "family conflict, and the first year of holidays."
        ),
        "founded": 2003,
        "attendance": 12,
        "phone": "(845) 555-0128",
        "verified": 109,
        "contacts": [
            ("Elaine", "Shapiro", "Facilitator", "", "(845) 555-0167"),
            ("Mark", "Odell", "Facilitator", "sosl.riverside@example.org", ""),
        ],
        "meetings": [
            meeting(
                [WED],
                "19:00",
                "20:30",
                "riverside-general",
                access="closed",
                week=1,
            ),
            meeting(
                [WED],
                "19:00",
                "20:30",
                "riverside-general",
                access="closed",
                week=3,
            ),
        ],
    },
    {
        "slug": "fairview-widowed-persons",
        "name": "Fairview Widowed Persons' Group",
        "org": None,
        "focus": ["bereavement"],
        "audience": ["seniors"],
        "description": (
            "A friendly monthly group for widows and widowers, started by members of a hospice "
            "bereavement course who wanted to keep meeting. Part support group, part social "
            "club."
        ),
        "who": (
            "Widowed men and women, mostly 60 and over; a few younger widowed parents come now "
            "and then."
        ),
        "format": (
            "An hour of sharing over coffee, then plans for the month's outing (lunch, a "
            "concert, a walk in the park)."
        ),
        "issues": (
            "Loneliness, eating and cooking alone, finances and paperwork, adult children, "
            "dating again, and finding a new routine."
        ),
        "problem_locus": Locus.INDIVIDUAL,
        "format_structure": Structure.OPEN,
        "philosophy": (
            "Grief is not an illness to be cured; it is lived with, and it is easier to live with "
            "among friends who know what it is like."
        ),
        "founded": 2010,
        "attendance": 14,
        "verified": 132,
        "contacts": [
            ("Bernice", "Walsh", "Organizer", "", "(845) 555-0168"),
        ],
        "meetings": [
            meeting([THU], "13:00", "14:30", "fairview-ymca", week=-1, types=["SEN"]),
        ],
    },
    {
        "slug": "healing-hearts-grief-oak-hill",
        "name": "Healing Hearts Grief Support Group — Oak Hill",
        "org": None,
        "focus": ["bereavement"],
        "audience": [],
        "autonomy": Autonomy.FACILITATED,
        "description": (
            "A weekly grief support group run by the bereavement counselor of a local hospice, "
            "open to anyone grieving a death, whether or not hospice was involved. Runs in "
            "eight-week cycles starting in January, April and September; people may join at "
            "any time."
        ),
        "who": (
            "Adults grieving a spouse, parent, sibling or friend; mostly women, ages 40 to 85."
        ),
        "format": (
            "Each week has a theme (the story of the loss, changes in the family, "
            "anniversaries, self-care), with a short talk by the counselor and guided sharing."
        ),
        "issues": (
            "Sudden or expected loss, caregiving that ended, guilt, anger, sleep, and what to do "
            "with the person's belongings."
        ),
        "problem_locus": Locus.INDIVIDUAL,
        "format_structure": Structure.STRUCTURED,
        "philosophy": (
            "Grief is a natural response to loss. Understanding it, and telling the story of the "
            "loss in a safe group, helps people carry it."
        ),
        "founded": 2008,
        "attendance": 9,
        "phone": "(845) 555-0129",
        "verified": 154,
        "contacts": [
            ("Lorraine", "Ashby", "Bereavement counselor", "", "(845) 555-0169"),
        ],
        "meetings": [
            meeting([TUE], "17:30", "19:00", "oak-hill-church"),
        ],
    },
    # --- Medical conditions ----------------------------------------------------------------
    {
        "slug": "mended-hearts-riverside",
        "name": "Mended Hearts — Riverside General Chapter",
        "org": "mended-hearts",
        "focus": ["medical"],
        "audience": ["seniors", "families"],
        "description": (
            "A Mended Hearts chapter for heart patients and their families. Trained members "
            "visit patients on the cardiac unit, and the chapter meets monthly with a speaker."
        ),
        "who": (
            "People who have had heart attacks, bypass or valve surgery, stents or heart "
            "failure, and their spouses; most are over 55."
        ),
        "format": (
            "A half-hour talk by a cardiologist, nurse, dietitian or cardiac rehab therapist, "
            "questions, then informal conversation over heart-healthy snacks."
        ),
        "issues": (
            "Fear after a heart attack, depression, returning to exercise and work, diet and "
            "medications, and caregiver worry."
        ),
        "founded": 1996,
        "attendance": 22,
        "phone": "(845) 555-0130",
        "verified": 83,
        "contacts": [
            ("Gerald", "Fitch", "Chapter president", "", "(845) 555-0170"),
            ("Sandra", "Oyelaran", "Visiting coordinator", "mendedhearts.rgh@example.org", ""),
        ],
        "meetings": [
            meeting([THU], "18:00", "19:30", "riverside-general", week=3, types=["SP", "X"]),
        ],
    },
    {
        "slug": "cancer-caregivers-circle-fairview",
        "name": "Cancer Caregivers Circle — Fairview",
        "org": None,
        "focus": ["medical", "family"],
        "audience": ["families"],
        "description": (
            "An independent support circle for people caring for a family member or friend with "
            "cancer. Meets twice a month: online on the second Monday and in person on the "
            "fourth Monday."
        ),
        "who": (
            "Spouses, adult children, parents and friends of people with cancer, at every stage "
            "from diagnosis to end of life and after. Ages 30 to 80."
        ),
        "format": (
            "A check-in round, then open conversation. Members trade practical tips on "
            "insurance, appointments and respite care; there's a shared resource binder."
        ),
        "issues": (
            "Exhaustion and guilt, juggling work and appointments, talking with the medical "
            "team, anticipatory grief, children, and keeping a life of one's own."
        ),
        "problem_locus": Locus.INDIVIDUAL,
        "format_structure": Structure.OPEN,
        "philosophy": (
            "Caregivers need care too. Sharing the load with people who understand makes it "
            "lighter, and taking time for yourself is part of caring for someone else."
        ),
        "founded": 2015,
        "attendance": 10,
        "email": "caregiverscircle@example.org",
        "verified": 188,
        "contacts": [
            ("Debra", "Kessler", "Founder", "caregiverscircle@example.org", ""),
        ],
        "meetings": [
            meeting(
                [MON],
                "19:00",
                "20:15",
                url="https://zoom.us/j/87250164498",
                phone="(845) 555-0193",
                join="Meeting ID 872 5016 4498 · Passcode: circle",
                week=2,
                name="Online circle",
            ),
            meeting([MON], "18:30", "20:00", "fairview-ymca", week=4, name="In-person circle"),
        ],
    },
    {
        "slug": "millbrook-diabetes-support",
        "name": "Millbrook Diabetes Support Group",
        "org": None,
        "focus": ["medical"],
        "audience": ["seniors"],
        "description": (
            "A monthly group for people living with type 1 or type 2 diabetes and their "
            "families, with a guest from the county's diabetes education programme most months."
        ),
        "who": "Adults with diabetes, mostly type 2 and over 50; spouses who do the cooking.",
        "format": "Guest talk or recipe swap, then questions and sharing.",
        "issues": (
            "Blood sugar, new medications and devices, food on a budget, foot care, "
            "depression and burnout from managing a chronic illness."
        ),
        "problem_locus": Locus.INDIVIDUAL,
        "format_structure": Structure.OPEN,
        "philosophy": (
            "People who live with diabetes every day know things that doctors don't; sharing "
            "them, and learning together, makes self-management easier."
        ),
        "founded": 2011,
        "attendance": 12,
        "verified": 243,
        "contacts": [
            ("Lois", "Haverford", "Organizer", "", "(845) 555-0171"),
        ],
        "meetings": [
            meeting([TUE], "18:30", "20:00", "millbrook-grange", week=1),
        ],
    },
    {
        "slug": "lakeside-parkinsons-support",
        "name": "Parkinson's Support Group of Lakeside",
        "org": None,
        "focus": ["medical"],
        "audience": ["seniors", "families"],
        "description": (
            "A monthly support group for people with Parkinson's disease and their care "
            "partners. Listed years ago from a flyer; the liaison has never been able to reach "
            "the contact to verify it."
        ),
        "who": "People living with Parkinson's, mostly over 60, and their spouses.",
        "format": "Exercise demonstration or speaker, then separate sharing circles.",
        "issues": "Mobility, medication timing, voice and swallowing, caregiving.",
        "problem_locus": Locus.INDIVIDUAL,
        "format_structure": Structure.OPEN,
        "philosophy": "Staying active and connected helps people live well with Parkinson's.",
        "founded": 2012,
        "attendance": 15,
        "verified": None,
        "contacts": [
            ("Norman", "Fisk", "Contact", "", "(845) 555-0172"),
        ],
        "meetings": [
            meeting([FRI], "13:00", "14:30", "lakeside-community-center", week=3),
        ],
    },
    {
        "slug": "riverside-chronic-pain-peers",
        "name": "Riverside Chronic Pain Peer Support",
        "org": None,
        "focus": ["medical", "mental-health"],
        "audience": [],
        "status": "pending",
        "description": (
            "A new online group for people living with chronic pain, started by a member of the "
            "hospital's pain rehabilitation programme. Submitted through the directory form and "
            "waiting for review."
        ),
        "who": (
            "Adults with back pain, fibromyalgia, arthritis, nerve pain and other long-term "
            "pain, including people tapering off opioids."
        ),
        "format": "Check-in, a pacing or relaxation exercise, then sharing.",
        "issues": (
            "Pain flares, sleep, pacing, depression, being disbelieved, opioid tapering, and "
            "work and disability."
        ),
        "problem_locus": Locus.INDIVIDUAL,
        "format_structure": Structure.OPEN,
        "philosophy": (
            "Pain is real, and so is the chance of a fuller life alongside it; peers share what "
            "helps them live well."
        ),
        "founded": 2026,
        "attendance": 6,
        "verified": None,
        "contacts": [
            ("Wendy", "Alvarez", "Founder", "chronicpain.peers@example.org", ""),
        ],
        "meetings": [
            meeting(
                [WED],
                "11:00",
                "12:00",
                url="https://zoom.us/j/84763320185",
                join="Meeting ID 847 6332 0185 · Passcode: pacing",
            ),
        ],
    },
    {
        "slug": "lakeside-long-covid-support",
        "name": "Lakeside Long COVID Support Group",
        "org": None,
        "focus": ["medical"],
        "audience": [],
        "status": "inactive",
        "description": (
            "A peer group for people with long COVID that met online for two years. The "
            "organizer has stepped back and the group is on hold until someone else takes it "
            "on."
        ),
        "who": "Adults with long-term symptoms after COVID-19, many unable to work full time.",
        "format": "Check-in and sharing of symptoms, treatments and resources.",
        "issues": "Fatigue, brain fog, being believed, disability claims, pacing.",
        "problem_locus": Locus.BOTH,
        "format_structure": Structure.OPEN,
        "philosophy": "People with long COVID are experts in their own illness.",
        "founded": 2022,
        "attendance": 4,
        "verified": 600,
        "contacts": [
            ("Helen", "Marsh", "Former organizer", "longcovid.lakeside@example.org", "", False),
        ],
        "meetings": [
            meeting(
                [TUE],
                "19:00",
                "20:00",
                url="https://zoom.us/j/81109347750",
                join="Meeting ID 811 0934 7750",
                status="paused",
            ),
        ],
    },
    # --- Gambling and eating -----------------------------------------------------------------
    {
        "slug": "riverside-tuesday-ga",
        "name": "Riverside Tuesday Night GA",
        "org": "gamblers-anonymous",
        "focus": ["behaviours"],
        "audience": ["newcomers"],
        "description": (
            "Gamblers Anonymous in Riverside, Tuesday nights at The Bridge and Sunday evenings "
            "online. Since sports betting apps arrived the group has doubled in size."
        ),
        "who": (
            "Mostly men, from college students with betting apps to retirees who played the "
            "slots; a few women. Spouses sometimes attend the open part of the meeting."
        ),
        "format": (
            "GA's combination format: readings, the Twenty Questions for newcomers, then a "
            "'therapy' round in which each member shares. Pressure Relief meetings for debt are "
            "arranged separately."
        ),
        "issues": (
            "Sports betting and online casinos, debt and lying about money, crypto trading, "
            "relationships, and urges around big games."
        ),
        "founded": 1997,
        "attendance": 14,
        "phone": "(845) 555-0131",
        "verified": 66,
        "contacts": [
            ("Vince", "Marchetti", "Secretary", "", "(845) 555-0173"),
        ],
        "meetings": [
            meeting([TUE], "19:30", "21:00", "bridge-clubhouse", types=["BE", "D"]),
            meeting(
                [SUN],
                "18:00",
                "19:00",
                url="https://zoom.us/j/84479012236",
                phone="(845) 555-0195",
                join="Meeting ID 844 7901 2236 · Passcode: oneday",
                types=["D"],
                name="Sunday Evening Online",
            ),
        ],
    },
    {
        "slug": "overeaters-anonymous-fairview",
        "name": "Overeaters Anonymous — Fairview Saturday",
        "org": "overeaters-anonymous",
        "focus": ["behaviours"],
        "audience": [],
        "description": (
            "A Saturday-morning OA meeting at the Fairview YMCA, also on Zoom, for people with "
            "compulsive eating, binge eating, bulimia or other problems with food, plus an "
            "online step study on Wednesday evenings."
        ),
        "who": (
            "Mostly women in their thirties to sixties, some men; all body sizes, including "
            "people recovering from anorexia."
        ),
        "format": (
            "Readings, a short qualification by a member, then sharing. Focus on abstinence as "
            "each member defines it with a sponsor."
        ),
        "issues": (
            "Binge eating, emotional eating, food plans, body image, shame, and relationships."
        ),
        "founded": 2005,
        "attendance": 12,
        "verified": 170,
        "contacts": [
            ("Gail", "Thornton", "Intergroup representative", "oa.fairview@example.org", ""),
        ],
        "meetings": [
            meeting(
                [SAT],
                "09:00",
                "10:00",
                "fairview-ymca",
                url="https://zoom.us/j/85839014462",
                join="Meeting ID 858 3901 4462 · Passcode: oa",
                types=["SP", "D"],
            ),
            meeting(
                [WED],
                "19:00",
                "20:00",
                url="https://zoom.us/j/85839014463",
                join="Meeting ID 858 3901 4463 · Passcode: oa",
                types=["LIT", "ST"],
                name="Wednesday Online Step Study",
            ),
        ],
    },
]


# ---------------------------------------------------------------------------------------------
# Private assessments: (agency slug, group slug, (maturity, leadership stability, organization,
# experiential base, autonomy), notes). Only the assessing agency ever sees its own.
# ---------------------------------------------------------------------------------------------

ASSESSORS = {"riverside": VERIFIER, "lakeside": "clinician@lakeside.example"}

ASSESSMENTS = [
    (
        "riverside",
        "riverside-womens-aa",
        (5, 4, 4, 5, 5),
        "Thirty-year-old group with a stable core and a secretary who answers. Good first step "
        "for women who are anxious about mixed meetings; the online Tuesday meeting works for "
        "clients with childcare problems. Three clients referred this year are still attending.",
    ),
    (
        "riverside",
        "nami-family-support-riverside",
        (4, 3, 5, 5, 4),
        "Strong structured model and well-trained facilitators. Leadership rests on two people; "
        "ask Maria G. about recruiting a third facilitator. Families of clients with first-episode "
        "psychosis have found it very helpful. Listing due for verification.",
    ),
    (
        "riverside",
        "riverside-early-birds-aa",
        (5, 5, 4, 5, 5),
        "Very established; members will meet newcomers at the door if asked. Early hour suits "
        "clients in work programmes. Some members are blunt about medication; prepare clients "
        "on MAT or psychiatric meds.",
    ),
    (
        "riverside",
        "clean-and-free-na",
        (4, 3, 3, 5, 5),
        "Large, lively, accepting of MAT in practice. Secretary changes often, so check contacts "
        "every six months. Best NA option for young adults leaving detox.",
    ),
    (
        "riverside",
        "smart-recovery-riverside-general",
        (2, 4, 5, 3, 2),
        "Newer and professionally co-facilitated, so less peer experience in the room but very "
        "reliable. Good bridge for clients who reject 12-step language; encourage them to add a "
        "member-led meeting later.",
    ),
    (
        "riverside",
        "nami-connection-riverside",
        (4, 4, 4, 4, 4),
        "Consistent facilitators, good fit for clients with serious mental illness who want "
        "peer contact outside the clinic. No discussion of medication choices, which reassures "
        "prescribers.",
    ),
    (
        "riverside",
        "dbsa-lakeside",
        (4, 4, 4, 4, 5),
        "Well run, welcoming to newcomers in crisis, and facilitators know when to refer out. "
        "The online family group is a useful resource for relatives of our clients.",
    ),
    (
        "riverside",
        "grow-riverside",
        (4, 3, 5, 4, 5),
        "Highly structured programme suits clients who need routine and practical tasks. Small "
        "and ageing membership; leadership depends on the organiser.",
    ),
    (
        "riverside",
        "double-trouble-riverside",
        (3, 2, 3, 4, 4),
        "Valuable for dual-diagnosis clients who feel judged in other meetings. Attendance "
        "dips in winter and the secretary has changed twice this year.",
    ),
    (
        "riverside",
        "familias-unidas",
        (4, 4, 3, 5, 5),
        "The only Spanish-language family group for mental illness and addiction in the county. "
        "Rosa M. is an excellent link; members accompany newcomers to appointments. Consider "
        "inviting them to present to the outpatient team.",
    ),
    (
        "riverside",
        "survivors-of-suicide-loss-riverside",
        (5, 4, 4, 5, 4),
        "Experienced survivor facilitators with good screening of first-time attenders. Refer "
        "bereaved family members after a client suicide; ask them to call a facilitator first.",
    ),
    (
        "riverside",
        "out-in-recovery-riverside",
        (3, 3, 3, 4, 5),
        "Affirming and pathway-neutral; a good option for LGBTQ+ clients who have had bad "
        "experiences elsewhere. Young group, still building its leadership.",
    ),
    (
        "lakeside",
        "dbsa-lakeside",
        (4, 3, 4, 4, 5),
        "Our alumni like this group. Some concern that the chapter depends heavily on its "
        "president; watch for burnout.",
    ),
    (
        "lakeside",
        "recovery-dharma-lakeside",
        (3, 3, 3, 4, 5),
        "Good fit for clients interested in meditation and put off by 12-step language. Hybrid "
        "format helps clients without transport.",
    ),
]


# ---------------------------------------------------------------------------------------------
# Building the rows.
# ---------------------------------------------------------------------------------------------


def seed_directory():
    now = timezone.now()
    verifier = User.objects.filter(email=VERIFIER).first()
    places = {key: _seed_location(spec) for key, spec in LOCATIONS.items()}
    refs = {
        "org": {org.slug: org for org in Organization.objects.all()},
        "area": {area.slug: area for area in FocusArea.objects.all()},
        "tag": {tag.slug: tag for tag in AudienceTag.objects.all()},
        "lang": {language.code: language for language in Language.objects.all()},
    }
    for spec in GROUPS:
        group = _seed_group(spec, refs, now, verifier)
        _seed_contacts(group, spec["contacts"])
        _seed_meetings(group, spec["meetings"], places, refs["lang"])
    _seed_leaders()
    _seed_proposals(now)
    _seed_assessments()
    _seed_listing_work(now)
    _seed_import()
    search.refresh_search_for(SelfHelpGroup.objects.all())


def _seed_location(spec):
    location = Location.objects.filter(name=spec["name"], city=spec["city"]).first()
    if location is None:
        location = Location(state="NY", **spec)
        location.full_clean()
        location.save()
    return location


def _seed_group(spec, refs, now, verifier):
    group = SelfHelpGroup.objects.filter(slug=spec["slug"]).first()
    if group is not None:
        return group
    org = spec["org"]
    philosophy, locus, structure = ORGANIZATION_WAYS.get(org, ("", "", ""))
    days = spec["verified"]
    group = SelfHelpGroup(
        slug=spec["slug"],
        name=spec["name"],
        organization=refs["org"][org] if org else None,
        description=spec["description"],
        who_attends=spec["who"],
        typical_format=spec["format"],
        common_issues=spec["issues"],
        philosophy=spec.get("philosophy", philosophy),
        problem_locus=spec.get("problem_locus", locus),
        format_structure=spec.get("format_structure", structure),
        autonomy=spec.get("autonomy", Autonomy.INDEPENDENT),
        founded_year=spec["founded"],
        typical_attendance=spec["attendance"],
        public_email=spec.get("email", ""),
        public_phone=spec.get("phone", ""),
        website=spec.get("website", ""),
        status=spec.get("status", SelfHelpGroup.Status.ACTIVE),
        verified_at=None if days is None else now - dt.timedelta(days=days),
        verified_by=None if days is None else verifier,
    )
    group.full_clean()
    group.save()
    group.focus_areas.set([refs["area"][slug] for slug in spec["focus"]])
    group.audience.set([refs["tag"][slug] for slug in spec["audience"]])
    return group


def _seed_contacts(group, rows):
    for position, (first, last, role, email, phone, *public) in enumerate(rows):
        if Contact.objects.filter(group=group, first_name=first, last_name=last).exists():
            continue
        contact = Contact(
            group=group,
            first_name=first,
            last_name=last,
            role=role,
            email=email,
            phone=phone,
            is_public=public[0] if public else True,
            position=position,
        )
        contact.full_clean()
        contact.save()


def _seed_meetings(group, specs, places, languages):
    for number, spec in enumerate(specs, start=1):
        slug = f"{group.slug}-{number}"
        if Meeting.objects.filter(slug=slug).exists():
            continue
        where = places[spec["where"]] if spec["where"] else None
        online = bool(spec["url"] or spec["phone"])
        if where and online:
            mode = Meeting.Mode.HYBRID
        elif where:
            mode = Meeting.Mode.IN_PERSON
        else:
            mode = Meeting.Mode.ONLINE
        monthly = spec["week"] is not None
        meeting_row = Meeting(
            group=group,
            slug=slug,
            name=spec["name"],
            recurrence=Meeting.Recurrence.MONTHLY if monthly else Meeting.Recurrence.WEEKLY,
            weekdays=schedule.mask_from_days(spec["days"]),
            month_week=spec["week"],
            start_time=dt.time.fromisoformat(spec["start"]),
            end_time=dt.time.fromisoformat(spec["end"]),
            timezone=TIMEZONE,
            mode=mode,
            location=where,
            location_notes=spec["room"],
            conference_url=spec["url"],
            conference_phone=spec["phone"],
            conference_notes=spec["join"],
            access=spec["access"],
            type_codes=spec["types"],
            accessibility_notes=spec["access_notes"],
            notes=spec["notes"],
            status=spec["status"],
        )
        meeting_row.full_clean()
        meeting_row.save()
        meeting_row.languages.set([languages[code] for code in spec["langs"]])


def _all_leaders():
    leaders = [(LEADER[0], LEADER[1], [slug for slug, _name in LED_GROUPS])]
    return leaders + [(email, name, slugs) for email, name, slugs, _label in OTHER_LEADERS]


def _seed_leaders():
    for email, full_name, slugs in _all_leaders():
        user = demo_user(email, full_name)
        for slug in slugs:
            group = SelfHelpGroup.objects.get(slug=slug)
            if not GroupLeadership.objects.filter(user=user, group=group).exists():
                GroupLeadership.objects.create(user=user, group=group)


def _seed_proposals(now):
    for slug, name, email, proposer_email, note in PROPOSALS:
        group = SelfHelpGroup.objects.get(slug=slug)
        proposer = User.objects.filter(email=proposer_email).first()
        led = GroupLeadership.objects.filter(group=group, ended_at__isnull=True).exists()
        LeaderInvitation.objects.get_or_create(
            group=group,
            email=email,
            defaults={
                "name": name,
                "note": note,
                "origin": LeaderInvitation.Origin.STAFF,
                "status": (
                    LeaderInvitation.Status.AWAITING_GROUP
                    if led
                    else LeaderInvitation.Status.AWAITING_REVIEW
                ),
                "invited_by": proposer,
                "agency": proposer.agency if proposer else None,
                "expires_at": now + dt.timedelta(days=30),
            },
        )


def _seed_assessments():
    for agency_slug, group_slug, levels, notes in ASSESSMENTS:
        agency = Agency.objects.filter(slug=agency_slug).first()
        if agency is None:
            continue
        maturity, stability, organization, experience, autonomy = levels
        Assessment.objects.for_agency(agency).get_or_create(
            agency=agency,
            group=SelfHelpGroup.objects.get(slug=group_slug),
            defaults={
                "maturity": maturity,
                "leadership_stability": stability,
                "organization": organization,
                "experiential_base": experience,
                "autonomy": autonomy,
                "notes": notes,
                "assessed_by": User.objects.filter(email=ASSESSORS[agency_slug]).first(),
            },
        )


# Work waiting in the leader's portal and the office: suggestions, history, a new group.
SUGGESTIONS = [
    {
        "group": "riverside-womens-aa",
        "source": "public",
        "submitter_name": "Kate",
        "submitter_email": "kate@example.com",
        "note": "The Saturday meeting now starts at 10:30 — the parish hall opens later.",
        "meeting": ("riverside-womens-aa-2", "start_time", "10:00", "10:30"),
    },
    {
        "group": "nami-family-support-riverside",
        "source": "staff",
        "submitter_email": "clinician@riverside.example",
        "submitter_name": "Priya Shah",
        "note": "Families I refer ask whether they can bring a teenager; could the listing say?",
        "field": (
            "who_attends",
            "Adding: teenagers aged 16 and over may come with a parent.",
        ),
    },
]
NEW_GROUP = {
    "slug": "millbrook-hearing-voices",
    "name": "Millbrook Hearing Voices Group",
    "description": "A new peer group for people who hear voices, see visions or have other "
    "unusual experiences, and want to talk about them without judgement.",
    "who_attends": "Adults who hear voices; family members are welcome at the monthly open night.",
    "request": {
        "contact_name": "Sam Okafor",
        "contact_email": "sam.okafor@example.org",
        "contact_phone": "555-0177",
        "meeting_details": "Thursdays 6–7:30 pm; we are looking for a quiet room in Millbrook.",
        "wants_space": True,
        "wants_publicity": True,
        "wants_starting_help": True,
    },
}


def _seed_listing_work(now):
    maria = User.objects.filter(email=LEADER[0]).first()
    for spec in SUGGESTIONS:
        group = SelfHelpGroup.objects.filter(slug=spec["group"]).first()
        if group is None or Suggestion.objects.filter(group=group, note=spec["note"]).exists():
            continue
        if "meeting" in spec:
            slug, field, before, after = spec["meeting"]
            meeting = Meeting.objects.filter(slug=slug).first()
            if meeting is None:
                continue
            changes = {"meetings": {str(meeting.pk): {field: {"from": before, "to": after}}}}
        else:
            field, addition = spec["field"]
            current = getattr(group, field)
            changes = {"group": {field: {"from": current, "to": f"{current} {addition}".strip()}}}
        submitter = User.objects.filter(email=spec["submitter_email"]).first()
        Suggestion.objects.create(
            group=group,
            changes=changes,
            note=spec["note"],
            source=spec["source"],
            submitted_by=submitter if spec["source"] == "staff" else None,
            submitter_name=spec["submitter_name"],
            submitter_email=spec["submitter_email"],
        )
    group = SelfHelpGroup.objects.filter(slug="riverside-womens-aa").first()
    if group and maria and not ListingChange.objects.filter(group=group).exists():
        ListingChange.objects.create(
            group=group,
            object_type="group",
            object_id=group.pk,
            object_label=group.name,
            action=ListingChange.Action.CHANGED,
            source=ListingChange.Source.LEADER,
            changed_by=maria,
            changed_at=now - dt.timedelta(days=40),
            version=group.version,
            fields={
                "typical format": [
                    "Opens with the Serenity Prayer and a reading; then open sharing.",
                    group.typical_format,
                ]
            },
        )
    if not SelfHelpGroup.objects.filter(slug=NEW_GROUP["slug"]).exists():
        new = SelfHelpGroup.objects.create(
            slug=NEW_GROUP["slug"],
            name=NEW_GROUP["name"],
            description=NEW_GROUP["description"],
            who_attends=NEW_GROUP["who_attends"],
            status=SelfHelpGroup.Status.PENDING,
        )
        new.focus_areas.set(FocusArea.objects.filter(slug="mental-health"))
        NewGroupRequest.objects.create(group=new, **NEW_GROUP["request"])


# A meeting list from the county's intergroup office, imported as liaison staff would.
INTERGROUP_CSV = """\
Time,End Time,Day,Name,Location,Address,City,State,Postal Code,Types,Notes,Group,Slug
7:00 AM,8:00 AM,"Monday, Wednesday, Friday",Sunrise Serenity,Fairview Diner back room,\
22 Route 9,Fairview,NY,12584,"Open, Discussion, Breakfast",,Sunrise Serenity AA,sunrise-serenity
8:00 PM,9:00 PM,Thursday,Fairview Big Book,Grace Lutheran Church,40 Hill Road,Fairview,NY,\
12584,"Closed, Big Book, Wheelchair Access",Use the lower entrance.,Fairview Big Book Group,\
fairview-big-book
10:00 AM,11:00 AM,Sunday,Oak Hill Spanish Speaking,Oak Hill Community Center,\
3 Park Lane,Oak Hill,NY,12586,"Open, Spanish, Speaker",,Grupo Oak Hill,oak-hill-spanish
"""


def _seed_import():
    from groups import importers

    data = INTERGROUP_CSV.encode()
    if not importers.plan(data, "mg-csv", "Mid-Hudson Intergroup").ok:
        return
    importers.apply(data, "mg-csv", "Mid-Hudson Intergroup")


def logins():
    """(email, what they are) for each demo group leader."""
    rows = [(LEADER[0], "group leader of two groups — /portal/")]
    for email, _full_name, _slugs, label in OTHER_LEADERS:
        rows.append((email, f"group leader of {label} — /portal/"))
    return rows
