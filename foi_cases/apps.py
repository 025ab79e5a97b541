from django.apps import AppConfig


class FoiCasesConfig(AppConfig):
    name = "foi_cases"
    verbose_name = "Information rights cases"
