"""A small reader and writer of gettext .po files: enough for the catalogue checks and for
filling in translations, without another dependency."""

import ast
import re
from dataclasses import dataclass, field

_LINE = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+(".*")\s*$')


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict = field(default_factory=dict)  # "" or plural index -> text
    flags: set = field(default_factory=set)
    comments: list = field(default_factory=list)
    obsolete: bool = False

    @property
    def key(self):
        return (self.msgctxt, self.msgid)

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values())

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags


def _unquote(text: str) -> str:
    return ast.literal_eval(text)


def parse(text: str) -> list[Entry]:
    entries = []
    for block in re.split(r"\n\s*\n", text.strip()):
        entry = Entry()
        last = None
        for line in block.splitlines():
            if line.startswith("#~"):
                entry.obsolete = True
                continue
            if line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(","))
                continue
            if line.startswith("#|"):
                continue  # the previous msgid of a fuzzy entry: dropped once translated
            if line.startswith("#"):
                entry.comments.append(line)
                continue
            match = _LINE.match(line)
            if match:
                last, value = match.group(1), _unquote(match.group(2))
                if last.startswith("msgstr"):
                    index = last[7:-1] if "[" in last else ""
                    entry.msgstr[index] = value
                    last = ("msgstr", index)
                else:
                    setattr(entry, last, value)
            elif line.startswith('"') and last:
                value = _unquote(line)
                if isinstance(last, tuple):
                    entry.msgstr[last[1]] += value
                else:
                    setattr(entry, last, getattr(entry, last) + value)
        if not entry.obsolete:
            entries.append(entry)
    return entries


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    escaped = escaped.replace("\t", "\\t")
    return f'"{escaped}"'


def _field(name: str, text: str) -> list[str]:
    if "\\n" in _quote(text)[1:-1] and text.endswith("\n") is False and len(text) < 70:
        return [f"{name} {_quote(text)}"]
    if len(text) < 70 and "\n" not in text:
        return [f"{name} {_quote(text)}"]
    parts = re.findall(r"[^\n]*\n|[^\n]+$", text)
    return [f'{name} ""'] + [_quote(part) for part in parts]


def write(entries: list[Entry]) -> str:
    blocks = []
    for entry in entries:
        lines = list(entry.comments)
        if entry.flags:
            lines.append("#, " + ", ".join(sorted(entry.flags)))
        if entry.msgctxt is not None:
            lines += _field("msgctxt", entry.msgctxt)
        lines += _field("msgid", entry.msgid)
        if entry.msgid_plural is not None:
            lines += _field("msgid_plural", entry.msgid_plural)
            for index in sorted(entry.msgstr, key=int):
                lines += _field(f"msgstr[{index}]", entry.msgstr[index])
        else:
            lines += _field("msgstr", entry.msgstr.get("", ""))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"
