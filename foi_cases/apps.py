from django.apps import AppConfig


class FoiCasesConfig(AppConfig):
    name = "foi_cases"
    verbose_name = "Information rights cases"

    def ready(self):
        from django.db.backends.signals import connection_created

        from foi_cases import portal

        connection_created.connect(portal.statements_prepare, dispatch_uid="foi_cases.portal.statements_prepare")
