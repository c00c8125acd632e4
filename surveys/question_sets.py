"""The two ready-made question sets. Staff copy one into a new draft survey and adapt it.

Clients: do they take part in self-help groups, which kinds, how satisfied, what helped, what got
in the way. Members: their use of professional services and satisfaction with them, and how they
heard of the group (earlier studies found extensive use of, and satisfaction with, professional
services among self-help members)."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Q:
    kind: str
    text: str
    required: bool = False
    choices: tuple = ()
    help_text: str = ""
    scale_low: str = ""
    scale_high: str = ""
    min_value: int | None = None
    max_value: int | None = None
    key: str = ""


@dataclass(frozen=True)
class QuestionSet:
    key: str
    audience: str
    title: str
    intro: str
    description: str
    questions: list = field(default_factory=list)


CLIENTS = QuestionSet(
    key="clients",
    audience="clients",
    title="Self-help groups and you",
    intro=(
        "We would like to know whether our clients take part in self-help and mutual support "
        "groups, and how it goes. The survey is anonymous: we do not ask your name and cannot "
        "tell who answered. It takes about three minutes. You may skip any question that is "
        "not marked as required."
    ),
    description=(
        "For the agency's clients: self-help participation in the last 3 months, which kinds "
        "of group, satisfaction, what helped and what got in the way."
    ),
    questions=[
        Q(
            "single",
            "In the last 3 months, have you taken part in a self-help or mutual support group "
            "(in person or online)?",
            required=True,
            choices=("Yes", "No", "Not sure"),
            key="participation",
        ),
        Q(
            "multiple",
            "If yes: which kinds of group?",
            choices=(
                "12-step group (AA, NA, Al-Anon, ...)",
                "Mental health peer support (NAMI, DBSA, GROW, ...)",
                "SMART Recovery or another non-12-step recovery group",
                "Grief or bereavement group",
                "A group for a medical condition",
                "Another kind of group",
            ),
            help_text="Tick all that apply.",
            key="kinds",
        ),
        Q(
            "number",
            "About how many meetings did you go to in the last 3 months?",
            min_value=0,
            max_value=200,
            key="meetings",
        ),
        Q(
            "scale",
            "How satisfied are you with the group or groups?",
            scale_low="Not at all satisfied",
            scale_high="Very satisfied",
            key="satisfaction",
        ),
        Q(
            "multiple",
            "What helped you go?",
            choices=(
                "My counsellor or case manager suggested it",
                "Someone from the group met me or went with me",
                "Clear information on when and where",
                "A friend or family member",
                "An online meeting I could join from home",
                "Something else",
            ),
            help_text="Tick all that apply.",
            key="helped",
        ),
        Q(
            "multiple",
            "What got in the way?",
            choices=(
                "Times or places did not suit me",
                "Transport",
                "Work or caring for someone",
                "I did not think I would fit in",
                "I did not know about the groups",
                "Nothing got in the way",
            ),
            help_text="Tick all that apply.",
            key="barriers",
        ),
        Q(
            "scale",
            "How satisfied are you with the help this agency gave you in finding a group?",
            scale_low="Not at all satisfied",
            scale_high="Very satisfied",
            key="agency_help",
        ),
        Q(
            "text",
            "Anything else you would like us to know?",
            help_text="Please do not write your name or anyone else's.",
            key="comments",
        ),
    ],
)

MEMBERS = QuestionSet(
    key="members",
    audience="members",
    title="Members and professional services",
    intro=(
        "Your group agreed to take part in this short survey from the agency's liaison office. "
        "We ask about members' use of professional services. It is anonymous: we do not ask "
        "your name and cannot tell who answered. The group sees only the totals."
    ),
    description=(
        "For a group's members (the group chooses to take part): use of professional "
        "services, satisfaction with them, how they heard of the group."
    ),
    questions=[
        Q(
            "single",
            "In the last 12 months, have you used professional mental health or substance use "
            "services (a counsellor, doctor, clinic or treatment programme)?",
            required=True,
            choices=("Yes", "No", "Prefer not to say"),
            key="used_services",
        ),
        Q(
            "multiple",
            "If yes: which services?",
            choices=(
                "Counselling or therapy",
                "A psychiatrist or medication",
                "An outpatient treatment programme",
                "A hospital or residential programme",
                "Crisis services",
                "Something else",
            ),
            help_text="Tick all that apply.",
            key="service_kinds",
        ),
        Q(
            "scale",
            "How satisfied were you with those services?",
            scale_low="Not at all satisfied",
            scale_high="Very satisfied",
            key="satisfaction",
        ),
        Q(
            "single",
            "How did you first hear of this group?",
            choices=(
                "A counsellor, doctor or other professional",
                "Family or a friend",
                "Another member",
                "The internet or a directory",
                "A newspaper, radio or community event",
                "Another way",
            ),
            key="heard",
        ),
        Q(
            "number",
            "About how many meetings of the group do you go to in a month?",
            min_value=0,
            max_value=31,
            key="meetings",
        ),
        Q(
            "text",
            "What would you like the agency's staff to know about the group?",
            help_text="Please do not write your name or anyone else's.",
            key="comments",
        ),
    ],
)

QUESTION_SETS = {qs.key: qs for qs in (CLIENTS, MEMBERS)}
