from django.urls import path

from groups.directory import views as directory_views
from groups.leadership import views as leadership_views
from groups.listing import views as listing_views

app_name = "groups"

urlpatterns = [
    path("", directory_views.directory, name="directory"),
    path("new/", listing_views.new_group, name="new"),
    path("print/", directory_views.directory_print, name="print"),
    path("<slug:slug>/brief/", directory_views.group_brief, name="brief"),
    path("<slug:slug>/verify/", directory_views.group_verify_view, name="verify"),
    path("<slug:slug>/assessment/", directory_views.assessment_edit, name="assessment"),
    path("<slug:slug>/typology/", directory_views.typology_edit, name="typology"),
    path("<slug:slug>/suggest/", listing_views.suggest, name="suggest"),
    path("<slug:slug>/keep/", listing_views.keep_request, name="keep"),
    path("<slug:slug>/manage/", listing_views.listing_manage, name="manage"),
    path("<slug:slug>/edit/", listing_views.listing_edit, name="edit"),
    path("<slug:slug>/meetings/add/", listing_views.meeting_edit, name="meeting_add"),
    path("<slug:slug>/meetings/<int:pk>/", listing_views.meeting_edit, name="meeting_edit"),
    path(
        "<slug:slug>/meetings/<slug:meeting>.ics",
        directory_views.meeting_ics,
        name="meeting_ics",
    ),
    path("<slug:slug>/contacts/add/", listing_views.contact_edit, name="contact_add"),
    path("<slug:slug>/contacts/<int:pk>/", listing_views.contact_edit, name="contact_edit"),
    path("<slug:slug>/history/", listing_views.listing_history, name="history"),
    path(
        "<slug:slug>/suggestions/<int:pk>/",
        listing_views.suggestion_review,
        name="suggestion",
    ),
    path("<slug:slug>/confirm/", listing_views.listing_confirm, name="confirm_listing"),
    path("<slug:slug>/confirm/<str:token>/", listing_views.confirm_by_link, name="confirm"),
    path("<slug:slug>/leaders/", leadership_views.leaders, name="leaders"),
    path(
        "<slug:slug>/leaders/proposals/<int:pk>/withdraw/",
        leadership_views.proposal_withdraw,
        name="proposal_withdraw",
    ),
]
