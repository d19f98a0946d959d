"""The benchmark measures the build as `make site` runs it."""

from __future__ import annotations

import os

import pytest
from fixtures.fresh import in_fresh_interpreter


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
