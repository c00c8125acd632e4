import csv
import json
import shutil
import tomllib

import pytest
from django.core import mail
from django.core.management import call_command

from demo import files
from demo.files import DemoDataError


def test_it_parses_every_data_file():
    names = files.data_files()
    assert {"agencies.toml", "directory/groups.toml", "directory/meetings.csv"} <= set(names)
    for name in names:
        if name.endswith(".toml"):
            assert tomllib.loads(files.path(name).read_text(encoding="utf-8")), name
        elif name.endswith(".json"):
            assert json.loads(files.path(name).read_text(encoding="utf-8")), name
        else:
            with files.path(name).open(newline="", encoding="utf-8") as file:
                header, *rows = list(csv.reader(file))
            assert rows, name
            assert all(len(row) == len(header) for row in rows), name


def test_seeding_the_demo_reads_every_data_file_and_mails_no_one(
    db, monkeypatch, django_capture_on_commit_callbacks
):
    read = set()
    path = files.path
    monkeypatch.setattr(files, "path", lambda name: read.add(name) or path(name))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--quiet")
    assert read == set(files.data_files())
    assert mail.outbox == []


@pytest.fixture
def data(tmp_path, monkeypatch):
    """A copy of the data files, which the demo is seeded from; `data(name, old, new)` changes
    one of them."""
    copy = tmp_path / "data"
    shutil.copytree(files.DATA, copy)
    monkeypatch.setattr(files, "DATA", copy)

    def change(name, old, new):
        text = (copy / name).read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        (copy / name).write_text(text.replace(old, new), encoding="utf-8")

    return change


@pytest.mark.parametrize(
    ("name", "old", "new", "error"),
    [
        (
            "directory/groups.toml",
            'public_email = "riversidewomensaa@example.org"',
            'public_email = "riversidewomensaa"',
            "demo/data/directory/groups.toml, groups #1 (slug = 'riverside-womens-aa'): "
            "public_email: Enter a valid email address.",
        ),
        (
            "directory/meetings.csv",
            "Saturday Big Book Study,Sat,,10:00,11:15",
            "Saturday Big Book Study,Sat,,10:00,09:15",
            "demo/data/directory/meetings.csv, line 3: end_time: The meeting must end after it "
            "starts (a meeting that goes past midnight may end up to 6 hours after it starts).",
        ),
        (
            "directory/contacts.csv",
            "riverside-early-birds-aa,Frank,",
            "riverside-early-bird-aa,Frank,",
            "demo/data/directory/contacts.csv, line 4: there is no group “riverside-early-bird-aa”",
        ),
        (
            "referrals.toml",
            'steps = ["declined"]',
            'steps = ["attended", "declined"]',
            "demo/data/referrals.toml, referrals #6 (client = 'RCM-10496'): A referral that is "
            "“attended” cannot become “declined”.",
        ),
        (
            "exchanges.toml",
            'learned_culture = "Written programme;',
            'learned_kulture = "Written programme;',
            "demo/data/exchanges.toml, visits #4 (group = 'grow-riverside'): unknown key "
            "“learned_kulture”",
        ),
        (
            "events.toml",
            'title = "Depression screening day"',
            'title = "Depression screening day',
            "demo/data/events.toml: Illegal character '\\n' (at line 53, column 34)",
        ),
    ],
)
def test_a_row_the_app_refuses_is_named_by_its_file_and_row(db, data, name, old, new, error):
    data(name, old, new)
    with pytest.raises(DemoDataError) as raised:
        call_command("seed_demo", "--quiet")
    assert str(raised.value) == error
