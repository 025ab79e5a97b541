from django.apps import AppConfig


class ResponsesConfig(AppConfig):
    """Exemption library, drafting, approval and signed letters (built on the case register)."""

    name = "responses"
