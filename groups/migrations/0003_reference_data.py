"""The directory's reference data: focus areas, audience tags, languages, and the national
self-help organizations that the paper and practice name."""

from django.db import migrations

FOCUS_AREAS = [
    ("alcohol", "Alcohol", "Drinking problems and recovery from alcohol use."),
    ("drugs", "Drugs", "Problems with drugs, including prescription drugs, and recovery."),
    ("mental-health", "Mental health", "Depression, bipolar disorder, anxiety, psychosis, ..."),
    ("co-occurring", "Co-occurring disorders", "Mental illness together with substance use."),
    ("family", "Family members and friends", "For people who love someone who is struggling."),
    ("bereavement", "Bereavement", "Grief after the death of someone close, including suicide."),
    ("medical", "Medical conditions", "Living with a general medical condition."),
    ("behaviours", "Gambling, eating and other behaviours", "Compulsive gambling, eating, ..."),
]

AUDIENCE_TAGS = [
    ("women", "Women", "W"),
    ("men", "Men", "M"),
    ("young-people", "Young people", "Y"),
    ("teens", "Teenagers", ""),
    ("seniors", "Seniors", "SEN"),
    ("lgbtq", "LGBTQ+", "LGBTQ"),
    ("transgender", "Transgender people", "T"),
    ("people-of-color", "People of color", "POC"),
    ("native-american", "Native American", "N"),
    ("newcomers", "Newcomers", "BE"),
    ("professionals", "Professionals", "P"),
    ("veterans", "Veterans", ""),
    ("parents", "Parents", ""),
    ("families", "Families and friends", ""),
]

LANGUAGES = [
    ("en", "English", "English", "EN"),
    ("es", "Spanish", "Español", "S"),
    ("fr", "French", "Français", "FR"),
    ("pt", "Portuguese", "Português", "POR"),
    ("ru", "Russian", "Русский", "RUS"),
    ("ar", "Arabic", "العربية", "AR"),
    ("ko", "Korean", "한국어", "KOR"),
    ("zh", "Chinese", "中文", ""),
    ("vi", "Vietnamese", "Tiếng Việt", ""),
    ("tl", "Tagalog", "Tagalog", "TL"),
    ("pl", "Polish", "Polski", "POL"),
    ("ht", "Haitian Creole", "Kreyòl ayisyen", ""),
    ("ase", "American Sign Language", "ASL", "ASL"),
]

ORGANIZATIONS = [
    (
        "Alcoholics Anonymous",
        "AA",
        "aa",
        "twelve_step",
        "https://www.aa.org/",
        ["alcohol"],
        "A fellowship of people who share their experience, strength and hope to recover from "
        "alcoholism, through the Twelve Steps.",
    ),
    (
        "Narcotics Anonymous",
        "NA",
        "na",
        "twelve_step",
        "https://na.org/",
        ["drugs"],
        "A fellowship of people for whom drugs had become a major problem, meeting to help each "
        "other stay clean through the Twelve Steps.",
    ),
    (
        "Cocaine Anonymous",
        "CA",
        "ca",
        "twelve_step",
        "https://ca.org/",
        ["drugs"],
        "A 12-step fellowship for recovery from cocaine and all other mind-altering substances.",
    ),
    (
        "Crystal Meth Anonymous",
        "CMA",
        "cma",
        "twelve_step",
        "https://www.crystalmeth.org/",
        ["drugs"],
        "A 12-step fellowship for people recovering from crystal meth addiction.",
    ),
    (
        "Marijuana Anonymous",
        "MA",
        "ma",
        "twelve_step",
        "https://marijuana-anonymous.org/",
        ["drugs"],
        "A 12-step fellowship for people who want to stop using marijuana.",
    ),
    (
        "Al-Anon Family Groups",
        "Al-Anon",
        "al-anon",
        "twelve_step",
        "https://al-anon.org/",
        ["family", "alcohol"],
        "For families and friends of people with a drinking problem, including Alateen for teens.",
    ),
    (
        "Nar-Anon Family Groups",
        "Nar-Anon",
        "nar-anon",
        "twelve_step",
        "https://www.nar-anon.org/",
        ["family", "drugs"],
        "For families and friends of people with a drug problem.",
    ),
    (
        "Families Anonymous",
        "FA",
        "families-anonymous",
        "twelve_step",
        "https://www.familiesanonymous.org/",
        ["family", "drugs", "alcohol"],
        "For relatives and friends concerned about a loved one's use of drugs or alcohol.",
    ),
    (
        "Adult Children of Alcoholics",
        "ACA",
        "aca",
        "twelve_step",
        "https://adultchildren.org/",
        ["family", "alcohol"],
        "For adults who grew up in alcoholic or otherwise dysfunctional families.",
    ),
    (
        "National Alliance on Mental Illness",
        "NAMI",
        "nami",
        "education_advocacy",
        "https://www.nami.org/",
        ["mental-health", "family"],
        "Education, support and advocacy for people living with mental illness and their families: "
        "NAMI Connection peer groups and NAMI Family Support Groups.",
    ),
    (
        "Depression and Bipolar Support Alliance",
        "DBSA",
        "dbsa",
        "peer_support",
        "https://www.dbsalliance.org/",
        ["mental-health"],
        "Peer-led support groups for people living with depression or bipolar disorder, and for "
        "their families.",
    ),
    (
        "GROW in America",
        "GROW",
        "grow",
        "mutual_aid",
        "",
        ["mental-health"],
        "A mutual-help programme for people with mental health problems, using a structured "
        "meeting and a written programme of growth.",
    ),
    (
        "Recovery International",
        "RI",
        "recovery-international",
        "cognitive",
        "",
        ["mental-health"],
        "Structured peer-led meetings that teach Dr. Abraham Low's method of managing nervous "
        "symptoms and fears through cognitive-behavioural techniques.",
    ),
    (
        "Double Trouble in Recovery",
        "DTR",
        "double-trouble",
        "twelve_step",
        "",
        ["co-occurring"],
        "A 12-step fellowship for people living with both mental illness and substance use.",
    ),
    (
        "Dual Recovery Anonymous",
        "DRA",
        "dual-recovery-anonymous",
        "twelve_step",
        "",
        ["co-occurring"],
        "A 12-step fellowship for recovery from both chemical dependency and an "
        "emotional or psychiatric illness.",
    ),
    (
        "SMART Recovery",
        "SMART",
        "smart-recovery",
        "cognitive",
        "https://smartrecovery.org/",
        ["alcohol", "drugs", "behaviours"],
        "Self-Management and Recovery Training: science-based, self-empowering mutual-help "
        "meetings for any addictive behaviour.",
    ),
    (
        "Emotions Anonymous",
        "EA",
        "emotions-anonymous",
        "twelve_step",
        "https://emotionsanonymous.org/",
        ["mental-health"],
        "A 12-step fellowship for people working toward recovery from emotional difficulties.",
    ),
    (
        "Schizophrenia and Psychosis Action Alliance",
        "S&PAA",
        "sczaction",
        "peer_support",
        "",
        ["mental-health"],
        "Peer support for people living with schizophrenia-related illnesses.",
    ),
    (
        "Women for Sobriety",
        "WFS",
        "women-for-sobriety",
        "peer_support",
        "https://womenforsobriety.org/",
        ["alcohol", "drugs"],
        "A peer support programme for women in recovery from substance use, built on positive "
        "statements of acceptance.",
    ),
    (
        "LifeRing Secular Recovery",
        "LifeRing",
        "lifering",
        "peer_support",
        "https://lifering.org/",
        ["alcohol", "drugs"],
        "Secular, abstinence-based peer support meetings.",
    ),
    (
        "Recovery Dharma",
        "Recovery Dharma",
        "recovery-dharma",
        "peer_support",
        "https://recoverydharma.org/",
        ["alcohol", "drugs", "behaviours"],
        "Peer-led meetings using Buddhist practices and meditation to recover from addiction.",
    ),
    (
        "Gamblers Anonymous",
        "GA",
        "gamblers-anonymous",
        "twelve_step",
        "https://www.gamblersanonymous.org/",
        ["behaviours"],
        "A 12-step fellowship for people who want to stop gambling.",
    ),
    (
        "Overeaters Anonymous",
        "OA",
        "overeaters-anonymous",
        "twelve_step",
        "https://oa.org/",
        ["behaviours"],
        "A 12-step fellowship for recovery from compulsive eating.",
    ),
    (
        "The Compassionate Friends",
        "TCF",
        "compassionate-friends",
        "peer_support",
        "https://www.compassionatefriends.org/",
        ["bereavement"],
        "Support for families after the death of a son or daughter, brother or sister, or "
        "grandchild.",
    ),
    (
        "Survivors of Suicide Loss",
        "SOSL",
        "survivors-of-suicide-loss",
        "peer_support",
        "",
        ["bereavement"],
        "Peer support groups for people who have lost someone to suicide.",
    ),
    (
        "Mended Hearts",
        "Mended Hearts",
        "mended-hearts",
        "peer_support",
        "https://mendedhearts.org/",
        ["medical"],
        "Peer-to-peer support for heart patients, their families and caregivers.",
    ),
    (
        "Hearing Voices Network",
        "HVN",
        "hearing-voices",
        "peer_support",
        "",
        ["mental-health"],
        "Peer support groups for people who hear voices, see visions or have other unusual "
        "experiences.",
    ),
]


def forward(apps, schema_editor):
    FocusArea = apps.get_model("groups", "FocusArea")
    AudienceTag = apps.get_model("groups", "AudienceTag")
    Language = apps.get_model("groups", "Language")
    Organization = apps.get_model("groups", "Organization")
    areas = {}
    for position, (slug, name, description) in enumerate(FOCUS_AREAS):
        areas[slug], _ = FocusArea.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
    for position, (slug, name, code) in enumerate(AUDIENCE_TAGS):
        AudienceTag.objects.get_or_create(
            slug=slug, defaults={"name": name, "meeting_guide_code": code, "position": position}
        )
    for code, name, native, mg_code in LANGUAGES:
        Language.objects.get_or_create(
            code=code,
            defaults={"name": name, "native_name": native, "meeting_guide_code": mg_code},
        )
    for name, short, slug, approach, website, focus, description in ORGANIZATIONS:
        organization, _ = Organization.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "short_name": short,
                "approach": approach,
                "website": website,
                "description": description,
            },
        )
        organization.focus_areas.set([areas[slug] for slug in focus])


def backward(apps, schema_editor):
    apps.get_model("groups", "Organization").objects.filter(
        slug__in=[row[2] for row in ORGANIZATIONS], groups__isnull=True
    ).delete()
    apps.get_model("groups", "Language").objects.filter(
        code__in=[row[0] for row in LANGUAGES], meetings__isnull=True
    ).delete()
    apps.get_model("groups", "AudienceTag").objects.filter(
        slug__in=[row[0] for row in AUDIENCE_TAGS], groups__isnull=True
    ).delete()
    apps.get_model("groups", "FocusArea").objects.filter(
        slug__in=[row[0] for row in FOCUS_AREAS], groups__isnull=True, organizations__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("groups", "0002_postgresql_search_indexes")]

    operations = [migrations.RunPython(forward, backward)]
