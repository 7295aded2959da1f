from django.db import migrations


def create_roles(apps, schema_editor):
    from articles.roles import apply_roles_in_migration

    apply_roles_in_migration(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_workflow_history"),
        ("tags", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
