"""Every mail the app sends goes through the task queue: a request never waits on (or fails
because of) the mail server. The content is written in the request, in the reader's language;
mails that would carry a client's details are written by their own task from ids instead, so
that no identity sits in the queue (see `referrals.tasks`)."""

from django.core.mail import EmailMessage

from jobs.queue import background, later


@background
def send_email(*, subject: str, body: str, to: list[str], from_email=None, reply_to=None):
    EmailMessage(subject, body, from_email, to, reply_to=reply_to or None).send()
    return {"sent": len(to)}


def mail_later(subject, body, to, *, from_email=None, reply_to=None) -> None:
    later(
        send_email,
        subject=str(subject),
        body=str(body),
        to=list(to),
        from_email=from_email,
        reply_to=list(reply_to) if reply_to else None,
    )
