from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _after_migrate(sender, **kwargs):
    from foi_cases.roles import ensure_roles
    from responses.services import library_install

    ensure_roles()
    library_install()


class ResponsesConfig(AppConfig):
    """Exemption library, drafting, approval and signed letters (built on the case register)."""

    name = "responses"
    verbose_name = "Letters and the exemption library"

    def ready(self):
        # Roles name permissions of both apps, and permissions exist only after their app's
        # post_migrate: this app comes last, so both sets exist by now. A fresh install gets the
        # shipped library the same way (entries already installed are never overwritten).
        post_migrate.connect(_after_migrate, sender=self)
