# The policy models, moved from the privacy app with their tables, rows and content
# types: only Django's state changes here (privacy 0009 removes them there).

from django.db import migrations, models

from partnership.core.migration_moves import CONTENT_TYPES_DEPENDENCY, content_types_moved


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0008_marketing_export_members"),
        CONTENT_TYPES_DEPENDENCY,
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PolicyVersion",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("number", models.PositiveIntegerField(unique=True)),
                        ("effective_from", models.DateField()),
                        ("summary", models.TextField(max_length=2000)),
                        ("body", models.TextField(max_length=100000)),
                        ("body_html", models.TextField()),
                        ("published_at", models.DateTimeField()),
                        ("tables_html", models.TextField(blank=True, default="")),
                        ("tables_snapshot", models.JSONField(blank=True, null=True)),
                        (
                            "registry_revision",
                            models.CharField(blank=True, default="", max_length=32),
                        ),
                    ],
                    options={
                        "db_table": "privacy_policyversion",
                        "ordering": ["-number"],
                    },
                ),
            ],
            database_operations=[],
        ),
        content_types_moved(old="privacy", new="policy", models=("policyversion",)),
    ]
