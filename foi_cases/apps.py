from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_roles(sender, **kwargs):
    from foi_cases.roles import ensure_roles

    ensure_roles()


class FoiCasesConfig(AppConfig):
    name = "foi_cases"
    verbose_name = "Information rights cases"

    def ready(self):
        # Permissions exist only after migrate, so roles are synced on post_migrate.
        post_migrate.connect(_sync_roles, sender=self)
