from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import include, path
from django.views.generic import RedirectView

from foi_cases.login import ThrottledLoginView


def healthz(request):
    """For load balancers and container health checks: the process answers. Touches nothing else."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("", RedirectView.as_view(pattern_name="foi_cases:dashboard", permanent=False)),
    path("accounts/login/", ThrottledLoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("foi_cases.api.urls")),
    path("cases/", include("foi_cases.urls")),
    path("cases/", include("responses.urls")),
    path("verify/", include("responses.public_urls")),
    # The public face: make a request, follow it, and the disclosure log. No sign-in.
    path("request/", include("foi_cases.request_urls")),
    path("status/", include("foi_cases.status_urls")),
    path("disclosure-log/", include("responses.disclosure_urls")),
    path("healthz/", healthz, name="healthz"),
]
