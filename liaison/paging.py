"""The query string of a list page, kept from page to page (`templates/_pagination.html`)."""


def query_without_page(request) -> str:
    """The list's parameters, urlencoded, without its page number."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
