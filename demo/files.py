"""The demo's data files (`demo/data/`, TOML and CSV), read row by row. A row names its file and
its place in it, and an error raised while it is being seeded (a value the application refuses, a
group that does not exist, a key nobody reads) says which row it was."""

import csv
import datetime as dt
import tomllib
from pathlib import Path

from django.core.exceptions import ValidationError

DATA = Path(__file__).resolve().parent / "data"


class DemoDataError(Exception):
    """A demo data file that cannot be read, or a row of one that cannot be seeded."""


class Row:
    """One table of a data file: a whole TOML document, a table in it, or a line of a CSV file.
    Used as a context manager (`with row:`), it names itself in any error raised inside."""

    def __init__(self, values: dict, *, where: str, fields=None):
        self.values = values
        self.where = where
        if fields is not None:
            unknown = sorted(set(values) - set(fields.split()))
            if unknown:
                raise DemoDataError(f"{where}: unknown {_keys(unknown)}")

    def __repr__(self):
        return f"<Row {self.where}>"

    def __getitem__(self, key):
        try:
            return self.values[key]
        except KeyError:
            raise DemoDataError(f"{self.where}: “{key}” is missing") from None

    def __contains__(self, key):
        return key in self.values

    def get(self, key, default=None):
        return self.values.get(key, default)

    def table(self, key, *, fields) -> "Row":
        """A table inside this one."""
        return Row(self[key], where=f"{self.where}, {key}", fields=fields)

    def rows(self, key, *, fields, name=None) -> list["Row"]:
        """The tables of an array of tables inside this one (none if it is left out), each named
        by its number and by the value of its key `name`."""
        rows = []
        for number, values in enumerate(self.values.get(key, []), start=1):
            label = f"{key} #{number}"
            if name and name in values:
                label += f" ({name} = {values[name]!r})"
            rows.append(Row(values, where=f"{self.where}, {label}", fields=fields))
        return rows

    def day(self, today: dt.date) -> dt.date:
        """The row's day, counted from `today`: `days_ago`, or `in_days` for one still to come."""
        if "in_days" in self:
            return today + dt.timedelta(days=self["in_days"])
        return today - dt.timedelta(days=self["days_ago"])

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if error is None or isinstance(error, DemoDataError):
            return False
        if not isinstance(error, Exception):
            return False
        raise DemoDataError(f"{self.where}: {describe(error)}") from error


def _keys(keys):
    return ("key " if len(keys) == 1 else "keys ") + ", ".join(f"“{key}”" for key in keys)


def describe(error: Exception) -> str:
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return "; ".join(
                f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
            )
        return " ".join(error.messages)
    return str(error) or type(error).__name__


def path(name: str) -> Path:
    return DATA / name


def shown(name: str) -> str:
    return f"demo/data/{name}"


def read(name: str, *, fields=None) -> Row:
    """A TOML file as a row."""
    try:
        with path(name).open("rb") as file:
            values = tomllib.load(file)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise DemoDataError(f"{shown(name)}: {error}") from error
    return Row(values, where=shown(name), fields=fields)


def read_csv(name: str, *, fields) -> list[Row]:
    """The lines of a CSV file with a header, as rows named by their line number."""
    try:
        with path(name).open(newline="", encoding="utf-8") as file:
            reader = csv.DictReader(file)
            columns = reader.fieldnames or []
            missing = [column for column in fields.split() if column not in columns]
            if missing:
                raise DemoDataError(f"{shown(name)}: no column {', '.join(missing)}")
            rows = []
            for values in reader:
                where = f"{shown(name)}, line {reader.line_num}"
                if None in values or None in values.values():
                    raise DemoDataError(f"{where}: not as many values as columns")
                rows.append(Row(values, where=where, fields=fields))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise DemoDataError(f"{shown(name)}: {error}") from error
    return rows


def read_bytes(name: str) -> bytes:
    try:
        return path(name).read_bytes()
    except OSError as error:
        raise DemoDataError(f"{shown(name)}: {error}") from error


def pick(mapping: dict, key, what: str):
    """`mapping[key]`, or an error saying which `what` does not exist."""
    try:
        return mapping[key]
    except KeyError:
        raise LookupError(f"there is no {what} “{key}”") from None


def data_files() -> list[str]:
    """Every data file, as `read`, `read_csv` and `read_bytes` name them."""
    return sorted(
        str(file.relative_to(DATA))
        for file in DATA.rglob("*")
        if file.suffix in (".toml", ".csv", ".json")
    )
