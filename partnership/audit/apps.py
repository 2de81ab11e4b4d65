from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "partnership.audit"
    label = "audit"
    verbose_name = "Audit"
