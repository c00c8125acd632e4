import pytest

from surveys.services import survey_from_template, survey_open


@pytest.fixture
def survey(agency, liaison):
    """An open client survey made from the ready template."""
    made = survey_from_template(agency=agency, template="clients", by=liaison)
    return survey_open(survey=made, by=liaison)


@pytest.fixture
def member_survey(agency, liaison, group):
    made = survey_from_template(agency=agency, template="members", group=group, by=liaison)
    return survey_open(survey=made, by=liaison)
