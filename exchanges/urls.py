from django.urls import path

from exchanges import views

app_name = "exchanges"

urlpatterns = [
    path("office/designated-staff/", views.designated_staff, name="designated_staff"),
    path("office/my-record/", views.my_record, name="my_record"),
    *views.record_urls(),
]
