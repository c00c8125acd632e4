"""The record of each run of a scheduled job: when it was due, when it started and ended, how
it went and what it did. A run's (job, slot) is unique, so that two schedulers running at once
start a job once."""

from django.db import models


class JobRun(models.Model):
    class Outcome(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    job = models.CharField(max_length=60)
    # The time the run was due (a slot of the job's schedule), or when it was asked for by hand.
    slot = models.DateTimeField()
    by_hand = models.BooleanField(default=False)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.QUEUED)
    queued_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # What the run did, as the job reports it: {"emails": 3, "listings": 2}.
    counts = models.JSONField(default=dict, blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-slot", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["job", "slot"],
                condition=models.Q(by_hand=False),
                name="one_scheduled_run_per_job_and_slot",
            )
        ]
        indexes = [models.Index(fields=["job", "-slot"])]

    def __str__(self):
        return f"{self.job} at {self.slot:%Y-%m-%d %H:%M} ({self.outcome})"

    @property
    def duration(self):
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None
