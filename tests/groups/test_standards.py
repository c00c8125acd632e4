"""The standards' data files live in the repository; a reference copy beside it, when there is
one, holds the same files."""

import filecmp
from pathlib import Path

import pytest
from django.conf import settings

REFERENCE = Path(settings.BASE_DIR).parent / "shared" / "standards"
COMPARED = ["meeting-guide/types.json"] + (
    sorted(str(p.relative_to(REFERENCE)) for p in (REFERENCE / "hsds-3.0").rglob("*.json"))
    if REFERENCE.is_dir()
    else []
)


def test_the_app_reads_its_standards_from_inside_the_repository():
    assert settings.STANDARDS_DIR.is_relative_to(settings.BASE_DIR)
    assert (settings.STANDARDS_DIR / "meeting-guide" / "types.json").is_file()
    assert (settings.STANDARDS_DIR / "hsds-3.0" / "schema" / "service.json").is_file()
    for licence in ("meeting-guide/LICENSE", "hsds-3.0/LICENSE"):
        assert (settings.STANDARDS_DIR / licence).is_file()


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="no reference copy of the standards beside")
@pytest.mark.parametrize("path", COMPARED)
def test_each_file_is_the_reference_copys(path):
    assert filecmp.cmp(settings.STANDARDS_DIR / path, REFERENCE / path, shallow=False), path
