from django.urls import path

from groups import listing_views

app_name = "groups_office"

urlpatterns = [
    path("listings/", listing_views.listings_queue, name="listings"),
    path("listings/new/<int:pk>/", listing_views.new_group_review, name="new_group"),
]
