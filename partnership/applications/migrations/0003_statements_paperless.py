"""The contact step asks for paper or paperless statements; older applications hold null."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0002_precontract_read"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="statements_paperless",
            field=models.BooleanField(blank=True, default=None, null=True),
        ),
    ]
