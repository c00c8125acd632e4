from django.shortcuts import render

from groups.models import SelfHelpGroup
from liaison.permissions import leader_required


@leader_required
def portal_home(request):
    groups = SelfHelpGroup.objects.led_by(request.user).order_by("name")
    return render(request, "groups/portal_home.html", {"groups": groups})
