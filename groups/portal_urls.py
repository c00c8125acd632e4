from django.urls import path

from groups import listing_views

app_name = "portal"

urlpatterns = [
    path("", listing_views.portal_home, name="home"),
    path("invitation/<str:token>/", listing_views.invitation, name="invitation"),
]
