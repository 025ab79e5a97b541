from pathlib import Path

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import Warning, register
from django.db.models.signals import post_migrate


def _after_migrate(sender, **kwargs):
    from foi_cases.roles import ensure_roles
    from responses.services import library_install

    ensure_roles()
    library_install()


def signing_certificate_check(app_configs=None, **kwargs):
    """`manage.py check --deploy`: without the certificate no approved letter can be issued."""
    path = Path(settings.SIGNING_CERT_PATH)
    if path.is_file():
        return []
    return [
        Warning(
            f"No signing certificate at {path}: approved letters cannot be signed and issued.",
            hint="Set SIGNING_CERT_PATH (and SIGNING_CERT_PASSPHRASE) to the unit's PKCS#12 file, or make a "
            "self-signed one with `python manage.py create_signing_certificate`.",
            id="responses.W001",
        )
    ]


class ResponsesConfig(AppConfig):
    """Exemption library, drafting, approval and signed letters (built on the case register)."""

    name = "responses"
    verbose_name = "Letters and the exemption library"

    def ready(self):
        # Roles name permissions of both apps, and permissions exist only after their app's
        # post_migrate: this app comes last, so both sets exist by now. A fresh install gets the
        # shipped library the same way (entries already installed are never overwritten).
        post_migrate.connect(_after_migrate, sender=self)
        register(signing_certificate_check, deploy=True)
