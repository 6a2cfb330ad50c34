"""budget: the tapes' size predicted from the stages counted, and the request's deadline.

No test here measures time: a deadline in the past or far away decides the same on any machine.
"""

import time

import pytest

from diffexplain.core.budget import (
    MAX_GRAPH_OPS,
    MAX_TAPE_OPS,
    UNKNOWN_GROWTH,
    WORK_SECONDS,
    Deadline,
    OutOfTime,
    TapeSize,
    next_stage_ops,
    seconds_left,
)

# ops per stage as traced (record.py) for sin(x)^cos(x)^tan(x): forward, tapes 1 to 6
SIN_COS_TAN = (5, 47, 159, 484, 1427, 4148, 11998)


def test_stages_after_the_counted_ones_grow_as_the_last_counted_one_grew():
    size = TapeSize(counted=(5, 47, 159, 484), order=6)
    growth = 484 / 159
    assert size.stages[:4] == (5, 47, 159, 484)
    assert size.stages[4] == pytest.approx(484 * growth, abs=1)
    assert size.stages[6] == pytest.approx(484 * growth**3, rel=1e-3)  # each rounded up
    assert not size.exact


def test_the_prediction_from_four_tapes_is_within_ten_percent_of_the_count_at_order_6():
    predicted = TapeSize(counted=SIN_COS_TAN[:5], order=6).ops()
    assert predicted == pytest.approx(sum(SIN_COS_TAN), rel=0.10)


def test_a_fully_counted_size_is_exact_and_predicts_nothing():
    size = TapeSize(counted=SIN_COS_TAN, order=6)
    assert size.exact
    assert size.stages == SIN_COS_TAN
    assert size.ops() == sum(SIN_COS_TAN)
    assert size.ops(2) == 5 + 47 + 159


def test_stages_counted_beyond_the_order_asked_are_not_counted_in():
    assert TapeSize(counted=SIN_COS_TAN, order=3).ops() == 5 + 47 + 159 + 484


def test_fits_is_the_highest_order_within_the_limit():
    size = TapeSize(counted=SIN_COS_TAN, order=6)
    assert size.fits(MAX_GRAPH_OPS) == 4  # 2,122 ops; order 5 has 6,270
    assert size.fits(sum(SIN_COS_TAN)) == 6
    assert size.fits(sum(SIN_COS_TAN) - 1) == 5
    assert size.fits(4) == 0  # not even the forward pass


def test_fewer_than_three_counted_stages_assume_the_largest_growth():
    # tape 1 against the forward pass says little of what follows: assume the worst measured
    assert TapeSize(counted=(10, 80), order=3).stages == (10, 80, 400, 2000)
    assert next_stage_ops((10,)) == 10 * UNKNOWN_GROWTH


def test_a_stage_that_shrinks_is_not_predicted_to_shrink_further():
    assert TapeSize(counted=(3, 11, 24, 11), order=5).stages == (3, 11, 24, 11, 11, 11)


def test_the_limits_keep_the_graph_smaller_than_the_tapes():
    assert 0 < MAX_GRAPH_OPS < MAX_TAPE_OPS


def test_a_deadline_in_the_past_stops_and_one_far_away_does_not():
    with pytest.raises(OutOfTime):
        Deadline(time.monotonic() - 1).check()
    Deadline.start(3600).check()
    assert Deadline(time.monotonic() - 1).left() < 0


def test_a_request_deadline_leaves_time_to_finish_the_answer():
    started = time.monotonic() - 5
    assert Deadline.start(started=started).ends == started + WORK_SECONDS


def test_a_step_gets_its_own_limit_or_less_when_the_deadline_comes_sooner():
    assert seconds_left(None, 20) == 20
    assert seconds_left(Deadline.start(3600), 20) == 20
    assert seconds_left(Deadline(time.monotonic() - 1), 20) < 0
