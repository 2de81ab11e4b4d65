from django.db import migrations

from partnership.core.db import protect_table


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    # The message must stay equal to partnership.audit.integrity.TRIGGER_MESSAGE:
    # audit_verify compares the installed triggers with what this migration creates.
    operations = [
        protect_table(
            table="audit_auditevent",
            message="audit events are append-only and cannot be changed or deleted",
        )
    ]
