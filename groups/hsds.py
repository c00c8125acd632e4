"""The directory as an Open Referral HSDS 3.0 API (read-only, public, JSON)."""

from django.http import JsonResponse


def api_root(request):
    return JsonResponse({"version": "3.0"})


def services(request):
    return JsonResponse({"contents": []})


def service_detail(request, pk):
    return JsonResponse({})


def organizations(request):
    return JsonResponse({"contents": []})


def organization_detail(request, pk):
    return JsonResponse({})
