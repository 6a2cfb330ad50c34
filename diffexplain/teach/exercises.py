"""Generated calculus exercises: a level and a seed give the same problems on every machine,
so a lecturer can hand a class one link (`?level=chain&seed=42`) and everyone gets the same set.

Each problem is a function as a student types it (the parser reads it like any visitor's
text), the variable(s) to differentiate by, and which rule to hint at first. Problems are made
from small templates with random integer coefficients; `random.Random` seeded with a string is
the same on every platform and Python version since 3.2.

>>> problem("power_chain", 42, 1) == problem("power_chain", 42, 1)
True
>>> problem("several_variables", 7, 3).wrt
('y',)
"""

from __future__ import annotations

import random
from dataclasses import dataclass

LEVELS = (
    "power_chain",
    "product_quotient",
    "trig_exp_log",
    "several_variables",
    "second_derivatives",
)
MAX_SEED = 10**6


@dataclass(frozen=True)
class Problem:
    """One exercise: differentiate `function` by `wrt` (one name per order)."""

    level: str
    seed: int
    number: int
    function: str
    wrt: tuple[str, ...]
    hint: str
    """A key of the text files (`practice.hint.<hint>`): the rule to think of first."""


def _nonzero(rng: random.Random, low: int = -5, high: int = 5) -> int:
    return rng.choice([k for k in range(low, high + 1) if k != 0])


def _signed(value: int) -> str:
    """' + 3' or ' - 3', to glue after a term."""
    return f" + {value}" if value > 0 else f" - {-value}"


def _times(coefficient: int, term: str) -> str:
    """3x^2, x^2, -x^2: a coefficient as a student writes it."""
    return {1: term, -1: f"-{term}"}.get(coefficient, f"{coefficient}{term}")


def _plus(coefficient: int, term: str) -> str:
    """' + 3x', ' - x': a term glued after another."""
    sign = " + " if coefficient > 0 else " - "
    return sign + _times(abs(coefficient), term)


def _linear(rng: random.Random, name: str = "x") -> str:
    """a x + b with small nonzero a, b, as a student writes it."""
    a, b = _nonzero(rng, 2, 6), _nonzero(rng)
    return f"{a}{name}{_signed(b)}"


def _power_chain(rng: random.Random) -> tuple[tuple[str, str], ...]:
    n, m = rng.sample(range(2, 8), 2)
    a, b = _nonzero(rng, 2, 9), _nonzero(rng)
    choices = (
        (f"{a}x^{n}{_plus(b, f'x^{m}')}", "power"),
        (f"({_linear(rng)})^{n}", "chain"),
        (f"sqrt({_linear(rng)})", "chain"),
        (f"(x^2{_signed(b)})^{m}", "chain"),
        (f"1/({_linear(rng)})^{m}", "chain"),
    )
    return choices


def _product_quotient(rng: random.Random) -> tuple[tuple[str, str], ...]:
    n, m = rng.randint(2, 4), rng.randint(2, 3)
    b, c = _nonzero(rng), _nonzero(rng, 1, 9)
    choices = (
        (f"x^{n} ({_linear(rng)})^{m}", "product"),
        (f"({_linear(rng)})/({_linear(rng)})", "quotient"),
        (f"x^{n}/(x^2 + {c})", "quotient"),
        (f"(x^2{_signed(b)})/(x^2 + {c})", "quotient"),
        (f"x sqrt(x + {c})", "product"),
    )
    return choices


def _trig_exp_log(rng: random.Random) -> tuple[tuple[str, str], ...]:
    a, b, n = _nonzero(rng, 2, 5), _nonzero(rng, 2, 5), rng.randint(2, 4)
    c = _nonzero(rng, 1, 9)
    choices = (
        (f"sin({_linear(rng)})", "chain"),
        (f"cos(x^{n})", "chain"),
        (f"exp({a}x) sin({b}x)", "product"),
        (f"log(x^2 + {c})", "chain"),
        (f"tan({a}x)", "chain"),
        (f"exp(-x^2/{b})", "chain"),
        (f"x^{n} log(x)", "product"),
        (f"sin(x)^{n}", "chain"),
    )
    return choices


def _several_variables(rng: random.Random) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    a, b, c = rng.randint(2, 4), rng.randint(2, 4), _nonzero(rng)
    wrt = ("x", "y") if rng.random() < 0.3 else (rng.choice(("x", "y")),)  # now and then mixed
    choices = (
        (f"x^{a} y^{b}{_plus(c, 'x y')}", "partial"),
        ("sin(x y)", "partial"),
        (f"exp({a}x) cos(y)", "partial"),
        ("log(x^2 + y^2)", "partial"),
        (f"x^{a} y{_plus(c, f'y^{b}')}", "partial"),
    )
    return tuple((function, hint, wrt) for function, hint in choices)


def _second_derivatives(rng: random.Random) -> tuple[tuple[str, str], ...]:
    a, n = _nonzero(rng, 2, 5), rng.randint(3, 6)
    c = _nonzero(rng, 1, 9)
    choices = (
        (f"x^{n}{_plus(a, 'x^2')}", "second"),
        (f"sin({a}x)", "second"),
        ("x exp(x)", "second"),
        ("log(x)", "second"),
        (f"1/(x + {c})", "second"),
        (f"exp({a}x^2)", "second"),
    )
    return choices


def problem(level: str, seed: int, number: int) -> Problem:
    """Problem `number` (1, 2, …) of the set (`level`, `seed`): the same every time.

    Raises ValueError for an unknown level (pages check the URL's value against LEVELS).
    """
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; one of {', '.join(LEVELS)}")
    rng = random.Random(f"{level}:{seed}:{number}")
    if level == "several_variables":
        choices = _several_variables(rng)
    else:
        maker = {
            "power_chain": _power_chain,
            "product_quotient": _product_quotient,
            "trig_exp_log": _trig_exp_log,
            "second_derivatives": _second_derivatives,
        }[level]
        wrt = ("x", "x") if level == "second_derivatives" else ("x",)
        choices = tuple((function, hint, wrt) for function, hint in maker(rng))
    # every template once, in an order of the set's own, before any comes again
    cycle = random.Random(f"{level}:{seed}").sample(range(len(choices)), len(choices))
    function, hint, wrt = choices[cycle[(number - 1) % len(choices)]]
    return Problem(level, seed, number, function, wrt, hint)
