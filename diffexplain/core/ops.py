"""The one table of primitives: what a visitor types, the SymPy head it becomes, the TensorFlow
op that computes it, and the derivative rule that op's gradient carries out.

The parser reads `name` and `sympy_head`, the tape reads `forward`, the graph and the lecture
text read `tf_op` and `rule`. Nothing here imports TensorFlow: `forward` receives the module.

>>> FUNCTIONS["sin"].tf_op, FUNCTIONS["sin"].rule
('Sin', 'd sin(u) = cos(u)·du')
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sympy


class sigmoid(sympy.Function):  # noqa: N801 - lower case like every SymPy function
    """The logistic function 1/(1 + e^-u), kept whole so TensorFlow's own Sigmoid op runs."""

    @classmethod
    def eval(cls, arg):
        if arg.is_zero:
            return sympy.Rational(1, 2)
        return None

    def fdiff(self, argindex=1):
        u = self.args[0]
        return sigmoid(u) * (1 - sigmoid(u))

    def _eval_rewrite_as_exp(self, arg, **kwargs):
        return 1 / (1 + sympy.exp(-arg))

    def _eval_evalf(self, prec):
        # only the outer function is rewritten: rewriting the argument too would turn
        # sigmoid(sin(1)) into exponentials of complex numbers
        return (1 / (1 + sympy.exp(-self.args[0])))._eval_evalf(prec)

    def _eval_is_extended_real(self):
        return self.args[0].is_extended_real

    def _latex(self, printer, exp=None):
        body = r"\sigma\left(%s\right)" % printer._print(self.args[0])
        return body if exp is None else r"%s^{%s}" % (body, exp)


class relu(sympy.Function):  # noqa: N801
    """max(u, 0). Its derivative is a step that is 0 at u = 0, the convention TensorFlow uses."""

    @classmethod
    def eval(cls, arg):
        if arg.is_number and arg.is_extended_real:
            return sympy.Max(arg, 0)
        if arg.is_extended_nonnegative:
            return arg
        if arg.is_extended_nonpositive:
            return sympy.S.Zero
        return None

    def fdiff(self, argindex=1):
        return sympy.Heaviside(self.args[0], 0)

    def _eval_rewrite_as_Max(self, arg, **kwargs):
        return sympy.Max(arg, 0)

    def _eval_evalf(self, prec):
        return sympy.Max(self.args[0], 0)._eval_evalf(prec)

    def _eval_is_extended_real(self):
        return self.args[0].is_extended_real

    def _latex(self, printer, exp=None):
        body = r"\operatorname{relu}\left(%s\right)" % printer._print(self.args[0])
        return body if exp is None else r"%s^{%s}" % (body, exp)


@dataclass(frozen=True)
class Primitive:
    """One function of the grammar and everything the app says about it."""

    name: str
    sympy_head: Any
    tf_op: str
    rule: str
    forward: Callable[[Any, Any], Any]
    gradient_ops: tuple[str, ...] = ()


def _reciprocal_of(tf_name: str) -> Callable[[Any, Any], Any]:
    return lambda tf, u: tf.math.reciprocal(getattr(tf.math, tf_name)(u))


_PRIMITIVES = (
    Primitive(
        "sin",
        sympy.sin,
        "Sin",
        "d sin(u) = cos(u)·du",
        lambda tf, u: tf.math.sin(u),
        ("Cos", "Mul"),
    ),
    Primitive(
        "cos",
        sympy.cos,
        "Cos",
        "d cos(u) = −sin(u)·du",
        lambda tf, u: tf.math.cos(u),
        ("Sin", "Neg", "Mul"),
    ),
    Primitive(
        "tan",
        sympy.tan,
        "Tan",
        "d tan(u) = (1 + tan²u)·du = du / cos²u",
        lambda tf, u: tf.math.tan(u),
        ("Cos", "Reciprocal", "Square", "Mul"),
    ),
    Primitive(
        "sec",
        sympy.sec,
        "Reciprocal",
        "d sec(u) = sec(u)·tan(u)·du",
        _reciprocal_of("cos"),
        ("ReciprocalGrad",),
    ),
    Primitive(
        "csc",
        sympy.csc,
        "Reciprocal",
        "d csc(u) = −csc(u)·cot(u)·du",
        _reciprocal_of("sin"),
        ("ReciprocalGrad",),
    ),
    Primitive(
        "cot",
        sympy.cot,
        "Reciprocal",
        "d cot(u) = −(1 + cot²u)·du",
        _reciprocal_of("tan"),
        ("ReciprocalGrad",),
    ),
    Primitive(
        "asin",
        sympy.asin,
        "Asin",
        "d asin(u) = du / √(1 − u²)",
        lambda tf, u: tf.math.asin(u),
        ("Square", "Sub", "Rsqrt", "Mul"),
    ),
    Primitive(
        "acos",
        sympy.acos,
        "Acos",
        "d acos(u) = −du / √(1 − u²)",
        lambda tf, u: tf.math.acos(u),
        ("Square", "Sub", "Rsqrt", "Neg", "Mul"),
    ),
    Primitive(
        "atan",
        sympy.atan,
        "Atan",
        "d atan(u) = du / (1 + u²)",
        lambda tf, u: tf.math.atan(u),
        ("Square", "AddV2", "Reciprocal", "Mul"),
    ),
    Primitive(
        "sinh",
        sympy.sinh,
        "Sinh",
        "d sinh(u) = cosh(u)·du",
        lambda tf, u: tf.math.sinh(u),
        ("Cosh", "Mul"),
    ),
    Primitive(
        "cosh",
        sympy.cosh,
        "Cosh",
        "d cosh(u) = sinh(u)·du",
        lambda tf, u: tf.math.cosh(u),
        ("Sinh", "Mul"),
    ),
    Primitive(
        "tanh",
        sympy.tanh,
        "Tanh",
        "d tanh(u) = (1 − tanh²u)·du",
        lambda tf, u: tf.math.tanh(u),
        ("TanhGrad",),
    ),
    Primitive(
        "asinh",
        sympy.asinh,
        "Asinh",
        "d asinh(u) = du / √(u² + 1)",
        lambda tf, u: tf.math.asinh(u),
        ("Cosh", "Reciprocal", "Mul"),
    ),
    Primitive(
        "acosh",
        sympy.acosh,
        "Acosh",
        "d acosh(u) = du / √(u² − 1)",
        lambda tf, u: tf.math.acosh(u),
        ("Sinh", "Reciprocal", "Mul"),
    ),
    Primitive(
        "atanh",
        sympy.atanh,
        "Atanh",
        "d atanh(u) = du / (1 − u²)",
        lambda tf, u: tf.math.atanh(u),
        ("Square", "Sub", "Reciprocal", "Mul"),
    ),
    Primitive(
        "exp", sympy.exp, "Exp", "d exp(u) = exp(u)·du", lambda tf, u: tf.math.exp(u), ("Mul",)
    ),
    Primitive(
        "log",
        sympy.log,
        "Log",
        "d log(u) = du / u",
        lambda tf, u: tf.math.log(u),
        ("Reciprocal", "Mul"),
    ),
    Primitive(
        "sqrt",
        sympy.sqrt,
        "Sqrt",
        "d √u = du / (2√u)",
        lambda tf, u: tf.math.sqrt(u),
        ("SqrtGrad",),
    ),
    Primitive(
        "abs", sympy.Abs, "Abs", "d |u| = sign(u)·du", lambda tf, u: tf.math.abs(u), ("Sign", "Mul")
    ),
    Primitive(
        "erf",
        sympy.erf,
        "Erf",
        "d erf(u) = (2/√π)·exp(−u²)·du",
        lambda tf, u: tf.math.erf(u),
        ("Square", "Neg", "Exp", "Mul"),
    ),
    Primitive(
        "sigmoid",
        sigmoid,
        "Sigmoid",
        "d σ(u) = σ(u)·(1 − σ(u))·du",
        lambda tf, u: tf.math.sigmoid(u),
        ("SigmoidGrad",),
    ),
    Primitive(
        "relu",
        relu,
        "Relu",
        "d relu(u) = step(u)·du",
        lambda tf, u: tf.nn.relu(u),
        ("ReluGrad",),
    ),
)

FUNCTIONS: dict[str, Primitive] = {p.name: p for p in _PRIMITIVES}
"""Function names a visitor may type, mapped to their primitive."""

ALIASES: dict[str, str] = {"ln": "log", "arcsin": "asin", "arccos": "acos", "arctan": "atan"}
"""Other spellings of the same function."""

CONSTANTS: dict[str, sympy.Expr] = {"pi": sympy.pi, "e": sympy.E}
"""Names that stand for numbers."""

NOT_FUNCTIONS: dict[str, str] = {
    **dict.fromkeys(("f", "g", "h", "F", "G", "H", "phi", "psi"), ""),
    "sigma": "sigmoid(x)",
    "softplus": "log(1 + exp(x))",
    "swish": "x sigmoid(x)",
    "silu": "x sigmoid(x)",
    "sinc": "sin(x)/x",
}
"""Names a student writes as functions that are not in the table, each with the formula to
suggest ("" where the name stands for any function, as f does). Before `(` they are refused
(`f(x)` is not f·x); elsewhere they are variables like any other name."""

BY_HEAD: dict[Any, Primitive] = {p.sympy_head: p for p in _PRIMITIVES}
"""The primitive for a SymPy head, for the translators that walk a SymPy tree."""


@dataclass(frozen=True)
class Operator:
    """An arithmetic node of the tree, with the rule its gradient carries out."""

    symbol: str
    tf_op: str
    rule: str


OPERATORS: dict[str, Operator] = {
    "add": Operator("+", "AddV2", "sum rule: d(u + v) = du + dv"),
    "sub": Operator("−", "Sub", "difference rule: d(u − v) = du − dv"),
    "neg": Operator("−", "Neg", "constant multiple: d(−u) = −du"),
    "mul": Operator("·", "Mul", "product rule: d(u·v) = v·du + u·dv"),
    "div": Operator("/", "RealDiv", "quotient rule: d(u/v) = du/v − u·dv/v²"),
    "pow": Operator("^", "Pow", "power rule: d(uⁿ) = n·uⁿ⁻¹·du"),
    "pow_general": Operator("^", "Pow", "general power rule: d(u^v) = u^v·(v·du/u + ln(u)·dv)"),
}
"""Arithmetic operators, keyed by the role they play in the translated tree."""


@dataclass(frozen=True)
class ProductParts:
    """A SymPy product read the way a student writes it: −(numerator) / (denominator).

    SymPy stores x/(2y) as Mul(1/2, x, Pow(y, −1)); the tape, the derivation steps and the
    generated script all read it as x / (2·y) through this one function, so their ops match.
    """

    negative: bool
    numerator: tuple[sympy.Expr, ...]
    denominator: tuple[sympy.Expr, ...]


def split_product(node: sympy.Expr) -> ProductParts:
    """
    >>> x, y = sympy.symbols("x y")
    >>> split_product(-x / (2 * y))
    ProductParts(negative=True, numerator=(x,), denominator=(2, y))
    """
    coefficient, factors = node.as_coeff_mul()
    numerator, denominator = [], []
    for factor in factors:
        base, exponent = factor.as_base_exp()
        if exponent.is_Number and exponent < 0:
            denominator.append(base if exponent == -1 else base ** (-exponent))
        else:
            numerator.append(factor)
    negative = coefficient < 0
    p, q = sympy.fraction(-coefficient if negative else coefficient)
    if p != 1 or not numerator:
        numerator.insert(0, p)
    if q != 1:
        denominator.insert(0, q)
    return ProductParts(negative, tuple(numerator), tuple(denominator))


RULES: dict[str, str] = {
    "constant": "constant rule: dc = 0",
    "variable": "variable: dx/dx = 1",
    "constant_multiple": "constant multiple: d(c·u) = c·du",
    "chain": "chain rule: d f(u) = f′(u)·du",
    "exponential": "exponential rule: d(aᵘ) = aᵘ·ln(a)·du",
}
"""Rules that belong to no single op (read by the step-by-step derivations)."""


def rule_for_tf_op(op_type: str) -> str:
    """The derivative rule that differentiating a TensorFlow op of this type carries out.

    >>> rule_for_tf_op("Mul")
    'product rule: d(u·v) = v·du + u·dv'
    """
    for primitive in _PRIMITIVES:
        if primitive.tf_op == op_type and primitive.tf_op != "Reciprocal":
            return primitive.rule
    for operator in OPERATORS.values():
        if operator.tf_op == op_type:
            return operator.rule
    return _OTHER_RULES.get(op_type, f"gradient of {op_type}")


def short_rule(rule: str) -> str:
    """A rule in a few characters, for a graph node: 'd sin = cos', 'product rule'.

    >>> short_rule("d sin(u) = cos(u)·du"), short_rule("product rule: d(u·v) = v·du + u·dv")
    ('d sin = cos', 'product rule')
    """
    if ":" in rule:
        return rule.split(":", 1)[0]
    first = rule.split(" = ")
    if len(first) >= 2:
        left = first[0].replace("(u)", "")
        right = first[-1].replace("(u)", "").replace("·du", "").replace("du / ", "1/")
        right = right.replace("−du / ", "−1/").replace(" du", "")
        return f"{left} = {right}"
    return rule


_OTHER_RULES = {
    "AddN": "sum rule: each term gets the upstream gradient",
    "Reciprocal": "d(1/u) = −du/u²",
    "Square": "d(u²) = 2u·du",
    "Rsqrt": "d(u^−½) = −½·u^−3/2·du",
    "Sign": "d sign(u) = 0 (away from 0)",
    "ZerosLike": "a constant: derivative 0",
    "OnesLike": "a constant: derivative 0",
    "TanhGrad": "d of (1 − tanh²)·g",
    "SigmoidGrad": "d of σ(1 − σ)·g",
    "SqrtGrad": "d of g/(2√u)",
    "ReciprocalGrad": "d of −g/u²",
    "ReluGrad": "the step is flat: 0 (away from 0)",
    "Cosh": "d cosh(u) = sinh(u)·du",
}
