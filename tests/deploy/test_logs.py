"""An expected refusal is one line in the server's log, not a traceback."""

import logging

from django.urls import reverse


def test_a_403_is_logged_as_one_line(client_of, practitioner, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client_of(practitioner).get(reverse("liaison:staff_list"))
    assert response.status_code == 403
    [entry] = [r for r in caplog.records if r.name == "django.request"]
    assert entry.getMessage() == "Forbidden (Permission denied): /office/staff/"
    assert entry.exc_info is None and entry.exc_text is None


def test_a_500_keeps_its_traceback(caplog):
    from liaison.logs import ExpectedRefusals

    record = logging.LogRecord("django.request", logging.ERROR, "", 0, "boom", (), None)
    record.status_code = 500
    record.exc_info = (RuntimeError, RuntimeError("boom"), None)
    assert ExpectedRefusals().filter(record) and record.exc_info is not None
