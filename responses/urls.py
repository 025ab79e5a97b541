from django.urls import path

from responses import views

app_name = "responses"
urlpatterns = [
    path("approvals/", views.approval_queue, name="approval_queue"),
    path("<int:case_pk>/letters/new/", views.letter_start, name="letter_start"),
    path("<int:case_pk>/clearance/", views.case_clearance, name="case_clearance"),
    path("letters/<int:pk>/", views.letter_detail, name="letter_detail"),
    path("letters/<int:pk>/edit/", views.letter_edit, name="letter_edit"),
    path("letters/<int:pk>/submit/", views.letter_submit, name="letter_submit"),
    path("letters/<int:pk>/recall/", views.letter_recall, name="letter_recall"),
    path("letters/<int:pk>/approve/", views.letter_approve, name="letter_approve"),
    path("letters/<int:pk>/return/", views.letter_return, name="letter_return"),
    path("letters/<int:pk>/new-version/", views.letter_revise, name="letter_revise"),
    path("letters/<int:pk>/pdf/", views.letter_pdf_download, name="letter_pdf"),
    path("letters/<int:pk>/pdf/status/", views.letter_pdf_status, name="letter_pdf_status"),
    path("letters/<int:pk>/pdf/retry/", views.letter_pdf_retry, name="letter_pdf_retry"),
    path("letters/<int:pk>/send/", views.letter_send, name="letter_send"),
    path("letters/<int:pk>/publication/propose/", views.publication_propose, name="publication_propose"),
    path("letters/<int:pk>/publication/publish/", views.publication_publish, name="publication_publish"),
    path("letters/<int:pk>/publication/withdraw/", views.publication_withdraw, name="publication_withdraw"),
    path("disclosure-log/pending/", views.publication_queue, name="publication_queue"),
    path("letters/<int:pk>/reveal-requester/", views.letter_reveal_requester, name="letter_reveal_requester"),
]
