"""The four staff roles as groups, with their permissions (a copy of roles.py as it was)."""

from django.db import migrations

PERMISSIONS = {
    "view_customer_personal_data": "Look up a customer and see their personal data, with a reason",
    "handle_complaints": "Handle complaints and their deadlines",
    "view_audit_log": "Read the audit log and access histories",
    "manage_processors": "Keep the processor register and its audits",
    "publish_policy": "Publish privacy policy versions",
    "manage_offers": "Manage special offers",
    "view_analytics": "See aggregate site statistics",
    "run_marketing_exports": "Run marketing exports to Partnership companies",
    "manage_staff": "Manage staff accounts and roles",
}

ROLES = {
    "Customer service agent": ("view_customer_personal_data", "handle_complaints"),
    "Compliance officer": (
        "view_customer_personal_data",
        "handle_complaints",
        "view_audit_log",
        "manage_processors",
        "publish_policy",
        "view_analytics",
    ),
    "Marketing": ("manage_offers", "view_analytics", "run_marketing_exports"),
    "Administrator": ("manage_staff", "view_audit_log", "view_analytics"),
}


def create_roles(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    # Permissions are normally created after all migrations (post_migrate); the groups
    # need them now, so create them here (create_permissions later finds them).
    content_type, _ = ContentType.objects.get_or_create(app_label="backoffice", model="staffaccess")
    permissions = {}
    for codename, name in PERMISSIONS.items():
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        permissions[codename] = permission
    for group_name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.set([permissions[codename] for codename in codenames])


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("backoffice", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
