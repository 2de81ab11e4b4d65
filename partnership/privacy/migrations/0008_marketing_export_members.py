# Which customers a marketing export included: from a JSON list of ids on the export to
# one row per customer, so a person's rows can be found, exported, erased and aged out.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

BATCH = 500


def ids_to_members(apps, schema_editor):
    export_model = apps.get_model("privacy", "MarketingExport")
    member_model = apps.get_model("privacy", "MarketingExportMember")
    user_model = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    for export in export_model.objects.iterator():
        ids = export.customer_ids
        for start in range(0, len(ids), BATCH):
            # Ids of accounts deleted since (erased) are not carried over.
            found = user_model.objects.filter(pk__in=ids[start : start + BATCH])
            member_model.objects.bulk_create(
                member_model(export=export, customer_id=pk)
                for pk in found.values_list("pk", flat=True)
            )


def members_to_ids(apps, schema_editor):
    export_model = apps.get_model("privacy", "MarketingExport")
    for export in export_model.objects.iterator():
        ids = export.members.values_list("customer_id", flat=True)
        export.customer_ids = sorted(str(pk) for pk in ids)
        export.save(update_fields=["customer_ids"])


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0007_marketing_and_processors"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="MarketingExportMember",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
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
                        to="privacy.marketingexport",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("customer", "export"), name="privacy_marketing_member_once"
                    )
                ],
            },
        ),
        migrations.RunPython(ids_to_members, members_to_ids),
        migrations.RemoveField(model_name="marketingexport", name="customer_ids"),
    ]
