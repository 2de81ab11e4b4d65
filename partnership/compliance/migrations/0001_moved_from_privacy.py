# The compliance models, moved from the privacy app with their tables, rows and content
# types: only Django's state changes here (privacy 0009 removes them there).

import uuid

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import partnership.compliance.processors.models
import partnership.core.text
import partnership.crypto.fields
from partnership.core.migration_moves import CONTENT_TYPES_DEPENDENCY, content_types_moved


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0008_marketing_export_members"),
        CONTENT_TYPES_DEPENDENCY,
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Complaint",
                    fields=[
                        (
                            "id",
                            models.UUIDField(
                                default=uuid.uuid4,
                                editable=False,
                                primary_key=True,
                                serialize=False,
                            ),
                        ),
                        ("reference", models.CharField(max_length=14, unique=True)),
                        (
                            "name",
                            partnership.crypto.fields.EncryptedTextField(
                                max_length=200,
                                validators=[partnership.core.text.validate_single_line],
                            ),
                        ),
                        (
                            "email",
                            partnership.crypto.fields.EncryptedTextField(
                                max_length=254,
                                validators=[
                                    partnership.core.text.validate_single_line,
                                    django.core.validators.EmailValidator(),
                                ],
                            ),
                        ),
                        ("email_index", models.CharField(db_index=True, max_length=64)),
                        (
                            "phone",
                            partnership.crypto.fields.EncryptedTextField(
                                blank=True,
                                default="",
                                max_length=32,
                                validators=[partnership.core.text.validate_single_line],
                            ),
                        ),
                        (
                            "topic",
                            models.CharField(
                                choices=[
                                    ("card_account", "My card account"),
                                    ("application", "An application for the card"),
                                    (
                                        "personal_information",
                                        "How you used my personal information",
                                    ),
                                    ("marketing", "Marketing I received"),
                                    ("website", "This website"),
                                    ("other", "Something else"),
                                ],
                                max_length=32,
                            ),
                        ),
                        (
                            "details",
                            partnership.crypto.fields.EncryptedTextField(
                                max_length=5000,
                                validators=[partnership.core.text.validate_multi_line],
                            ),
                        ),
                        (
                            "reply_preference",
                            models.CharField(
                                choices=[("email", "By e-mail"), ("phone", "By phone")],
                                max_length=16,
                            ),
                        ),
                        ("received_at", models.DateTimeField(db_index=True)),
                        ("acknowledge_by", models.DateField()),
                        ("acknowledged_at", models.DateTimeField(blank=True, null=True)),
                        ("closed_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("received", "Received"),
                                    ("acknowledged", "Acknowledged"),
                                    ("closed", "Closed"),
                                ],
                                default="received",
                                max_length=16,
                            ),
                        ),
                        ("submission_key", models.CharField(max_length=64, unique=True)),
                    ],
                    options={
                        "db_table": "privacy_complaint",
                        "ordering": ["-received_at"],
                    },
                    bases=(partnership.crypto.fields.DecryptOnLoad, models.Model),
                ),
                migrations.CreateModel(
                    name="MarketingRecipient",
                    fields=[
                        (
                            "id",
                            models.UUIDField(
                                default=uuid.uuid4,
                                editable=False,
                                primary_key=True,
                                serialize=False,
                            ),
                        ),
                        (
                            "company_name",
                            models.CharField(
                                max_length=200,
                                validators=[partnership.core.text.validate_single_line],
                            ),
                        ),
                        ("is_partnership_company", models.BooleanField(default=False)),
                        (
                            "contact",
                            models.CharField(
                                max_length=300,
                                validators=[partnership.core.text.validate_single_line],
                            ),
                        ),
                        ("created_at", models.DateTimeField()),
                    ],
                    options={
                        "db_table": "privacy_marketingrecipient",
                        "ordering": ["company_name", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="Processor",
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
                        (
                            "supplier",
                            models.CharField(
                                max_length=200,
                                validators=[partnership.core.text.validate_single_line],
                            ),
                        ),
                        (
                            "service",
                            models.CharField(
                                max_length=200,
                                validators=[partnership.core.text.validate_single_line],
                            ),
                        ),
                        (
                            "data_categories",
                            models.JSONField(
                                validators=[
                                    partnership.compliance.processors.models.validate_categories
                                ]
                            ),
                        ),
                        (
                            "country",
                            models.CharField(
                                max_length=60,
                                validators=[partnership.core.text.validate_single_line],
                            ),
                        ),
                        (
                            "safeguard",
                            models.CharField(
                                choices=[
                                    ("uk", "Processed in the UK"),
                                    ("adequacy", "UK adequacy regulations"),
                                    ("idta", "International Data Transfer Agreement (IDTA)"),
                                    (
                                        "addendum",
                                        "UK Addendum to the EU Standard Contractual Clauses",
                                    ),
                                    ("none", "None"),
                                ],
                                max_length=10,
                            ),
                        ),
                        ("contract_date", models.DateField()),
                        ("audit_due", models.DateField()),
                        ("audit_done", models.DateField(blank=True, null=True)),
                        (
                            "findings",
                            models.TextField(
                                blank=True,
                                default="",
                                max_length=5000,
                                validators=[partnership.core.text.validate_multi_line],
                            ),
                        ),
                        ("created_at", models.DateTimeField()),
                        ("updated_at", models.DateTimeField()),
                    ],
                    options={
                        "db_table": "privacy_processor",
                        "ordering": ["service", "supplier", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="MarketingExport",
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
                        (
                            "channel",
                            models.CharField(
                                choices=[
                                    ("post", "Post"),
                                    ("email", "E-mail"),
                                    ("phone", "Phone"),
                                    ("sms", "Text message (SMS)"),
                                ],
                                max_length=10,
                            ),
                        ),
                        ("customer_count", models.PositiveIntegerField()),
                        ("created_at", models.DateTimeField()),
                        (
                            "staff_user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "recipient",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="exports",
                                to="compliance.marketingrecipient",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "privacy_marketingexport",
                        "ordering": ["-created_at", "-pk"],
                    },
                ),
                migrations.CreateModel(
                    name="RightsRequest",
                    fields=[
                        (
                            "id",
                            models.UUIDField(
                                default=uuid.uuid4,
                                editable=False,
                                primary_key=True,
                                serialize=False,
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("access", "A copy of my data (access)"),
                                    ("rectification", "Correct my data (rectification)"),
                                    ("erasure", "Erase my data (erasure)"),
                                    ("restriction", "Restrict how my data is used (restriction)"),
                                    ("objection", "Object to how my data is used (objection)"),
                                    (
                                        "automated_decision_review",
                                        "A person to review an automated decision (contest it)",
                                    ),
                                ],
                                max_length=32,
                            ),
                        ),
                        ("user_id", models.UUIDField(blank=True, db_index=True, null=True)),
                        (
                            "email_index",
                            models.CharField(blank=True, db_index=True, default="", max_length=64),
                        ),
                        ("received_at", models.DateTimeField(db_index=True)),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("received", "Received"),
                                    ("in_progress", "In progress"),
                                    ("closed", "Closed"),
                                ],
                                default="received",
                                max_length=16,
                            ),
                        ),
                        ("related_type", models.CharField(blank=True, default="", max_length=32)),
                        ("related_id", models.CharField(blank=True, default="", max_length=64)),
                        (
                            "details",
                            partnership.crypto.fields.EncryptedTextField(
                                blank=True,
                                default="",
                                max_length=2000,
                                validators=[partnership.core.text.validate_multi_line],
                            ),
                        ),
                        ("closed_at", models.DateTimeField(blank=True, null=True)),
                        ("due_on", models.DateField(blank=True, db_index=True, null=True)),
                        ("paused_since", models.DateField(blank=True, null=True)),
                        (
                            "pause_reason",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("identity", "Waiting for proof of identity"),
                                    ("clarification", "Waiting for clarification of the request"),
                                ],
                                default="",
                                max_length=16,
                            ),
                        ),
                        ("extension_months", models.PositiveSmallIntegerField(default=0)),
                        (
                            "extension_reason",
                            partnership.crypto.fields.EncryptedTextField(
                                blank=True,
                                max_length=1000,
                                null=True,
                                validators=[partnership.core.text.validate_multi_line],
                            ),
                        ),
                        ("categories_searched", models.JSONField(blank=True, default=list)),
                        ("erasure_summary", models.JSONField(blank=True, default=dict)),
                    ],
                    options={
                        "db_table": "privacy_rightsrequest",
                        "ordering": ["received_at"],
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("related_id", ""), _negated=True),
                                fields=("kind", "related_type", "related_id"),
                                name="privacy_rights_request_once_per_subject",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("user_id__isnull", False),
                                    models.Q(("email_index", ""), _negated=True),
                                    _connector="OR",
                                ),
                                name="privacy_rights_request_names_a_person",
                            ),
                        ],
                    },
                    bases=(partnership.crypto.fields.DecryptOnLoad, models.Model),
                ),
                migrations.CreateModel(
                    name="RightsRequestPause",
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
                        (
                            "reason",
                            models.CharField(
                                choices=[
                                    ("identity", "Waiting for proof of identity"),
                                    ("clarification", "Waiting for clarification of the request"),
                                ],
                                max_length=16,
                            ),
                        ),
                        ("started_on", models.DateField()),
                        ("ended_on", models.DateField(blank=True, null=True)),
                        (
                            "request",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="pauses",
                                to="compliance.rightsrequest",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "privacy_rightsrequestpause",
                        "ordering": ["started_on", "id"],
                    },
                ),
                migrations.CreateModel(
                    name="MarketingExportMember",
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
                        (
                            "customer",
                            models.ForeignKey(
                                db_index=False,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "export",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="members",
                                to="compliance.marketingexport",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "privacy_marketingexportmember",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("customer", "export"), name="privacy_marketing_member_once"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        content_types_moved(
            old="privacy",
            new="compliance",
            models=(
                "complaint",
                "rightsrequest",
                "rightsrequestpause",
                "marketingrecipient",
                "marketingexport",
                "marketingexportmember",
                "processor",
            ),
        ),
    ]
