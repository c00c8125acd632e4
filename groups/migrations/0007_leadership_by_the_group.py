import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def statuses_from_dates(apps, schema_editor):
    LeaderInvitation = apps.get_model("groups", "LeaderInvitation")
    LeaderInvitation.objects.filter(accepted_at__isnull=False).update(status="accepted")
    LeaderInvitation.objects.filter(accepted_at__isnull=True, revoked_at__isnull=False).update(
        status="withdrawn"
    )
    for invitation in LeaderInvitation.objects.filter(status="sent"):
        invitation.sent_at = invitation.created_at
        invitation.save(update_fields=["sent_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0006_selfhelpgroup_listing_languages"),
        ("liaison", "0004_user_language"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="leaderinvitation",
            name="agency",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="liaison.agency",
            ),
        ),
        migrations.AddField(
            model_name="leaderinvitation",
            name="decided_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="leaderinvitation",
            name="decided_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="leaderinvitation",
            name="note",
            field=models.CharField(
                blank=True,
                help_text="Why this person: shown to those who decide on the proposal.",
                max_length=500,
            ),
        ),
        migrations.AddField(
            model_name="leaderinvitation",
            name="origin",
            field=models.CharField(
                choices=[
                    ("leader", "Invited by a leader of the group"),
                    ("superuser", "Invited by the installation's administrator"),
                    ("staff", "Proposed by agency staff"),
                    ("new_group", "The person who asked to list the new group"),
                ],
                default="leader",
                max_length=12,
            ),
        ),
        migrations.AddField(
            model_name="leaderinvitation",
            name="sent_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="leaderinvitation",
            name="status",
            field=models.CharField(
                choices=[
                    ("awaiting_group", "Waiting for the group's leaders"),
                    ("awaiting_review", "Waiting for the installation's administrator"),
                    ("sent", "Sent, waiting for the person invited"),
                    ("accepted", "Accepted"),
                    ("declined", "Declined"),
                    ("withdrawn", "Withdrawn"),
                ],
                default="sent",
                max_length=16,
            ),
        ),
        migrations.RunPython(statuses_from_dates, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="leaderinvitation",
            index=models.Index(fields=["group", "status"], name="groups_lead_group_i_a1c9e1_idx"),
        ),
    ]
