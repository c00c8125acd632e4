"""Every page the public and group leaders see speaks English and Spanish.

- No text of those templates is left outside {% translate %} / {% blocktranslate %}.
- Every string marked for translation (in those templates and in the Python code) is in the
  Spanish catalogue, translated and not fuzzy: a `makemessages` run that adds strings fails here
  until a translator has done them.
- The committed `.mo` is the compiled `.po` (the build does not need gettext).
"""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType
from django.utils.translation.template import templatize

from tests.i18n.po import parse

ROOT = Path(settings.BASE_DIR)
TEMPLATES = ROOT / "templates"
PO = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")

# Pages only agency staff see (the office, referrals, the dashboard, the Django admin). Every
# other template — a new public or portal page included — must be translated.
STAFF_ONLY = {
    "pages/dashboard_summary.html",
    # The period filter of the office's lists the dashboard's figures link to.
    "_list_period.html",
    "_list_period_fields.html",
    "_list_period_shown.html",
    "admin/base_site.html",
    "liaison/installation_form.html",
    "events/event_form.html",
    "events/office_events.html",
    "events/partner_form.html",
    "events/partners.html",
    "groups/assessment_form.html",
    "groups/import_preview.html",
    "groups/import_start.html",
    "groups/import_sources.html",
    "groups/leaders.html",
    "groups/email/leader_proposal_decided.txt",
    "groups/email/leader_proposal_review.txt",
    "groups/listings_queue.html",
    "groups/typology_edit.html",
    "groups/new_group_review.html",
    "pages/dashboard.html",
    "pages/dashboard_figures.html",
    "pages/_dashboard_period.html",
    "pages/_dashboard_presets.html",
    "pages/_dashboard_section.html",
    "liaison/jobs_status.html",
    "exchanges/designated_staff.html",
    "exchanges/my_record.html",
    "pages/office.html",
    "pages/style_guide.html",
    "exchanges/record_form.html",
    "exchanges/records_list.html",
    "liaison/staff_form.html",
    "liaison/staff_invitation.html",
    "liaison/staff_list.html",
    "liaison/unit_form.html",
    "liaison/unit_list.html",
    "referrals/accounting.html",
    "referrals/client_detail.html",
    "referrals/client_form.html",
    "referrals/client_list.html",
    "referrals/consent_detail.html",
    "referrals/referral_choose_group.html",
    "referrals/consent_form.html",
    "referrals/followup_form.html",
    "referrals/referral_detail.html",
    "referrals/referral_form.html",
    "referrals/referral_list.html",
    "referrals/stories.html",
    "registration/staff_welcome_email.txt",
    "audit/audit_list.html",
    "audit/export_status.html",
    "referrals/client_delete.html",
    "referrals/deleted_clients.html",
    "surveys/office_list.html",
    "surveys/question_form.html",
    "surveys/question_spanish.html",
    "surveys/_spanish_fields.html",
    "surveys/results.html",
    "surveys/studies.html",
    "surveys/study_form.html",
    "surveys/survey_edit.html",
    "surveys/survey_enter.html",
    "surveys/survey_link_print.html",
    "surveys/survey_new.html",
    "surveys/survey_open.html",
    "surveys/survey_print.html",
}
# Words that are the same in every language.
ALLOWED_WORDS = {"Liaison", "iCal", "OpenStreetMap"}
# Attributes whose text a person reads or hears.
READ_ATTRIBUTES = re.compile(r'\b(aria-label|placeholder|title|alt)="([^"]*)"')
PYTHON_SOURCES = ["groups", "events", "liaison", "referrals", "surveys"]


def translated_templates():
    for path in sorted(TEMPLATES.rglob("*")):
        name = path.relative_to(TEMPLATES).as_posix()
        if path.suffix in (".html", ".txt") and name not in STAFF_ONLY:
            yield name


def _text_outside_translation(source: str) -> str:
    """The template with every tag and variable replaced by a marker and every blocktranslate
    block dropped: what is left is text nobody marked for translation."""
    out, inside_block = [], False
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            command = token.contents.split()[0] if token.contents else ""
            if command in ("blocktranslate", "blocktrans"):
                inside_block = True
            elif command in ("endblocktranslate", "endblocktrans"):
                inside_block = False
            out.append("\x00")
        elif token.token_type in (TokenType.VAR, TokenType.COMMENT):
            out.append("\x00")
        elif not inside_block:
            out.append(token.contents)
    return "".join(out)


def untranslated_text(source: str) -> list[str]:
    text = _text_outside_translation(source)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"<(script|style)\b.*?</\1>", "", text, flags=re.S | re.I)
    found = [value for _attr, value in READ_ATTRIBUTES.findall(text)]
    text = re.sub(r"<[^>]*>", " ", text)
    text = re.sub(r"<!doctype[^>]*>", " ", text, flags=re.I)
    found += text.split("\x00")
    words = []
    for chunk in found:
        chunk = re.sub(r"&[a-z]+;|&#\d+;", " ", chunk.replace("\x00", " "))
        for word in re.findall(r"[^\W\d_]{2,}", chunk):
            if word not in ALLOWED_WORDS:
                words.append(word)
    return words


@pytest.mark.parametrize("name", list(translated_templates()))
def test_it_has_no_text_outside_translation_tags(name):
    words = untranslated_text((TEMPLATES / name).read_text(encoding="utf-8"))
    assert not words, f"{name}: text not marked for translation: {' '.join(words)}"


def test_it_finds_text_that_is_not_marked():
    assert untranslated_text('<p title="Hello">Welcome {{ x }}</p>') == ["Hello", "Welcome"]
    assert untranslated_text('{% load i18n %}<p>{% translate "Welcome" %}</p>') == []
    assert untranslated_text("{% blocktranslate %}Hi {{ x }}{% endblocktranslate %}") == []


def _catalogue():
    return {entry.key: entry for entry in parse(PO.read_text(encoding="utf-8")) if entry.msgid}


_CALL = re.compile(
    r"\b(n?p?gettext)\(((?:u?'(?:[^'\\]|\\.)*'|u?\"(?:[^\"\\]|\\.)*\")"
    r"(?:,\s*u?(?:'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"))*)"
)


def _template_msgids(name):
    source = (TEMPLATES / name).read_text(encoding="utf-8")
    for function, args in _CALL.findall(templatize(source)):
        strings = ast.literal_eval(f"({args},)")
        context = strings[0] if function.startswith(("pgettext", "npgettext")) else None
        msgid = strings[1] if context is not None else strings[0]
        yield context, msgid


def _python_msgids():
    names = {"_", "gettext", "gettext_lazy", "ngettext", "pgettext", "pgettext_lazy"}
    for package in PYTHON_SOURCES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                    continue
                if node.func.id not in names or not node.args:
                    continue
                if not all(isinstance(arg, ast.Constant) for arg in node.args[:2]):
                    continue
                if node.func.id.startswith("pgettext"):
                    yield node.args[0].value, node.args[1].value
                else:
                    yield None, node.args[0].value


def test_it_has_every_marked_string_in_the_spanish_catalogue():
    catalogue = _catalogue()
    marked = set(_python_msgids())
    for name in translated_templates():
        marked.update(_template_msgids(name))
    missing = sorted(str(key) for key in marked if key not in catalogue)
    assert not missing, "Not in the Spanish catalogue (run makemessages -l es):\n" + "\n".join(
        missing
    )


def test_it_has_every_spanish_string_translated_and_none_fuzzy():
    entries = list(_catalogue().values())
    assert len(entries) > 300
    untranslated = [entry.msgid for entry in entries if not entry.translated]
    fuzzy = [entry.msgid for entry in entries if entry.fuzzy]
    assert not untranslated, f"Untranslated: {untranslated}"
    assert not fuzzy, f"Fuzzy: {fuzzy}"


def test_the_committed_mo_is_the_compiled_po():
    with MO.open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    stale = []
    for entry in _catalogue().values():
        if entry.msgid_plural is not None:
            got = [compiled.ngettext(entry.msgid, entry.msgid_plural, n) for n in (1, 2)]
            want = [entry.msgstr["0"], entry.msgstr["2"]]
        elif entry.msgctxt is not None:
            got, want = compiled.pgettext(entry.msgctxt, entry.msgid), entry.msgstr[""]
        else:
            got, want = compiled.gettext(entry.msgid), entry.msgstr[""]
        if got != want:
            stale.append(entry.msgid)
    assert not stale, f"Recompile the .mo (compilemessages): {stale[:5]}"
