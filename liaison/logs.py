"""Logging helpers."""

import logging


class ExpectedRefusals(logging.Filter):
    """Keep a 403 or 404 as one line: drop the traceback Django attaches to it."""

    def filter(self, record):
        status = getattr(record, "status_code", None)
        if status in (403, 404) and record.exc_info:
            record.exc_info = None
            record.exc_text = None
        return True
