from django.conf import settings
from django.db import models


class SelfHelpGroupQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=SelfHelpGroup.Status.ACTIVE)

    def led_by(self, user):
        return self.filter(leaderships__user=user, leaderships__ended_at__isnull=True)


class SelfHelpGroup(models.Model):
    """A local self-help group: its listing belongs to the group, not to any agency."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending review"
        ACTIVE = "active", "Active"
        INACTIVE = "inactive", "Inactive"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SelfHelpGroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "self-help group"

    def __str__(self):
        return self.name


class GroupLeadershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ended_at__isnull=True, group__status__in=["active", "pending"])


class GroupLeadership(models.Model):
    """Which user may keep which group's listing. Ending it takes effect on the next request."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="leaderships"
    )
    group = models.ForeignKey(SelfHelpGroup, on_delete=models.CASCADE, related_name="leaderships")
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = GroupLeadershipQuerySet.as_manager()

    class Meta:
        ordering = ["group__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "group"],
                condition=models.Q(ended_at__isnull=True),
                name="one_active_leadership_per_user_and_group",
            )
        ]

    def __str__(self):
        return f"{self.user} leads {self.group}"
