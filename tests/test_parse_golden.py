"""Golden tests: every dossier with a reviewed JSON file in tests/golden/ parses to exactly that JSON.

A golden holds the fields that were checked by hand against the source; the notes to editors are
left out (they are tested where they are made). After a deliberate change to the parser, `make
goldens` rewrites the files with the keys they have; review the diff line by line against the source
text before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from generator.model import dossier_to_dict
from generator.parse import parse_file

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDENS") == "1"
# Reviewed goldens the parser does not meet yet, with what is still wrong. Strict: when the parser
# gets one right, the test fails until its entry is removed here.
KNOWN_GAPS = json.loads((GOLDEN / "known-gaps.json").read_text(encoding="utf-8"))


def golden_cases() -> list[object]:
    return [
        pytest.param(path, marks=pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[path.stem]))
        if path.stem in KNOWN_GAPS and not UPDATE
        else path
        for path in sorted(GOLDEN.glob("*.json"))
        if path.name != "known-gaps.json"
    ]


@pytest.mark.parametrize("golden", golden_cases(), ids=lambda path: path.stem)
def test_dossier_parses_to_its_reviewed_golden(golden: Path) -> None:
    expected = json.loads(golden.read_text(encoding="utf-8"))
    actual = dossier_to_dict(parse_file(ROOT / "dossiers" / expected["source"]))
    if UPDATE:
        rewritten = {key: actual[key] for key in expected}
        golden.write_text(json.dumps(rewritten, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return
    # A golden may leave out keys it does not pin down (the seeds' hand-written files leave out the
    # notes); every key it has must match exactly.
    assert {key: actual[key] for key in expected} == expected
