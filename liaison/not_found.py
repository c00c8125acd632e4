"""The site's own "page not found", in the visitor's language, even with DEBUG on.

With DEBUG on (`make run`), Django answers a missing page with its technical page, in English,
listing the site's URL patterns. A person trying the development server, or a reviewer, should
meet what visitors meet; the technical details stay in the server's log ("Not Found: /…")."""

from django.conf import settings
from django.views.defaults import page_not_found

# Django's technical 404 page says this in its title; the site's own pages never do.
TECHNICAL_MARK = b"<title>Page not found at "


class OwnNotFoundPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and not getattr(response, "streaming", False)
            and TECHNICAL_MARK in response.content
        ):
            return page_not_found(request, exception=None)
        return response
