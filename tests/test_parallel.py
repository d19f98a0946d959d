"""Work shared among processes: every item is done once, in order, however its cost is spread."""

from __future__ import annotations

import pytest

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
