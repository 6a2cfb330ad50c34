"""The three-ways page's charts (Altair/Vega-Lite): expression swell on a log axis with gaps for
zeros, and the V of finite-difference error against step size, log–log, with ε marked."""

import math

import numpy as np
import pandas as pd
import pytest

from diffexplain.core.parse import parse_function
from diffexplain.figures.plots_ways import (
    ERROR_FLOOR,
    difference_error_chart,
    difference_frame,
    error_floor,
    swell_chart,
    swell_frame,
)
from diffexplain.teach.finite import STEPS, difference_errors
from tests import vega

LABELS = {
    "forward": "forward {dtype}",
    "central": "central {dtype}",
    "autodiff": "autodiff {dtype}",
    "step": "h",
    "error": "error",
    "chosen": "chosen",
}


def _errors(text, at, dtype):
    parsed = parse_function(text)
    return difference_errors(parsed.expr, parsed.symbols[0], {"x": at}, STEPS, dtype)


@pytest.fixture(scope="module")
def sin_at_1():
    return [_errors("sin(x)", 1.0, dtype) for dtype in ("float32", "float64")]


# --- expression swell ------------------------------------------------------------------------


def test_swell_frame_leaves_out_zeros_and_missing_counts_and_cuts_the_line_there():
    frame = swell_frame(
        [1, 2, 3, 4], {"raw": [0, 5, 20, 80], "tape": [3, None, 9, 12]}, {"raw": "R", "tape": "T"}
    )
    raw, tape = frame[frame["key"] == "raw"], frame[frame["key"] == "tape"]
    assert raw["step"].tolist() == [2, 3, 4] and raw["count"].tolist() == [5, 20, 80]
    assert tape["step"].tolist() == [1, 3, 4] and tape["segment"].tolist() == [0, 1, 1]
    assert set(frame["label"]) == {"R", "T"}
    assert (frame["count"] > 0).all()  # a log axis has no 0


def test_swell_chart_is_log_scaled_and_names_each_series_by_colour_dash_and_marker():
    series = {"raw": [1, 5, 20], "simplified": [1, 4, 9], "tape": [3, 6, 9]}
    labels = {"raw": "as diff", "simplified": "simplified", "tape": "tape"}
    spec = swell_chart([1, 2, 3], series, labels, "order", "ops").to_dict()
    assert spec["mark"]["type"] == "line" and spec["mark"]["point"]
    encoding = spec["encoding"]
    assert encoding["y"]["scale"]["type"] == "log"
    low, high = encoding["y"]["scale"]["domain"]
    assert 0 < low < 1 and high > 20  # every marker inside the frame
    assert encoding["x"]["axis"]["values"] == [1, 2, 3]
    assert (encoding["x"]["title"], encoding["y"]["title"]) == ("order", "ops")
    for channel in ("color", "strokeDash", "shape"):
        assert encoding[channel]["scale"]["domain"] == ["as diff", "simplified", "tape"]
    assert encoding["strokeDash"]["scale"]["range"] == [[], [], [7, 4]]  # tape counts dashed
    assert encoding["detail"]["field"] == "segment"
    data = vega.data(spec, spec)
    assert data["count"].tolist() == [1, 5, 20, 1, 4, 9, 3, 6, 9]
    assert spec["params"][0]["bind"] == "scales"


# --- finite differences ----------------------------------------------------------------------


def test_difference_chart_draws_both_dtypes_on_log_axes(sin_at_1):
    spec = difference_error_chart(sin_at_1, 1e-5, LABELS).to_dict()
    layers = list(vega.layers(spec))
    lines = layers[0]
    assert vega.mark(lines) == "line"
    assert lines["encoding"]["x"]["scale"]["type"] == "log"
    assert lines["encoding"]["y"]["scale"]["type"] == "log"
    names = lines["encoding"]["color"]["scale"]["domain"]
    for dtype in ("float32", "float64"):
        for kind in ("forward", "central", "autodiff"):
            assert f"{kind} {dtype}" in names
    assert names[-1] == "chosen"
    # one legend: colour and dash name the same series
    assert lines["encoding"]["strokeDash"]["scale"]["domain"] == names
    curves = vega.data(spec, lines)
    assert set(curves["series"]) == {
        f"{k} {d}" for k in ("forward", "central") for d in ("float32", "float64")
    }


def test_difference_chart_holds_the_errors_and_floors_exact_zeros(sin_at_1):
    floor = error_floor(sin_at_1)
    assert sin_at_1[1].autodiff_error == 0.0  # float64's autodiff of sin at 1 is exact
    assert 0 < floor < min(e for r in sin_at_1 for e in r.central_error if e > 0)
    spec = difference_error_chart(sin_at_1, 1e-5, LABELS).to_dict()
    lines, flat, chosen = list(vega.layers(spec))[:3]
    curves = vega.data(spec, lines)
    forward32 = curves[curves["series"] == "forward float32"]
    np.testing.assert_array_equal(forward32["h"], STEPS)
    np.testing.assert_array_equal(forward32["error"], sin_at_1[0].forward_error)
    assert (curves["shown"] >= floor).all() and (curves["shown"] > 0).all()
    autodiff = vega.data(spec, flat)
    assert autodiff["shown"].tolist() == [max(sin_at_1[0].autodiff_error, floor), floor]
    assert autodiff["error"].tolist()[1] == 0.0  # the tooltip says 0, the line sits on the floor
    assert vega.data(spec, chosen)["h"].tolist() == [1e-5]
    low = lines["encoding"]["y"]["scale"]["domain"][0]
    assert low < floor


def test_difference_chart_marks_the_rule_of_thumb_steps_in_each_dtypes_colour(sin_at_1):
    spec = difference_error_chart(sin_at_1, 1e-5, LABELS).to_dict()
    texts = [layer for layer in vega.layers(spec) if vega.mark(layer) == "text"]
    marks = pd.concat([vega.data(spec, layer) for layer in texts], ignore_index=True)
    assert marks["text"].tolist() == ["√ε₃₂", "∛ε₃₂", "√ε₆₄", "∛ε₆₄"]
    expected = [r.best_steps[k] for r in sin_at_1 for k in ("forward", "central")]
    assert marks["h"].tolist() == expected
    assert [layer["mark"]["color"] for layer in texts] == ["#ff7f0e", "#1f77b4"]
    assert math.sqrt(np.finfo(np.float64).eps) == pytest.approx(expected[2], rel=0.5)


def test_difference_frame_is_empty_but_well_formed_without_results():
    assert list(difference_frame([], LABELS).columns) == [
        "dtype",
        "kind",
        "series",
        "h",
        "error",
        "shown",
    ]
    assert error_floor([]) == ERROR_FLOOR
