from django.urls import path

from foi_cases import request_views

app_name = "request"
urlpatterns = [
    path("", request_views.make_request, name="new"),
    path("sent/", request_views.request_sent, name="sent"),
]
