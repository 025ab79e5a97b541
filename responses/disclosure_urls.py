"""The public disclosure log (no sign-in): the list, and each published response's PDF."""

from django.urls import path

from responses import disclosure_views

app_name = "disclosure"
urlpatterns = [
    path("", disclosure_views.log, name="log"),
    path("<int:pk>/pdf/", disclosure_views.entry_pdf, name="entry_pdf"),
]
