from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from foi_cases.login import ThrottledLoginView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="foi_cases:dashboard", permanent=False)),
    path("accounts/login/", ThrottledLoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("foi_cases.api.urls")),
    path("cases/", include("foi_cases.urls")),
    path("cases/", include("responses.urls")),
    path("verify/", include("responses.public_urls")),
]
