"""interval.certify: exact numbers rounded to float64 with every digit certain, or unknown.

References are mpmath at 2500 digits of the same numbers written again by hand (never SymPy's
evalf), or closed forms: cosh(a) − sinh(a) = e⁻ᵃ, cosh²a − sinh²a = 1.
"""

from __future__ import annotations

import math

import mpmath as mp
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from diffexplain.core.interval import certify, nearest_float
from diffexplain.core.ops import sigmoid

REFERENCE_DIGITS = 2500


def _reference(function) -> float:
    """float64 nearest to an mpmath value computed at REFERENCE_DIGITS digits."""
    with mp.workdps(REFERENCE_DIGITS):
        value = function()
        return float(mp.mpf(value)) if value != 0 else 0.0


R = sympy.Rational


@pytest.mark.parametrize(
    ("number", "reference"),
    [
        # the cases: evalf said 16.0, 7.9e174, −128, 6.5e-173, 6.5e-173, 3.2e-173
        (sympy.cosh(400) - sympy.sinh(400), lambda: mp.exp(-400)),
        (sympy.cosh(800) - sympy.sinh(800), lambda: mp.exp(-800)),  # 3.6e-348: float64's 0
        (sympy.cosh(200) ** 2 - sympy.sinh(200) ** 2, lambda: mp.mpf(1)),
        (1 - sympy.tanh(200) ** 2, lambda: 1 / mp.cosh(200) ** 2),
        (1 - sigmoid(800), lambda: 1 / (1 + mp.exp(800))),
        (sympy.tan(R(3, 10)) ** 2 - sympy.sec(R(3, 10)) ** 2, lambda: mp.mpf(-1)),
        # the derivative of tan² − sec² as diff writes it: exactly 0
        (
            2 * sympy.tan(R(3, 10)) * (sympy.tan(R(3, 10)) ** 2 + 1)
            - 2 * sympy.tan(R(3, 10)) * sympy.sec(R(3, 10)) ** 2,
            lambda: mp.mpf(0),
        ),
        (
            sympy.exp(R(1, 10**8)) - 1 - R(1, 10**8),
            lambda: mp.expm1(mp.mpf(10) ** -8) - mp.mpf(10) ** -8,
        ),
        (sympy.sqrt(R(10**12) + 1) - 10**6, lambda: 1 / (mp.sqrt(mp.mpf(10) ** 12 + 1) + 10**6)),
        (sympy.log(1 + sympy.exp(800)), lambda: 800 + mp.log1p(mp.exp(-800))),
        (sympy.exp(800) / (1 + sympy.exp(800)) ** 2, lambda: 1 / (4 * mp.cosh(400) ** 2)),
        (sympy.exp(1000), lambda: mp.exp(1000)),  # beyond float64: inf
        (R(1, 10), lambda: mp.mpf(1) / 10),
        (sympy.pi / 2, lambda: mp.pi / 2),
        (sympy.erf(R(3, 5)), lambda: mp.erf(mp.mpf(3) / 5)),
        (
            sympy.acos(R(1, 3)) + sympy.asin(R(-1, 7)),
            lambda: mp.acos(1 / mp.mpf(3)) - mp.asin(1 / mp.mpf(7)),
        ),
        (sympy.atanh(R(1, 2)) * sympy.acosh(3), lambda: mp.atanh(0.5) * mp.acosh(3)),
        (sympy.Abs(sympy.sin(3)) + sympy.sign(-sympy.E), lambda: abs(mp.sin(3)) - 1),
        (R(2) ** R(1, 3) * sympy.cot(R(1, 7)), lambda: mp.cbrt(2) * mp.cot(mp.mpf(1) / 7)),
    ],
)
def test_every_digit_is_the_reference_rounded_to_float64(number, reference):
    found = certify(number)
    assert found.kind == "real", found
    assert found.value == _reference(reference)


def test_a_value_the_ladder_cannot_settle_is_unknown_not_a_guess():
    # 128 bits cannot see through cancelling 174 digits: nothing is claimed
    found = certify(sympy.cosh(400) - sympy.sinh(400), ladder=(128,))
    assert found.kind == "unknown" and math.isnan(found.value)
    # a divisor that is 0 exactly (cosh² − sinh² − 1) can never be settled
    assert certify(1 / (sympy.cosh(3) ** 2 - sympy.sinh(3) ** 2 - 1)).kind == "unknown"


@pytest.mark.parametrize(
    "number",
    [sympy.log(-2), sympy.asin(3), sympy.sqrt(-2), (-8) ** R(1, 3), sympy.acosh(R(1, 2))],
)
def test_numbers_that_are_not_real_are_said_so(number):
    assert certify(number).kind == "not_real"


@pytest.mark.parametrize(
    ("man", "exp"),
    [(1, -1074), (3, -1075), (1, -1076), ((1 << 53) - 1, 971), (1, 1024), (5, -3), (-7, 2)],
)
def test_nearest_float_rounds_as_ieee_does_subnormals_and_overflow_included(man, exp):
    raw = mp.mpf(man * mp.mpf(2) ** exp)._mpf_
    exact = sympy.Rational(man) * sympy.Rational(2) ** exp
    expected = math.inf if exp >= 1024 else float(exact)  # SymPy's Rational → float rounds once
    assert nearest_float(raw) == expected


# Random compositions near cancellation and overflow: each (SymPy form, mpmath form) pair is
# the same function written twice; the point is exact in both.
TEMPLATES = [
    (lambda x, a: sympy.cosh(a * x) - sympy.sinh(a * x), lambda x, a: mp.exp(-a * x)),
    (lambda x, a: sympy.cosh(a * x) ** 2 - sympy.sinh(a * x) ** 2, lambda x, a: mp.mpf(1)),
    (lambda x, a: 1 - sympy.tanh(a * x) ** 2, lambda x, a: 1 / mp.cosh(a * x) ** 2),
    (lambda x, a: sympy.log(1 + sympy.exp(a * x)), lambda x, a: mp.log(1 + mp.exp(a * x))),
    (lambda x, a: 1 - sigmoid(a * x), lambda x, a: 1 / (1 + mp.exp(a * x))),
    (
        lambda x, a: sympy.exp(a * x) * (sympy.cosh(x) - sympy.sinh(x)),
        lambda x, a: mp.exp((a - 1) * x),
    ),
    (lambda x, a: sympy.sqrt(x**2 + a) - x, lambda x, a: a / (mp.sqrt(x**2 + a) + x)),
    (
        lambda x, a: sympy.atan(sympy.sinh(a * x)) - sympy.pi / 2,
        lambda x, a: -mp.acot(mp.sinh(a * x)),
    ),
]
OUTER = [
    (lambda u: u, lambda u: u),
    (sympy.exp, mp.exp),
    (sympy.sin, mp.sin),
    (lambda u: sympy.log(1 + u**2), lambda u: mp.log(1 + u**2)),
]


@settings(max_examples=80, deadline=None)
@given(
    st.integers(0, len(TEMPLATES) - 1),
    st.integers(0, len(OUTER) - 1),
    st.integers(1, 3),
    st.integers(1, 400),
    st.integers(0, 9),
)
def test_certified_values_match_an_independent_high_precision_evaluation(
    template, outer, a, whole, tenths
):
    x = sympy.Rational(10 * whole + tenths, 10)
    (inner, inner_mp), (wrap, wrap_mp) = TEMPLATES[template], OUTER[outer]
    found = certify(wrap(inner(x, a)))
    if found.kind == "unknown":
        return  # honest: nothing is claimed
    assert found.kind == "real"
    reference = _reference(lambda: wrap_mp(inner_mp(mp.mpf(10 * whole + tenths) / 10, a)))
    assert found.value == reference, (template, outer, a, x)
