"""Work shared among processes: every item is done once, in order, however its cost is spread."""

from __future__ import annotations

import pytest
from fixtures.fresh import in_fresh_interpreter

from generator.parallel import _ranges


@pytest.mark.parametrize(
    "costs",
    [None, [1.0] * 10, [1.0] * 7 + [9.0] * 3, [0.0] * 10, [50.0] + [0.0] * 9],
    ids=["uniform", "equal", "long at the end", "all free", "one costly"],
)
@pytest.mark.parametrize("workers", [1, 2, 4])
def test_ranges_cover_every_item_once_in_order(costs, workers) -> None:
    ranges = _ranges(10, workers, 1.5, costs)

    assert len(ranges) == workers
    assert [item for start, stop in ranges for item in range(start, stop)] == list(range(10))


def test_ranges_of_costs_share_the_cost_not_the_number_of_items() -> None:
    # Seven short items then three long ones: a worker takes the short ones and one long one (16),
    # this process, last, the other two (18); by number it would have had 5 items and 29 of the 34.
    (_, middle), (start, stop) = _ranges(10, 2, 1.0, [1.0] * 7 + [9.0] * 3)

    assert (middle, start, stop) == (8, 8, 10)


# Items made ahead by forked workers (as the pages of a first build), asked for while this process is
# busy elsewhere, then all at once.
MADE_AHEAD = """
import os, time
from generator.parallel import MadeAhead
ahead = MadeAhead(lambda item: item * item, 1000, 2)
time.sleep(0.5)  # busy elsewhere: the workers go on
first = [ahead[item] for item in range(0, 300)]
everything = ahead.finish()
print(first == [item * item for item in range(300)], everything == [item * item for item in range(1000)])
print(os.path.exists(ahead._folder))
"""


def test_items_made_ahead_by_workers_come_in_order_and_leave_no_files() -> None:
    result = in_fresh_interpreter(MADE_AHEAD)

    assert result.stdout.split() == ["True", "True", "False"], result.stderr[-2000:]


FAILING_AHEAD = """
from generator.parallel import MadeAhead
ahead = MadeAhead(lambda item: 1 // (item - 500), 1000, 1)
try:
    ahead.finish()
except (RuntimeError, ZeroDivisionError) as error:
    print(type(error).__name__)
"""


def test_an_item_that_fails_in_a_worker_fails_here_and_does_not_hang() -> None:
    # Made in the worker, the failure ends it; made here, it is raised here: either way, an error.
    result = in_fresh_interpreter(FAILING_AHEAD)

    assert result.stdout.strip() in {"RuntimeError", "ZeroDivisionError"}, result.stderr[-2000:]
