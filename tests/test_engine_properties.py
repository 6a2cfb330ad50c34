"""Property tests: random formulas from the grammar never break the engine, and the two
derivatives agree wherever both are finite, or the row says why not."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diffexplain import InputError, explain
from diffexplain.core.ops import FUNCTIONS

LEAVES = st.sampled_from(["x", "y", "2", "0.5", "3", "pi", "e", "x y"])


def _combine(children):
    unary = st.builds(lambda f, a: f"{f}({a})", st.sampled_from(sorted(FUNCTIONS)), children)
    binary = st.builds(
        lambda a, op, b: f"({a}){op}({b})",
        children,
        st.sampled_from(["+", "-", "*", "/"]),
        children,
    )
    power = st.builds(lambda a, n: f"({a})^{n}", children, st.sampled_from(["2", "3", "-1", "0.5"]))
    return unary | binary | power


FORMULAS = st.recursive(LEAVES, _combine, max_leaves=5)
POINTS = st.floats(min_value=-3, max_value=3, allow_nan=False).map(lambda v: round(v, 3))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FORMULAS, POINTS, POINTS, st.integers(1, 2), st.sampled_from(["float32", "float64"]))
def test_random_formulas_either_explain_or_refuse_cleanly(formula, x, y, order, dtype):
    try:
        result = explain(formula, {"x": x, "y": y} if "y" in formula else {"x": x}, order, dtype)
    except InputError:
        return
    rows = [(result.value, result.value_autodiff)] + [(r, r.autodiff) for r in result.derivatives]
    for row, autodiff in rows:
        if math.isfinite(row.symbolic) and math.isfinite(autodiff) and not row.agree:
            assert row.note, (formula, x, y, row)
        if not (math.isfinite(row.symbolic) and math.isfinite(autodiff)):
            assert row.note, (formula, x, y, row)
