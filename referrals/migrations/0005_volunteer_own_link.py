import secrets

import django.utils.timezone
from django.db import migrations, models

import referrals.models


def give_each_volunteer_a_key(apps, schema_editor):
    PeerVolunteer = apps.get_model("referrals", "PeerVolunteer")
    for volunteer in PeerVolunteer.objects.all():
        volunteer.access_key = secrets.token_urlsafe(32)
        volunteer.save(update_fields=["access_key"])


class Migration(migrations.Migration):
    dependencies = [("referrals", "0004_soft_delete")]

    operations = [
        migrations.AddField(
            model_name="peervolunteer",
            name="access_key",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(give_each_volunteer_a_key, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="peervolunteer",
            name="access_key",
            field=models.CharField(
                default=referrals.models.new_access_key,
                editable=False,
                max_length=64,
                unique=True,
            ),
        ),
        migrations.AddField(
            model_name="peervolunteer",
            name="contact_changed_at",
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False),
        ),
    ]
