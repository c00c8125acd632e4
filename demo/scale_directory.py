"""The words of `seed_scale`'s directory: group names, descriptions and meeting kinds shaped like a
real county directory's, so that the search is measured on text like the one people search.

Most groups belong to an organization, in about the shares of a real directory (AA first, then
NA, Al-Anon, NAMI and the others); about one in eight is an unaffiliated local group. Names
follow the patterns groups give themselves ("Serenity Seekers", "Tuesday Night Big Book", "Hope &
Healing", "Grupo Esperanza de AA", "NAMI Family Support Group — Riverside"), and about one group
in fourteen is Spanish-speaking, with its texts in Spanish and its meetings in Spanish. Every
choice is drawn from the random generator given, so the same seed gives the same directory."""

from dataclasses import dataclass

TOWNS = [
    "Riverside", "Lakeside", "Millbrook", "Cedar Falls", "Fairview", "Oak Hill", "Pine Plains",
    "Stone Ridge", "Maple Grove", "Highland", "Westbrook", "Eastport", "Brookfield", "Hillsdale",
    "Red Hook", "Clearwater", "Greenville", "Springfield", "Marlboro", "New Paltz", "Walden",
    "Kingsbridge", "Harbor Point", "Elmwood", "Rosendale", "Glen Haven", "Summit", "Meadowbrook",
]  # fmt: skip
DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
TIMES = ["Morning", "Noon", "Evening", "Night"]
PLACES = [
    "St. Mark's parish hall", "the First Presbyterian Church", "the public library",
    "the community center", "Grace Lutheran Church", "the VFW post", "the senior center",
    "the hospital's conference room", "the Methodist church's lower hall", "the clubhouse",
    "the YMCA", "the recovery community center", "Temple Beth El", "the town hall annex",
]  # fmt: skip

AA_THEMES = [
    "Serenity Seekers", "Happy Destiny", "Early Birds", "Keep It Simple", "Came to Believe",
    "Easy Does It", "Language of the Heart", "Living Sober", "Into Action", "Hope & Healing",
    "New Freedom", "Design for Living", "Promises", "Road to Recovery", "Back to Basics",
    "Sober Sisters", "Lunch Bunch", "Primary Purpose", "Courage to Change", "Serenity at Sunset",
    "One Day at a Time", "First Things First", "As Bill Sees It", "Sunrise Serenity",
    "Attitude of Gratitude", "Rule 62", "Bridge to Freedom", "Spiritual Awakening",
    "Big Book Thumpers", "Steps and Traditions", "Sober by the Sea", "Serenity Circle",
]  # fmt: skip
AA_STUDIES = ["Big Book", "Step Study", "Discussion", "Speaker Meeting", "Twelve and Twelve"]
NA_THEMES = [
    "Clean and Free", "Just for Today", "Recovery in Progress", "Miracles Happen", "Clean Living",
    "Freedom Group", "New Beginnings", "Never Alone", "Living Clean", "Clean & Serene",
    "Surrender", "Hope Without Walls", "We Do Recover", "Serenity Now",
]  # fmt: skip
FAMILY_THEMES = [
    "Serenity", "Hope for Today", "Courage to Change", "One Day at a Time", "Keep Coming Back",
    "Detachment", "Paths to Recovery", "Came to Believe", "Hope & Healing", "New Hope",
]  # fmt: skip
SPANISH_THEMES = [
    "Esperanza", "Nueva Vida", "Renacer", "Serenidad", "Fe y Esperanza", "Amor y Servicio",
    "Despertar", "Libertad", "Un Día a la Vez", "Sobriedad", "Nuevo Amanecer", "Unidad",
]  # fmt: skip

# Texts by kind of group: a description is an opening and one or two further sentences.
ALCOHOL = {
    "openings": [
        "This {organization} group has met in {town} since {year}.",
        "A friendly {organization} meeting at {place} in {town}.",
        "One of the oldest {organization} groups in the county, meeting at {place}.",
        "A small, welcoming {organization} group for anyone who wants to stop drinking.",
        "{organization} in {town}: a {day} meeting at {place}, and online during the week.",
    ],
    "more": [
        "The coffee is on half an hour before the meeting starts.",
        "Newcomers are offered a list of phone numbers and help finding a sponsor.",
        "The group reads from the Big Book and shares on what it brings up.",
        "A speaker meeting on the last Sunday of each month draws people from across the county.",
        "The meeting ends with the Serenity Prayer; people often stay on to talk.",
        "Sobriety birthdays are celebrated with cake on the first meeting of the month.",
        "Literature is available, and the group keeps a lending shelf of books.",
    ],
    "who": [
        "Men and women of all ages, from their early twenties to their eighties.",
        "A mixed crowd of tradespeople, nurses, retirees and commuters.",
        "Mostly people with some time in recovery, and always a few newcomers.",
        "Women of all ages; many are mothers, some are in their first weeks without a drink.",
        "Young people, college students and young parents; older members come too.",
    ],
    "format": [
        "A member reads a short passage, then the floor is open for sharing.",
        "A speaker tells their story for about half an hour, followed by sharing.",
        "Members read a page or two of the Big Book aloud in turn and discuss it.",
        "A different member chairs each week and suggests a topic.",
    ],
    "issues": [
        "Staying sober through stress at home and at work, relapse and loneliness.",
        "Early recovery, cravings, sponsorship and step work.",
        "Resentments, making amends, and what 'spiritual' means for people who aren't religious.",
        "Drinking and driving, court requirements, family and rebuilding trust.",
    ],
}
DRUGS = {
    "openings": [
        "{organization} group meeting at {place} in {town}.",
        "{organization} in {town}: recovery from addiction to any drug, alcohol included.",
        "Every {day} night: {organization} for anyone with a desire to stop using.",
        "A lively {organization} group that has met in {town} since {year}.",
    ],
    "more": [
        "Key tags are given out for clean time at every meeting.",
        "Newcomers are welcome; members stay after to talk and swap phone numbers.",
        "The group reads from the Basic Text and Just for Today.",
        "Many members came through treatment or drug court.",
    ],
    "who": [
        "People in recovery from heroin, pills, cocaine, methamphetamine and alcohol.",
        "Mostly people in their twenties to forties, many in early recovery.",
        "A mix of newcomers and members with years clean.",
    ],
    "format": [
        "Readings, then open sharing; the last ten minutes are for newcomers.",
        "A topic discussion chaired by a different member each week.",
        "A step study: one step a month, read and discussed.",
    ],
    "issues": [
        "Cravings, relapse, legal trouble, finding work and housing, rebuilding family ties.",
        "Staying clean after treatment, sponsorship, and friends who still use.",
        "Pain medication, medication-assisted treatment, and living clean.",
    ],
}
FAMILY = {
    "openings": [
        "{organization}: a group for families and friends of people who drink or use drugs.",
        "{organization} in {town}: support for anyone affected by someone else's addiction.",
        "{organization} on {day} evenings at {place}.",
        "Parents, partners and grown children of alcoholics and addicts meet here weekly.",
    ],
    "more": [
        "Members share their experience, strength and hope; nobody gives advice.",
        "Newcomers are given a packet of literature and a list of phone numbers.",
        "The group uses the Twelve Steps to find serenity whether or not the loved one recovers.",
        "Alateen meets at the same time in the next room for young people.",
    ],
    "who": [
        "Mostly parents of adult children who use drugs, some spouses and siblings.",
        "Husbands, wives, parents and friends of alcoholics, of all ages.",
        "Adult children of alcoholic and dysfunctional families.",
    ],
    "format": [
        "A reading from the daily book, a topic, and sharing around the room.",
        "Each meeting takes one of the Steps or Traditions as its topic.",
    ],
    "issues": [
        "Worry, guilt and detachment; setting boundaries; enabling; grief for the person lost.",
        "Codependency, anger, and taking care of yourself while someone you love is using.",
    ],
}
MENTAL = {
    "openings": [
        "{organization} peer support group meeting at {place} in {town}.",
        "{organization} in {town}: people living with depression and bipolar disorder support "
        "each other.",
        "A free, confidential {organization} group for adults living with a mental health "
        "condition.",
        "Family support from {organization} for relatives and friends of people with mental "
        "illness.",
    ],
    "more": [
        "Led by trained peer facilitators who live with a mental health condition themselves.",
        "No diagnosis or referral is needed; drop in any week.",
        "The group talks about coping skills, medication, work and relationships.",
        "Meetings are not therapy: members share what has worked for them.",
    ],
    "who": [
        "Adults living with depression, bipolar disorder, anxiety or schizophrenia.",
        "Parents, partners and siblings of people living with mental illness.",
        "People of all ages; some are newly diagnosed, others have lived with it for decades.",
    ],
    "format": [
        "A check-in round, then discussion of what members bring; a check-out at the end.",
        "A structured meeting following the programme's method, with a short reading.",
    ],
    "issues": [
        "Depression, mania, anxiety, medication side effects, hospital stays and stigma.",
        "Caregiving, crisis planning, navigating services, and self-care for families.",
    ],
}
GRIEF = {
    "openings": [
        "A support group for people grieving the death of someone close, meeting in {town}.",
        "{organization} in {town}: support for families after the death of a child.",
        "A gentle, confidential group for anyone bereaved by suicide.",
        "Hope & healing after loss: a monthly group at {place}.",
    ],
    "more": [
        "Members share as much or as little as they wish.",
        "The group lights candles in memory of members' loved ones each December.",
        "Facilitated by members who have lost someone themselves.",
    ],
    "who": [
        "Parents, siblings and grandparents who have lost a child of any age.",
        "Widows and widowers, adult children who lost a parent, and friends.",
    ],
    "format": ["Introductions, then open sharing; tea and conversation after."],
    "issues": ["Grief, guilt, anniversaries and holidays, and living with loss."],
}
BEHAVIOURS = {
    "openings": [
        "{organization} group meeting at {place} in {town}.",
        "{organization} in {town}: a twelve-step fellowship meeting every {day}.",
        "{organization}, for anyone who wants to stop gambling or compulsive eating.",
    ],
    "more": [
        "Newcomers are welcome; there are no dues or fees.",
        "The group reads from its literature and shares on recovery.",
    ],
    "who": ["Men and women of all ages and backgrounds."],
    "format": ["A reading, a topic, and sharing; the meeting closes with the Serenity Prayer."],
    "issues": [
        "Debt, lying, relapse, binge eating, body image, and abstinence.",
        "Compulsive gambling, sports betting and online casinos, and family finances.",
    ],
}
MEDICAL = {
    "openings": [
        "A peer support group for people living with a medical condition, in {town}.",
        "{organization} in {town}: patients and families supporting each other.",
        "A caregivers' support circle meeting monthly at {place}.",
    ],
    "more": [
        "Guest speakers from the hospital join some meetings.",
        "Members share practical tips on treatment, diet and daily life.",
    ],
    "who": ["Patients, survivors and the people who care for them."],
    "format": ["A short talk or topic, then discussion."],
    "issues": ["Diagnosis, treatment, fatigue, caregiving, and fear of recurrence."],
}
SPANISH = {
    "openings": [
        "Un grupo de {organization} de habla hispana en {town}.",
        "Juntas en español en {place}, {town}, desde {year}.",
        "Grupo de apoyo en español para personas y familias que sufren.",
    ],
    "more": [
        "Tres juntas de discusión por semana y una junta de oradores los domingos.",
        "Los recién llegados son bienvenidos; hay café y literatura en español.",
        "Las juntas siguen el estilo tradicional de Latinoamérica, con tribuna.",
    ],
    "who": [
        "Hombres y mujeres de habla hispana, muchos de México, Centroamérica y el Caribe.",
        "Adultos que trabajan, de 25 a 60 años; algunos miembros son bilingües.",
    ],
    "format": ["Los miembros comparten en la tribuna hasta quince minutos."],
    "issues": [
        "El alcoholismo, la familia lejos, el estrés de la inmigración y el trabajo.",
        "La recuperación, la fe, la depresión y la esperanza.",
    ],
}


@dataclass(frozen=True)
class Kind:
    """A kind of group: its organization (slug, or None for a local group), its share of the
    directory, how its groups are named, what their texts say and their meetings' type codes."""

    organization: str | None
    share: int
    names: tuple
    texts: dict
    focus: tuple = ()
    types: tuple = ()


TWELVE_STEP_TYPES = ("D", "ST", "SP", "B", "LIT", "MED", "BE", "W", "M", "Y", "TR")
KINDS = [
    Kind(
        "aa",
        36,
        (
            "{aa}",
            "{aa} Group",
            "{town} {aa}",
            "{aa} AA",
            "{day} Night Big Book",
            "{town} {day} Night Big Book Group",
            "{day} {time} {study}",
            "{town} {who} AA",
            "{town} {time} {study} Group",
        ),
        ALCOHOL,
        types=TWELVE_STEP_TYPES,
    ),
    Kind(
        "na",
        12,
        ("{na}", "{na} Group of NA", "{town} {na} NA", "{day} Night NA", "{na} ({town})"),
        DRUGS,
        types=("D", "ST", "SP", "BE", "LIT", "Y"),
    ),
    Kind(
        "al-anon",
        7,
        ("{family} Al-Anon Family Group", "{town} Al-Anon", "Alateen {town}", "{town} {family}"),
        FAMILY,
        types=("D", "ST", "LIT", "BE"),
    ),
    Kind("nar-anon", 2, ("{town} Nar-Anon", "Nar-Anon {family} Group"), FAMILY),
    Kind(
        "families-anonymous",
        2,
        ("{town} Families Anonymous", "Families Anonymous — {family}"),
        FAMILY,
    ),
    Kind("coda", 2, ("CoDA {family}", "{town} Co-Dependents Anonymous"), FAMILY),
    Kind("aca", 2, ("ACA {town} {day}", "Adult Children — {family}"), FAMILY),
    Kind(
        "nami",
        5,
        (
            "NAMI Connection Recovery Support Group — {town}",
            "NAMI Family Support Group — {town}",
            "NAMI {town} Peer Support",
        ),
        MENTAL,
    ),
    Kind(
        "dbsa",
        3,
        ("DBSA {town} Chapter", "DBSA {town} Evening Group", "DBSA {town} Young Adults"),
        MENTAL,
    ),
    Kind("grow", 1, ("GROW Group — {town}", "GROW in {town}"), MENTAL),
    Kind("recovery-international", 1, ("Recovery International — {town}",), MENTAL),
    Kind("emotions-anonymous", 1, ("Emotions Anonymous {town}",), MENTAL),
    Kind("hearing-voices", 1, ("Hearing Voices {town}",), MENTAL),
    Kind("double-trouble", 1, ("Double Trouble in Recovery {town}",), MENTAL),
    Kind(
        "smart-recovery",
        4,
        ("SMART Recovery {town}", "SMART Recovery Family & Friends — {town}", "SMART {day} Night"),
        ALCOHOL,
    ),
    Kind("women-for-sobriety", 1, ("Women for Sobriety — {town} New Life Group",), ALCOHOL),
    Kind("lifering", 1, ("LifeRing {town}",), ALCOHOL),
    Kind("recovery-dharma", 1, ("Recovery Dharma {town}",), DRUGS, types=("MED",)),
    Kind("ca", 1, ("{town} Cocaine Anonymous", "CA {na}"), DRUGS),
    Kind("cma", 1, ("{na} CMA",), DRUGS),
    Kind("ma", 1, ("{town} Marijuana Anonymous",), DRUGS),
    Kind(
        "overeaters-anonymous",
        2,
        ("OA {town} {day}", "Overeaters Anonymous — {family}"),
        BEHAVIOURS,
    ),
    Kind("gamblers-anonymous", 2, ("GA {town}", "Gamblers Anonymous {day} Night"), BEHAVIOURS),
    Kind("compassionate-friends", 1, ("The Compassionate Friends of {town}",), GRIEF),
    Kind("survivors-of-suicide-loss", 1, ("Survivors of Suicide Loss — {town}",), GRIEF),
    Kind("mended-hearts", 1, ("Mended Hearts of {town}",), MEDICAL),
    Kind(
        None,
        6,
        (
            "Hope & Healing",
            "GriefShare {town}",
            "Widowed Persons Support — {town}",
            "Bereaved Parents of {town}",
            "Healing After Loss",
        ),
        GRIEF,
        focus=("bereavement",),
    ),
    Kind(
        None,
        4,
        (
            "Caregivers Circle of {town}",
            "Parkinson's Support Group {town}",
            "Cancer Survivors Circle",
            "Brain Injury Support Group — {town}",
            "Alzheimer's Caregivers {town}",
            "Diabetes Support {town}",
        ),
        MEDICAL,
        focus=("medical",),
    ),
    Kind(
        None,
        2,
        ("Parents of Addicted Loved Ones — {town}", "Families in Recovery {town}"),
        FAMILY,
        focus=("family",),
    ),
    Kind(
        None,
        2,
        ("Anxiety Support {town}", "Postpartum Support Circle", "Veterans Peer Support {town}"),
        MENTAL,
        focus=("mental-health",),
    ),
]
# Spanish-speaking groups, about one in fourteen: their names and texts are in Spanish.
SPANISH_KINDS = [
    Kind("aa", 5, ("Grupo {es} de AA", "Grupo {es}", "AA {es} — {town}"), SPANISH, types=("S",)),
    Kind("na", 2, ("Grupo {es} de NA", "NA en Español — {town}"), SPANISH, types=("S",)),
    Kind("al-anon", 1, ("Al-Anon Grupo {es}",), SPANISH, types=("S",)),
    Kind("nami", 1, ("Grupo de Apoyo Familiar de NAMI — {town} (en español)",), SPANISH),
    Kind(
        None,
        1,
        ("Grupo de Apoyo para el Duelo — {town}", "Círculo de Esperanza"),
        SPANISH,
        focus=("bereavement",),
    ),
]
SPANISH_SHARE = 0.07
WHO = ["Women's", "Men's", "Young People's", "Newcomers", "LGBTQ+"]


def _weighted(kinds):
    return [kind for kind in kinds for _ in range(kind.share)]


ENGLISH_DRAW = _weighted(KINDS)
SPANISH_DRAW = _weighted(SPANISH_KINDS)


def group_text(rng, organizations: dict) -> dict:
    """One group's kind, name and texts: {kind, spanish, organization, name, description,
    who_attends, typical_format, common_issues, text_language}. `organizations`: {slug: row}."""
    spanish = rng.random() < SPANISH_SHARE
    kind = rng.choice(SPANISH_DRAW if spanish else ENGLISH_DRAW)
    organization = organizations.get(kind.organization)
    fill = {
        "town": rng.choice(TOWNS),
        "day": rng.choice(DAYS),
        "time": rng.choice(TIMES),
        "study": rng.choice(AA_STUDIES),
        "who": rng.choice(WHO),
        "aa": rng.choice(AA_THEMES),
        "na": rng.choice(NA_THEMES),
        "family": rng.choice(FAMILY_THEMES),
        "es": rng.choice(SPANISH_THEMES),
        "place": rng.choice(PLACES),
        "year": rng.randint(1975, 2024),
        "organization": (
            rng.choice([organization.name, organization.short_name or organization.name])
            if organization
            else ("apoyo mutuo" if spanish else "peer support")
        ),
    }
    texts = kind.texts
    sentences = [rng.choice(texts["openings"]), *rng.sample(texts["more"], rng.randint(1, 2))]
    sentences = [sentence.format(**fill) for sentence in sentences]
    return {
        "kind": kind,
        "spanish": spanish,
        "organization": organization,
        "name": rng.choice(kind.names).format(**fill),
        "description": " ".join(sentence[0].upper() + sentence[1:] for sentence in sentences),
        "who_attends": rng.choice(texts["who"]),
        "typical_format": rng.choice(texts["format"]) if rng.random() < 0.6 else "",
        "common_issues": rng.choice(texts["issues"]) if rng.random() < 0.7 else "",
        "text_language": "es" if spanish else "en",
    }


def meeting_types(rng, kind: Kind) -> list[str]:
    """A meeting's Meeting Guide type codes: none, or one or two of its kind's."""
    if not kind.types or rng.random() < 0.3:
        return []
    return sorted(rng.sample(kind.types, min(len(kind.types), rng.randint(1, 2))))
