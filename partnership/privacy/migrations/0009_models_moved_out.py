# The models moved to the consent, compliance and policy apps, which keep the tables
# and rows (their migrations 0001): only Django's state forgets them here.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0008_marketing_export_members"),
        ("consent", "0001_moved_from_privacy"),
        ("compliance", "0001_moved_from_privacy"),
        ("policy", "0001_moved_from_privacy"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name="Complaint",
                ),
                migrations.DeleteModel(
                    name="ConsentRecord",
                ),
                migrations.RemoveField(
                    model_name="marketingexport",
                    name="recipient",
                ),
                migrations.RemoveField(
                    model_name="marketingexport",
                    name="staff_user",
                ),
                migrations.RemoveField(
                    model_name="marketingexportmember",
                    name="export",
                ),
                migrations.RemoveField(
                    model_name="marketingexportmember",
                    name="customer",
                ),
                migrations.DeleteModel(
                    name="PolicyVersion",
                ),
                migrations.DeleteModel(
                    name="Processor",
                ),
                migrations.RemoveField(
                    model_name="rightsrequestpause",
                    name="request",
                ),
                migrations.DeleteModel(
                    name="MarketingRecipient",
                ),
                migrations.DeleteModel(
                    name="MarketingExport",
                ),
                migrations.DeleteModel(
                    name="MarketingExportMember",
                ),
                migrations.DeleteModel(
                    name="RightsRequest",
                ),
                migrations.DeleteModel(
                    name="RightsRequestPause",
                ),
            ],
            database_operations=[],
        ),
    ]
