"""The two ready-made question sets. Staff copy one into a new draft survey and adapt it.

Clients: do they take part in self-help groups, which kinds, how satisfied, what helped, what got
in the way. Members: their use of professional services and satisfaction with them, and how they
heard of the group (earlier studies found extensive use of, and satisfaction with, professional
services among self-help members).

Each set comes in Spanish too (`*_es`): a respondent reading the site in Spanish reads it in
Spanish, and their answers are stored and counted as the English choices."""

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
    text_es: str = ""
    choices_es: tuple = ()
    help_text_es: str = ""
    scale_low_es: str = ""
    scale_high_es: str = ""


@dataclass(frozen=True)
class QuestionSet:
    key: str
    audience: str
    title: str
    intro: str
    description: str
    questions: list = field(default_factory=list)
    title_es: str = ""
    intro_es: str = ""


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
    title_es="Los grupos de autoayuda y usted",
    intro_es=(
        "Nos gustaría saber si nuestros clientes participan en grupos de autoayuda y de ayuda "
        "mutua, y cómo les va. La encuesta es anónima: no le pedimos su nombre y no podemos "
        "saber quién respondió. Le llevará unos tres minutos. Puede dejar sin responder "
        "cualquier pregunta que no esté marcada como obligatoria."
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
            text_es="En los últimos 3 meses, ¿ha participado en un grupo de autoayuda o de ayuda "
            "mutua (en persona o en línea)?",
            choices_es=("Sí", "No", "No lo sé"),
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
            text_es="Si respondió que sí: ¿en qué tipos de grupo?",
            choices_es=(
                "Grupo de 12 pasos (AA, NA, Al-Anon, ...)",
                "Apoyo entre pares en salud mental (NAMI, DBSA, GROW, ...)",
                "SMART Recovery u otro grupo de recuperación que no sea de 12 pasos",
                "Grupo de duelo",
                "Un grupo para una enfermedad o condición médica",
                "Otro tipo de grupo",
            ),
            help_text="Tick all that apply.",
            help_text_es="Marque todas las que correspondan.",
            key="kinds",
        ),
        Q(
            "number",
            "About how many meetings did you go to in the last 3 months?",
            min_value=0,
            max_value=200,
            key="meetings",
            text_es="Aproximadamente, ¿a cuántas reuniones fue en los últimos 3 meses?",
        ),
        Q(
            "scale",
            "How satisfied are you with the group or groups?",
            scale_low="Not at all satisfied",
            scale_high="Very satisfied",
            key="satisfaction",
            text_es="¿Qué tan conforme está con el grupo o los grupos?",
            scale_low_es="Nada conforme",
            scale_high_es="Muy conforme",
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
            help_text_es="Marque todas las que correspondan.",
            key="helped",
            text_es="¿Qué le ayudó a ir?",
            choices_es=(
                "Me lo sugirió mi terapeuta o la persona que lleva mi caso",
                "Alguien del grupo me recibió o me acompañó",
                "Información clara sobre cuándo y dónde",
                "Una amistad o alguien de mi familia",
                "Una reunión en línea a la que podía unirme desde casa",
                "Otra cosa",
            ),
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
            help_text_es="Marque todas las que correspondan.",
            key="barriers",
            text_es="¿Qué se lo hizo difícil?",
            choices_es=(
                "Los horarios o los lugares no me venían bien",
                "El transporte",
                "El trabajo o cuidar de alguien",
                "Pensé que no iba a encajar",
                "No sabía que existían los grupos",
                "Nada me lo hizo difícil",
            ),
        ),
        Q(
            "scale",
            "How satisfied are you with the help this agency gave you in finding a group?",
            scale_low="Not at all satisfied",
            scale_high="Very satisfied",
            key="agency_help",
            text_es="¿Qué tan conforme está con la ayuda que le dio esta agencia para encontrar "
            "un grupo?",
            scale_low_es="Nada conforme",
            scale_high_es="Muy conforme",
        ),
        Q(
            "text",
            "Anything else you would like us to know?",
            text_es="¿Hay algo más que quiera contarnos?",
            help_text="Please do not write your name or anyone else's.",
            help_text_es="Por favor, no escriba su nombre ni el de otras personas.",
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
    title_es="Los miembros y los servicios profesionales",
    intro_es=(
        "Su grupo aceptó participar en esta breve encuesta de la oficina de enlace de la agencia. "
        "Preguntamos sobre el uso que hacen los miembros de los servicios profesionales. Es "
        "anónima: no le pedimos su nombre y no podemos saber quién respondió. El grupo solo ve "
        "los totales."
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
            text_es="En los últimos 12 meses, ¿ha usado servicios profesionales de salud mental o "
            "de consumo de sustancias (terapia o consejería, atención médica, una clínica o un "
            "programa de tratamiento)?",
            choices_es=("Sí", "No", "Prefiero no decirlo"),
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
            help_text_es="Marque todas las que correspondan.",
            key="service_kinds",
            text_es="Si respondió que sí: ¿qué servicios?",
            choices_es=(
                "Consejería o terapia",
                "Psiquiatría o medicamentos",
                "Un programa de tratamiento ambulatorio",
                "Un hospital o un programa residencial",
                "Servicios de crisis",
                "Otra cosa",
            ),
        ),
        Q(
            "scale",
            "How satisfied were you with those services?",
            scale_low="Not at all satisfied",
            scale_high="Very satisfied",
            key="satisfaction",
            text_es="¿Qué tan conforme quedó con esos servicios?",
            scale_low_es="Nada conforme",
            scale_high_es="Muy conforme",
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
            text_es="¿Cómo supo de este grupo por primera vez?",
            choices_es=(
                "Por alguien de un servicio profesional (terapia, medicina u otro)",
                "Por mi familia o una amistad",
                "Por otra persona del grupo",
                "Por internet o un directorio",
                "Por el periódico, la radio o un evento de la comunidad",
                "De otra manera",
            ),
        ),
        Q(
            "number",
            "About how many meetings of the group do you go to in a month?",
            min_value=0,
            max_value=31,
            key="meetings",
            text_es="Aproximadamente, ¿a cuántas reuniones del grupo va en un mes?",
        ),
        Q(
            "text",
            "What would you like the agency's staff to know about the group?",
            text_es="¿Qué le gustaría que el personal de la agencia supiera sobre el grupo?",
            help_text="Please do not write your name or anyone else's.",
            help_text_es="Por favor, no escriba su nombre ni el de otras personas.",
            key="comments",
        ),
    ],
)

QUESTION_SETS = {qs.key: qs for qs in (CLIENTS, MEMBERS)}
