from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


def signed_in(user) -> APIClient:
    """An API client that authenticates as integrations do: with the user's token."""
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client
