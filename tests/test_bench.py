"""The benchmark measures the build as `make site` runs it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fixtures.fresh import in_fresh_interpreter

from generator.bench import make_dossiers
from generator.parse import load_folder


@pytest.mark.skipif((os.cpu_count() or 1) == 1, reason="one core: the build forks no workers anyway")
def test_watching_memory_leaves_the_build_free_to_fork_and_sees_a_large_child() -> None:
    script = (
        "import subprocess, sys; from generator.bench import _ChildrenPeak; from generator.parallel import workers_for\n"
        "with _ChildrenPeak() as helpers:\n"
        "    workers = workers_for(10**6)\n"
        "    subprocess.run([sys.executable, '-c', 'import time; x = bytearray(300 * 2**20); time.sleep(1.5)'])\n"
        "print(workers, helpers.peak_kb // 1024)"
    )
    result = in_fresh_interpreter(script)

    workers, peak_mb = map(int, result.stdout.split())
    assert workers > 1
    assert 300 <= peak_mb < 600


def test_the_benchmarks_dossiers_are_ones_an_editor_could_ship(tmp_path: Path) -> None:
    make_dossiers(tmp_path, 300)

    dossiers = load_folder(tmp_path)

    assert len(dossiers) == 300  # no two of them one question set
    assert [str(error) for dossier in dossiers for error in dossier.errors] == []
    answered = [dossier for dossier in dossiers if dossier.answers]
    assert 100 < len(answered) < 200
    assert all(dossier.aanhangsel and dossier.aanhangsel < 10_000 for dossier in answered)
