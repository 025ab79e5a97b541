from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from foi_cases.api import reports as reports_api
from foi_cases.api import status as status_api
from foi_cases.api import views
from responses.api import views as letter_views

app_name = "api"

router = SimpleRouter()
router.register("cases", views.CaseViewSet, basename="case")
router.register("letters", letter_views.LetterViewSet, basename="letter")

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="token"),
    path("deadline/", views.DeadlineView.as_view(), name="deadline"),
    path("status/", status_api.StatusView.as_view(), name="status"),
    path("reports/", reports_api.ReportView.as_view(), name="reports"),
    path("exemptions/", letter_views.ExemptionLibraryView.as_view(), name="exemptions"),
    path("cases/<int:pk>/letters/", letter_views.CaseLettersView.as_view(), name="case-letters"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
]
