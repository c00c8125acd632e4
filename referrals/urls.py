from django.urls import path

from referrals import views

app_name = "referrals"

urlpatterns = [
    path("", views.referral_list, name="list"),
    path("new/", views.referral_new, name="new"),
    path("<int:pk>/", views.referral_detail, name="referral"),
    path("<int:pk>/disclose/", views.referral_disclose, name="disclose"),
    path("<int:pk>/delete/", views.referral_delete, name="referral_delete"),
    path("follow-ups/<int:pk>/", views.followup_edit, name="followup"),
    path("clients/", views.client_list, name="clients"),
    path("clients/add/", views.client_add, name="client_add"),
    path("clients/deleted/", views.deleted_clients, name="deleted_clients"),
    path("clients/deleted/<int:pk>/restore/", views.client_restore, name="client_restore"),
    path("clients/<int:pk>/", views.client_detail, name="client"),
    path("clients/<int:pk>/consents/add/", views.consent_add, name="consent_add"),
    path("clients/<int:pk>/accounting/", views.accounting, name="accounting"),
    path("clients/<int:pk>/delete/", views.client_delete, name="client_delete"),
    path("clients/<int:pk>/export.json", views.client_export, name="client_export"),
    path("consents/<int:pk>/", views.consent_detail, name="consent"),
    path("consents/<int:pk>/sign/", views.consent_sign, name="consent_sign"),
    path("consents/<int:pk>/revoke/", views.consent_revoke, name="consent_revoke"),
    path("stories/", views.stories, name="stories"),
]
