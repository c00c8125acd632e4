from django.urls import path

from exchanges import views

app_name = "exchanges"

urlpatterns = [
    path("office/liaison/", views.liaison_office, name="liaison_office"),
    path("office/my-record/", views.my_record, name="my_record"),
    *views.record_urls(),
]
