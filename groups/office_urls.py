from django.urls import path

from groups.imports import views as import_views
from groups.listing import views as listing_views

app_name = "groups_office"

urlpatterns = [
    path("listings/", listing_views.listings_queue, name="listings"),
    path("listings/new/<int:pk>/", listing_views.new_group_review, name="new_group"),
    path("listings/keep/<int:pk>/", listing_views.keep_request_decide, name="keep_decide"),
    path("imports/", import_views.import_start, name="imports"),
    path("imports/sources/", import_views.import_sources, name="import_sources"),
    path(
        "imports/sources/<int:pk>/check/",
        import_views.import_source_check,
        name="import_source_check",
    ),
    path("imports/<int:pk>/", import_views.import_preview, name="import_preview"),
    path("imports/<int:pk>/apply/", import_views.import_apply, name="import_apply"),
    path("imports/<int:pk>/progress/", import_views.import_progress, name="import_progress"),
]
