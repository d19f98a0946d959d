"""`python -m generator add`: raw question sets filed in dossiers/ under their canonical names."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from generator.add import Progress
from generator.cli import main

# The corpus documents are kept byte for byte in dossiers/; each test copies one out under the
# name it had in the corpus (/work/shared/corpus), as an editor would have it after extracting it.
CORPUS = {
    "limburg_2024Z18439.txt": "2024Z18439.txt",
    "limburg_2024Z18561.txt": "2024Z18561.txt",
    "limburg_2024Z18775.txt": "2024Z18775.txt",
    "limburg_2024Z18884_docx.txt": "2024Z18884.txt",
    "limburg_AH604_2024Z18294_docx.txt": "ah-tk-20242025-604.txt",
    "limburg_ah-tk-20242025-580_vraag1en4.txt": "ah-tk-20242025-580.txt",
    "lobby_ah-tk-20112012-1211_mededeling.txt": "ah-tk-20112012-1211.txt",
    "000_c55a3706b6de8204.txt": "kv-2021-02-03-yesilgoz-zegerius.txt",  # a seed
}


@pytest.fixture
def dossiers(tmp_path: Path) -> Path:
    folder = tmp_path / "dossiers"
    folder.mkdir()
    return folder


def downloaded(tmp_path: Path, corpus_name: str) -> Path:
    copy = tmp_path / corpus_name
    shutil.copyfile(ROOT / "dossiers" / CORPUS[corpus_name], copy)
    return copy


def add(*arguments: str | Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["add", *map(str, arguments)])
    return status, capsys.readouterr().out


def test_a_kv_tk_question_document_is_filed_under_its_zaak_number(
    tmp_path: Path, dossiers: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = downloaded(tmp_path, "limburg_2024Z18439.txt")
    status, out = add(raw, "--dossiers", dossiers, capsys=capsys)
    assert status == 0, out
    assert [path.name for path in dossiers.iterdir()] == ["2024Z18439.txt"]
    assert f"added {dossiers / '2024Z18439.txt'} from {raw}\n" in out
    assert "  kind: questions\n" in out
    assert "  title: het verdwijnen van de restitutiepolis en de gevolgen voor ggz-patiënten\n" in out
    assert "  members: Westerveld (GroenLinks-PvdA), Bushoff (GroenLinks-PvdA)\n" in out
    assert "  questions: 22, answers: 0, footnotes: 5\n" in out


def test_an_aanhangsel_pdf_is_filed_under_the_id_of_its_page_footers(
    tmp_path: Path, dossiers: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = downloaded(tmp_path, "limburg_ah-tk-20242025-580_vraag1en4.txt")
    status, out = add(raw, "--dossiers", dossiers, capsys=capsys)
    assert status == 0, out
    assert [path.name for path in dossiers.iterdir()] == ["ah-tk-20242025-580.txt"]
    assert "  kind: answers\n" in out
    assert "  members: Hertzberger (Nieuw Sociaal Contract)\n" in out
    assert "  answered by: Minister Bruins (Onderwijs, Cultuur en Wetenschap)\n" in out
    assert "  questions: 5, answers: 5, footnotes: 6\n" in out


def test_a_docx_aanhangsel_is_filed_under_its_ah_number_and_the_session_of_its_date(
    tmp_path: Path, dossiers: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "AH 604" above "2024Z18294", "(ontvangen 20 november 2024)": no vergaderjaar is printed.
    raw = downloaded(tmp_path, "limburg_AH604_2024Z18294_docx.txt")
    status, out = add(raw, "--dossiers", dossiers, capsys=capsys)
    assert status == 0, out
    assert [path.name for path in dossiers.iterdir()] == ["ah-tk-20242025-604.txt"]
    assert "  members: none printed\n" in out
    assert "  answered by: Minister Van Weel (Justitie en Veiligheid)\n" in out
    assert f"{dossiers / 'ah-tk-20242025-604.txt'}: note: vergaderjaar not printed" in out


def test_a_docx_question_document_is_filed_under_its_zaak_number(
    tmp_path: Path, dossiers: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = downloaded(tmp_path, "limburg_2024Z18884_docx.txt")
    status, out = add(raw, "--dossiers", dossiers, capsys=capsys)
    assert status == 0, out
    assert [path.name for path in dossiers.iterdir()] == ["2024Z18884.txt"]
    assert "  title: het bericht 'Israël saboteert stelselmatig Nederlandse ontwikkelingsprojecten" in out
    assert "  members: Bamenga (D66)\n" in out


def test_questions_without_a_zaak_number_are_filed_after_date_and_first_member(
    tmp_path: Path, dossiers: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = downloaded(tmp_path, "000_c55a3706b6de8204.txt")
    status, out = add(raw, "--dossiers", dossiers, capsys=capsys)
    assert status == 0, out
    assert [path.name for path in dossiers.iterdir()] == ["kv-2021-02-03-yesilgoz-zegerius.txt"]
    assert "  members: Yesilgöz-Zegerius (VVD), Lodders (VVD)\n" in out


def test_the_filed_text_is_the_source_byte_for_byte(
    tmp_path: Path, dossiers: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = downloaded(tmp_path, "limburg_2024Z18439.txt")
    add(raw, "--dossiers", dossiers, capsys=capsys)
    assert (dossiers / "2024Z18439.txt").read_bytes() == raw.read_bytes()


def test_diagnostics_are_those_check_prints_with_the_filed_path(
    tmp_path: Path, dossiers: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = downloaded(tmp_path, "limburg_2024Z18439.txt")
    _, out = add(raw, "--dossiers", dossiers, capsys=capsys)
    main(["check", str(dossiers / "2024Z18439.txt")])
    checked = [line for line in capsys.readouterr().out.splitlines() if ": note: " in line]
    reported = [line for line in out.splitlines() if ": note: " in line]
    assert f"{dossiers / '2024Z18439.txt'}:14: note: hyphenation of a lost line break undone (1×): " in out
    assert reported == [f"{dossiers}/{line}" for line in checked]


def test_adding_again_says_unchanged_and_writes_nothing(
    tmp_path: Path, dossiers: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = downloaded(tmp_path, "limburg_2024Z18561.txt")
    add(raw, "--dossiers", dossiers, capsys=capsys)
    filed = dossiers / "2024Z18561.txt"
    modified = filed.stat().st_mtime_ns
    status, out = add(raw, "--dossiers", dossiers, capsys=capsys)
    assert status == 0, out
    assert f"unchanged {filed}: same text as {raw}\n" in out
    assert "1 file read: 0 added, 1 unchanged, 0 not filed" in out
    assert filed.stat().st_mtime_ns == modified


def test_a_different_file_of_the_same_name_is_never_overwritten(
    tmp_path: Path, dossiers: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corrected = "2024Z18561\n\n(ingezonden 15 november 2024)\n\nCorrected by hand.\n"
    (dossiers / "2024Z18561.txt").write_text(corrected, encoding="utf-8")
    raw = downloaded(tmp_path, "limburg_2024Z18561.txt")
    status, out = add(raw, "--dossiers", dossiers, capsys=capsys)
    assert status == 1
    assert (
        f"{raw}: error: {dossiers / '2024Z18561.txt'} already exists with a different text; not overwritten"
        in out
    )
    assert (dossiers / "2024Z18561.txt").read_text(encoding="utf-8") == corrected


def test_a_refusal_does_not_stop_the_other_files(
    tmp_path: Path, dossiers: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (dossiers / "2024Z18561.txt").write_text("something else\n", encoding="utf-8")
    refused = downloaded(tmp_path, "limburg_2024Z18561.txt")
    accepted = downloaded(tmp_path, "limburg_2024Z18775.txt")
    status, out = add(refused, accepted, "--dossiers", dossiers, capsys=capsys)
    assert status == 1
    assert (dossiers / "2024Z18775.txt").read_bytes() == accepted.read_bytes()
    assert "2 files read: 1 added, 0 unchanged, 1 not filed" in out


def test_dry_run_names_the_files_but_writes_nothing(
    tmp_path: Path, dossiers: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = downloaded(tmp_path, "lobby_ah-tk-20112012-1211_mededeling.txt")
    status, out = add(raw, "--dossiers", dossiers, "--dry-run", capsys=capsys)
    assert status == 0, out
    assert f"would add {dossiers / 'ah-tk-20112012-1211.txt'} from {raw}\n" in out
    assert "  kind: mededeling\n" in out
    assert list(dossiers.iterdir()) == []


def test_dry_run_still_sees_two_inputs_that_would_take_one_name(
    tmp_path: Path, dossiers: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = downloaded(tmp_path, "limburg_2024Z18561.txt")
    second = tmp_path / "2024Z18561-edited.txt"
    second.write_text(first.read_text(encoding="utf-8") + "\nExtra line.\n", encoding="utf-8")
    status, out = add(first, second, "--dossiers", dossiers, "--dry-run", capsys=capsys)
    assert status == 1
    assert f"{second}: error: {dossiers / '2024Z18561.txt'} already exists with a different text" in out


def test_a_document_that_prints_nothing_to_name_it_by_is_refused(
    tmp_path: Path, dossiers: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = tmp_path / "notitie.txt"
    raw.write_text("Vraag 1\nWaarom?\n", encoding="utf-8")
    status, out = add(raw, "--dossiers", dossiers, capsys=capsys)
    assert status == 1
    assert f"{raw}: error: cannot name it: no zaak number" in out
    assert list(dossiers.iterdir()) == []


def test_windows_1252_text_is_filed_as_utf8(
    tmp_path: Path, dossiers: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = (ROOT / "dossiers" / "2024Z18561.txt").read_text(encoding="utf-8")
    raw = tmp_path / "van-windows.txt"
    raw.write_bytes(original.replace("\n", "\r\n").encode("cp1252"))
    status, out = add(raw, "--dossiers", dossiers, capsys=capsys)
    assert status == 0, out
    assert (dossiers / "2024Z18561.txt").read_text(encoding="utf-8") == original
    assert "  stored as UTF-8 with \\n line ends (was windows-1252 and \\r line ends)\n" in out


def test_a_binary_file_exits_2_and_says_it_is_not_text(
    tmp_path: Path, dossiers: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scan = tmp_path / "scan.txt"
    scan.write_bytes(b"%PDF-1.7\x00\x01\x02")
    status, out = add(scan, "--dossiers", dossiers, capsys=capsys)
    assert status == 2
    assert f"{scan}: error: binary file" in out
    assert list(dossiers.iterdir()) == []


def test_a_missing_dossiers_folder_is_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = downloaded(tmp_path, "limburg_2024Z18561.txt")
    status = main(["add", str(raw), "--dossiers", str(tmp_path / "dosiers")])
    assert status == 2
    assert "dosiers: error: no such folder" in capsys.readouterr().err
    assert not (tmp_path / "dosiers").exists()


def test_no_progress_counter_when_not_on_a_terminal(
    tmp_path: Path, dossiers: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = downloaded(tmp_path, "limburg_2024Z18561.txt")
    second = downloaded(tmp_path, "limburg_2024Z18775.txt")
    main(["add", str(first), str(second), "--dossiers", str(dossiers)])
    assert capsys.readouterr().err == ""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_counter_is_erased_before_each_report_line() -> None:
    terminal = _Terminal()
    progress = Progress(total=3, stream=terminal)
    progress.show()
    progress.clear()
    progress.advance()
    assert terminal.getvalue() == "\r[0/3] reading\r\x1b[K\r[1/3] reading"
