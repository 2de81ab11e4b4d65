"""An agent closes a dispute: upheld (with its credit) or rejected, dated, by whom, noted."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import partnership.cards.models.dispute
import partnership.core.text
import partnership.crypto.fields


class Migration(migrations.Migration):
    dependencies = [
        ("cards", "0004_first_card_per_account"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="transactiondispute",
            name="credit",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="dispute_credit",
                to="cards.transaction",
            ),
        ),
        migrations.AddField(
            model_name="transactiondispute",
            name="decided_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="transactiondispute",
            name="outcome_note",
            field=partnership.crypto.fields.EncryptedTextField(
                blank=True,
                max_length=500,
                null=True,
                validators=[
                    partnership.core.text.validate_multi_line,
                    partnership.cards.models.dispute.validate_no_card_number,
                ],
            ),
        ),
        migrations.AddField(
            model_name="transactiondispute",
            name="outcome_on",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name="transactiondispute",
            name="status",
            field=models.CharField(
                choices=[
                    ("open", "Open"),
                    ("upheld", "Upheld: refunded"),
                    ("rejected", "Rejected"),
                ],
                default="open",
                max_length=10,
            ),
        ),
    ]
