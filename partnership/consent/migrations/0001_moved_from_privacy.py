# The consent models, moved from the privacy app with their tables, rows and content
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
                    name="ConsentRecord",
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
                        ("consent_id", models.UUIDField(db_index=True)),
                        ("given_at", models.DateTimeField(db_index=True)),
                        (
                            "method",
                            models.CharField(
                                choices=[
                                    ("banner", "banner"),
                                    ("settings_page", "settings_page"),
                                    ("browser_signal", "browser_signal"),
                                ],
                                max_length=20,
                            ),
                        ),
                        (
                            "statistics",
                            models.CharField(
                                choices=[("allowed", "allowed"), ("objected", "objected")],
                                max_length=10,
                            ),
                        ),
                        (
                            "research",
                            models.CharField(
                                choices=[
                                    ("granted", "granted"),
                                    ("refused", "refused"),
                                    ("not_asked", "not_asked"),
                                ],
                                max_length=10,
                            ),
                        ),
                        (
                            "preferences",
                            models.CharField(
                                choices=[("allowed", "allowed"), ("refused", "refused")],
                                max_length=10,
                            ),
                        ),
                        ("browser_signal", models.BooleanField(default=False)),
                        ("policy_version", models.PositiveIntegerField(blank=True, null=True)),
                        ("registry_revision", models.CharField(max_length=32)),
                        ("user_id", models.UUIDField(blank=True, db_index=True, null=True)),
                    ],
                    options={
                        "db_table": "privacy_consentrecord",
                        "ordering": ["-given_at", "-id"],
                    },
                ),
            ],
            database_operations=[],
        ),
        content_types_moved(old="privacy", new="consent", models=("consentrecord",)),
    ]
