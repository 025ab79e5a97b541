from django.urls import path

from foi_cases import status_views

app_name = "status"
# Fixed paths first: "<str:token>/" would otherwise take "case" or "letters" for a token.
urlpatterns = [
    path("", status_views.lookup, name="lookup"),
    path("letters/<str:signed>/", status_views.letter_download, name="letter_download"),
    # The case found by reference and email address, remembered in this browser's session.
    path("case/", status_views.case_page, name="case"),
    path("case/review/", status_views.case_review, name="case_review"),
    path("case/clarification/", status_views.case_clarify, name="case_clarify"),
    path("case/forget/", status_views.case_forget, name="case_forget"),
    # The private link from the acknowledgement email.
    path("<str:token>/", status_views.page, name="page"),
    path("<str:token>/review/", status_views.review, name="review"),
    path("<str:token>/clarification/", status_views.clarify, name="clarify"),
]
