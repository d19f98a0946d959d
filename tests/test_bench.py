"""The benchmark measures the build as `make site` runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif((os.cpu_count() or 1) == 1, reason="one core: the build forks no workers anyway")
def test_watching_memory_leaves_the_build_free_to_fork_and_sees_a_large_child() -> None:
    # In a fresh interpreter: a browser test may be serving the site from a thread of this one.
    script = (
        "import subprocess, sys; from generator.bench import _ChildrenPeak; from generator.parallel import workers_for\n"
        "with _ChildrenPeak() as helpers:\n"
        "    workers = workers_for(10**6)\n"
        "    subprocess.run([sys.executable, '-c', 'import time; x = bytearray(300 * 2**20); time.sleep(1.5)'])\n"
        "print(workers, helpers.peak_kb // 1024)"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False)

    workers, peak_mb = map(int, result.stdout.split())
    assert workers > 1
    assert 300 <= peak_mb < 600
