"""The formats a meeting list can be imported from, listed once: the stored batch's choices, the
upload form, the `import_meetings` command and the reading of a file all take them from here.

A format names its reader by path: the readers read into the models, and the models take their
choices from this list, so importing the readers here would import the models from themselves.
A reader takes the file's text and gives back `(rows, problems)` (`groups.imports.reading`)."""

from dataclasses import dataclass

from django.utils.functional import lazy
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Format:
    code: str
    label: str
    reader: str

    def read(self, text: str):
        return import_string(self.reader)(text)


FORMATS = [
    Format("mg-json", _("Meeting Guide JSON feed"), "groups.meeting_guide.reader.read_json"),
    Format("mg-csv", _("Meeting Guide table (CSV)"), "groups.meeting_guide.reader.read_csv"),
    Format("hsds", _("HSDS 3.0 JSON (services)"), "groups.hsds.reader.read_services"),
    Format("bmlt", _("BMLT JSON (GetSearchResults)"), "groups.bmlt.reader.read"),
]
CHOICES = [(fmt.code, fmt.label) for fmt in FORMATS]
CODES = [fmt.code for fmt in FORMATS]
_BY_CODE = {fmt.code: fmt for fmt in FORMATS}


def get(code: str) -> Format:
    return _BY_CODE[code]


def _names() -> str:
    return ", ".join(str(fmt.label) for fmt in FORMATS)


# "Meeting Guide JSON feed, Meeting Guide table (CSV), HSDS 3.0 JSON (services)", for help texts.
NAMES = lazy(_names, str)()
