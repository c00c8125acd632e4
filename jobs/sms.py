"""Text messages, through a sender the installation names (`SMS_BACKEND`), like Django's mail
backends. In development and tests the messages are written to the log (as the console mail
backend prints mail); in production there is none until a gateway is configured, and the app
then offers no reminder by text."""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("liaison.sms")


class LogBackend:
    """Development and tests: the message goes to the log, nowhere else."""

    def send(self, to: str, body: str) -> None:
        logger.info("Text message to %s: %s", to, body)


class DisabledBackend:
    """No gateway configured: text messages are not offered."""

    def send(self, to: str, body: str) -> None:
        raise RuntimeError("No SMS_BACKEND is configured: text messages cannot be sent.")


def available() -> bool:
    return bool(settings.SMS_BACKEND) and not settings.SMS_BACKEND.endswith(".DisabledBackend")


def send_text(to: str, body: str) -> None:
    import_string(settings.SMS_BACKEND or "jobs.sms.DisabledBackend")().send(to, body)
