"""The fields of a listing that people edit, each list written once: the forms show them, the
listing's history records them, and suggestions and imports take from them the part they carry."""

# What a leader keeps; status, verification, autonomy and search columns belong to staff.
GROUP_FIELDS = [
    "name",
    "organization",
    "focus_areas",
    "audience",
    "listing_languages",
    "description",
    "who_attends",
    "typical_format",
    "common_issues",
    "philosophy",
    "text_language",
    "second_language",
    "second_description",
    "second_who_attends",
    "second_typical_format",
    "format_structure",
    "founded_year",
    "typical_attendance",
    "public_email",
    "public_phone",
    "website",
]
# A meeting's days are one bit mask (`weekdays`); its form shows them as checkboxes (`days`).
MEETING_FIELDS = [
    "name",
    "recurrence",
    "weekdays",
    "month_week",
    "start_time",
    "end_time",
    "timezone",
    "mode",
    "location",
    "location_notes",
    "conference_url",
    "conference_phone",
    "conference_notes",
    "area",
    "access",
    "type_codes",
    "languages",
    "accessibility_notes",
    "notes",
    "status",
]
CONTACT_FIELDS = ["first_name", "last_name", "role", "email", "phone", "is_public", "position"]

# What anyone may suggest: plain values that can be compared and applied field by field.
SUGGESTIBLE_GROUP_FIELDS = [
    "description",
    "who_attends",
    "typical_format",
    "common_issues",
    "philosophy",
    "public_email",
    "public_phone",
    "website",
]
SUGGESTIBLE_MEETING_FIELDS = [
    "start_time",
    "end_time",
    "location_notes",
    "conference_url",
    "conference_phone",
    "conference_notes",
    "notes",
    "status",
]

# What a meeting list carries (`groups.imports`): a meeting's languages are matched apart, by their
# codes, and no format has accessibility notes.
IMPORTED_GROUP_FIELDS = ["name", "description", "website", "public_email", "public_phone"]
IMPORTED_MEETING_FIELDS = [
    *(name for name in MEETING_FIELDS if name not in ("languages", "accessibility_notes")),
    "source_types",
    "source_fields",
]

# A meeting place, as the group whose meeting is there describes it (`groups.listing.places`).
PLACE_FIELDS = [
    "name",
    "street",
    "city",
    "state",
    "postal_code",
    "country",
    "step_free",
    "accessible_toilet",
    "parking",
    "hearing_loop",
    "accessibility",
    "directions",
]

# The kind of group, set by liaison staff (the paper's typology; `groups:typology`).
TYPOLOGY_FIELDS = ["problem_locus", "format_structure", "autonomy"]
