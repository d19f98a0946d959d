"""The command line as an editor uses it: `python -m generator parse` and `python -m generator check`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*arguments: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *arguments], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_parse_prints_the_dossier_as_json() -> None:
    result = run("parse", "dossiers/2019Z15231.txt")
    assert result.returncode == 0, result.stderr
    dossier = json.loads(result.stdout)
    assert dossier["zaak"] == "2019Z15231"
    assert dossier["submitted"] == "2019-07-18"
    assert [member["name"] for member in dossier["submitters"]] == ["Van Ojik", "Diks"]
    assert [question["number"] for question in dossier["questions"]] == list(range(1, 11))
    assert dossier["answers"] == []


def test_parse_of_a_missing_file_exits_2_with_one_line_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "bestaat-niet.txt"
    result = run("parse", str(missing))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "bestaat-niet.txt" in result.stderr


def test_parse_of_a_binary_file_exits_2_and_says_it_is_not_text(tmp_path: Path) -> None:
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"%PDF-1.7\x00\x01\x02")
    result = run("parse", str(binary))
    assert result.returncode == 2
    assert "scan.txt" in result.stderr and "binary" in result.stderr


def test_check_names_file_line_and_problem_and_fails_on_errors(tmp_path: Path) -> None:
    (tmp_path / "kapot.txt").write_text(
        "Vragen van het lid Jansen (SP) aan de Minister van Financiën over belastingen "
        "(ingezonden 1 maart 2024).\n\nVraag 1\nWaarom?\n\nVraag 3\nEn waarom niet?\n",
        encoding="utf-8",
    )
    result = run("check", str(tmp_path))
    assert result.returncode == 1
    assert "kapot.txt:6: error: question number skipped: 1 is followed by 3" in result.stdout
    assert "1 dossier checked: 1 error in 1 dossier" in result.stdout


def test_check_passes_a_clean_dossier(tmp_path: Path) -> None:
    (tmp_path / "goed.txt").write_text(
        "Vragen van het lid Jansen (SP) aan de Minister van Financiën over belastingen "
        "(ingezonden 1 maart 2024).\n\nVraag 1\nWaarom?\n\nVraag 2\nEn waarom niet?\n",
        encoding="utf-8",
    )
    result = run("check", str(tmp_path))
    assert result.returncode == 0, result.stdout
    assert "0 errors" in result.stdout
