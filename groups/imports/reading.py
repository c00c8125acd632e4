"""What every reader of a meeting list shares: a problem found at a line of the file, a meeting
read from it (a `Row`, in our terms), and JSON read element by element with the line each element
starts on."""

import json
from dataclasses import dataclass, field

from liaison import limits


@dataclass
class Problem:
    line: int
    column: str
    message: str
    item: int | None = None  # the element's number in a JSON array, for files on one line

    def __str__(self):
        where = f"line {self.line}"
        if self.item is not None:
            where += f" (item {self.item})"
        if self.column:
            where += f", {self.column}"
        return f"{where}: {self.message}"


@dataclass
class Row:
    """One meeting read from the file, in our terms."""

    line: int
    group_key: str
    meeting_key: str
    group: dict = field(default_factory=dict)
    item: int | None = None
    meeting: dict = field(default_factory=dict)
    location: dict | None = None
    audience: list = field(default_factory=list)
    languages: list = field(default_factory=list)
    # What the reader mapped, ignored or kept as given, to say in the preview (Problems that
    # block nothing).
    notes: list = field(default_factory=list)
    # When the source last changed the meeting (Meeting Guide's `updated`), or None when it does
    # not say. A change is not a check: it marks no listing as checked (the preview says so).
    updated: object = None
    # When the source last checked the listing (HSDS's `assured_date`, "the date that the
    # information about the service was last checked"), or None: the only date an import takes
    # as the listing's last check.
    checked: object = None


def json_elements(text):
    """The array's elements with the line each starts on, or a problem. Linear in the size of
    the file: the lines are counted on from the previous element, never from the start again."""
    decoder = json.JSONDecoder()
    index = _skip_space(text, 0)
    if index >= len(text) or text[index] != "[":
        try:
            json.loads(text)
        except json.JSONDecodeError as error:
            return None, [Problem(error.lineno, "", f"This is not valid JSON: {error.msg}.")]
        except RecursionError:
            return None, [too_deep_problem(1)]
        return None, [Problem(1, "", "The file must be a JSON array ([ ... ]) of meetings.")]
    index = _skip_space(text, index + 1)
    elements = []
    if index < len(text) and text[index] == "]":
        return elements, []
    line, counted = 1, 0
    while index < len(text):
        line += text.count("\n", counted, index)
        counted = index
        try:
            value, index = decoder.raw_decode(text, index)
        except json.JSONDecodeError as error:
            return None, [Problem(error.lineno, "", f"This is not valid JSON: {error.msg}.")]
        except RecursionError:
            return None, [too_deep_problem(line)]
        # The array itself is the first level.
        if too_deep(value, limits.JSON_MAX_DEPTH - 1):
            return None, [too_deep_problem(line)]
        elements.append((line, value))
        index = _skip_space(text, index)
        if index < len(text) and text[index] == ",":
            index = _skip_space(text, index + 1)
            continue
        if index < len(text) and text[index] == "]":
            return elements, []
        break
    line += text.count("\n", counted, index)
    return None, [Problem(line, "", "This is not valid JSON: expected “,” or “]”.")]


def too_deep(value, limit) -> bool:
    """Whether `value` nests arrays or objects more than `limit` deep. Counted without recursion:
    the point is to refuse what would exhaust Python's stack further on."""
    stack = [(value, 1)] if isinstance(value, dict | list) else []
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return True
        children = value.values() if isinstance(value, dict) else value
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def too_deep_problem(line):
    return Problem(
        line,
        "",
        f"The file nests arrays or objects more than {limits.JSON_MAX_DEPTH} levels deep; a "
        "meeting list needs a few.",
    )


def _skip_space(text, index):
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index
