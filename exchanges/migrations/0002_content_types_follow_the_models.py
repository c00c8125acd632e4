from django.db import migrations

MOVED = ["activity", "boardseat", "formaltie", "support", "trainingsession", "visit"]


def follow(apps, schema_editor, old, new):
    """The moved models' content types (and with them their permissions and the admin's history
    of changes) are renamed to the app that now holds the models, where not already there."""
    content_type = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    taken = set(
        content_type.objects.using(db)
        .filter(app_label=new, model__in=MOVED)
        .values_list("model", flat=True)
    )
    content_type.objects.using(db).filter(app_label=old, model__in=MOVED).exclude(
        model__in=taken
    ).update(app_label=new)


def forwards(apps, schema_editor):
    follow(apps, schema_editor, "liaison", "exchanges")


def backwards(apps, schema_editor):
    follow(apps, schema_editor, "exchanges", "liaison")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("exchanges", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
