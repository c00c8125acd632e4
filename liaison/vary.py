"""A response whose body is the same for every visitor says so: `response.vary_only` lists the
only request headers it varies on (none for a public feed), and this middleware, first in the
list so that it sees the response last, sets `Vary` to exactly that. Without it the session and
language middleware add `Vary: Cookie, Accept-Language` to everything, and no shared cache (a
CDN) would keep one copy for all."""


class FixedVaryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        only = getattr(response, "vary_only", None)
        if only is not None:
            if only:
                response["Vary"] = ", ".join(only)
            elif "Vary" in response:
                del response["Vary"]
        return response
