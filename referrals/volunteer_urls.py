from django.urls import path

from referrals import volunteer_views

app_name = "volunteer"

urlpatterns = [
    path("<str:key>/", volunteer_views.volunteer_home, name="home"),
    path("<str:key>/report/<int:referral>/", volunteer_views.volunteer_report_view, name="report"),
]
