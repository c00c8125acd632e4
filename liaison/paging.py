"""The query string of a list page, kept from page to page (`templates/_pagination.html`), and a
list's count with its first rows."""

from django.db.models import Count, Window


def query_without_page(request) -> str:
    """The list's parameters, urlencoded, without its page number."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def first_rows(queryset, n: int) -> tuple[int, list]:
    """How many rows the query has, and the first `n` of them, in one query (a window count over
    the whole result, read from the first row): a summary's count and its first lines cost the
    same with ten rows or ten thousand."""
    rows = list(queryset.annotate(rows_in_all=Window(Count("pk")))[:n])
    return (rows[0].rows_in_all if rows else 0), rows
