from django.db import migrations

from partnership.core.db import protect_table


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial")]

    operations = [
        protect_table(
            table="privacy_policyversion",
            message="published privacy policy versions cannot be changed",
        )
    ]
