"""Pages open to the public, without signing in: checking a letter."""

from django.urls import path

from responses import public_views

app_name = "verify"
urlpatterns = [
    path("", public_views.verify, name="letter"),
]
