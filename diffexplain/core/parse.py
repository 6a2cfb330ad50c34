"""Turn a visitor's text into a SymPy expression, without ever evaluating the text.

The text comes from anonymous visitors, so nothing here hands it to eval, exec, sympify or
parse_expr. `tokenize` reads it left to right into numbers, names and operators, refusing code,
unknown names and oversized numbers as it meets them; `_Parser` climbs the precedence levels
into a small syntax tree, so every syntax error is found before SymPy does any work; `_build`
then makes the SymPy objects directly, checking each limit with logarithms before the big
thing it guards is built. Every refusal is an `InputError` whose message names the culprit.

Read as a student means it: a function without brackets takes the product after it, as on
calculators, and so does the exponent of e or of a number; f(x), d/dx and 1,5 are refused
with what to type instead.

>>> parse_function("2x sin x").expr
2*x*sin(x)
>>> parse_function("sin 2x + e^2x").expr
exp(2*x) + sin(2*x)
>>> parse_function("x² − 0.1").expr
x**2 - 1/10
"""

from __future__ import annotations

import builtins
import difflib
import keyword
import math
import numbers
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import mpmath
import sympy

from diffexplain.core.ops import ALIASES, CONSTANTS, FUNCTIONS, NOT_FUNCTIONS
from diffexplain.text.en import TEXT as ENGLISH

KINDS = (
    "syntax",
    "unknown_name",
    "forbidden",
    "too_large",
    "invalid_point",
    "invalid_option",
    "timeout",
)
MAX_LENGTH = 400  # characters of input, checked before anything else
MAX_DEPTH = 40  # nesting of parentheses, calls, signs and exponents: far below Python's stack
MAX_VARIABLES = 4
MAX_ORDER = 6  # highest derivative order the app computes (read by the other modules)
MAX_LITERAL_DIGITS = 30  # digits in one number literal
MAX_EXPONENT = 1000  # |numeric exponent| on a base that contains a variable
MAX_CONSTANT_DIGITS = 300  # digits (and decimal exponent) of any number the parser builds
MAX_NAME_LENGTH = 16
MAX_POINT = 1e6  # |point| at which derivatives are evaluated
MAX_COMPONENTS = 4  # functions in one bracketed list [f, g, ...] (a vector-valued function)

_SYMBOL_HINTS = {
    "=": "hint.equals",
    **dict.fromkeys("[]{}", "hint.brackets"),
    "|": "hint.abs",
    "!": "hint.factorial",
    "'": "hint.prime",
}
_SYMPY_HINTS = {"I": "hint.complex", "oo": "hint.infinity"}

_FUNCTION_NAMES = sorted({*FUNCTIONS, *ALIASES})
_LONGEST_FIRST = sorted(_FUNCTION_NAMES, key=len, reverse=True)
_PYTHON_NAMES = {*keyword.kwlist, *keyword.softkwlist, *dir(builtins)} - set(_FUNCTION_NAMES)
_GREEK = {  # alpha, beta, ... omega: names of the lower-case Greek letters
    unicodedata.name(chr(code)).split()[-1].lower() for code in range(0x3B1, 0x3CA)
} - {"lamda", "pi"}
_SYMPY_NAMES = {*sympy.__all__, *dir(sympy)} - {*_FUNCTION_NAMES, *CONSTANTS}
_GLUED_REST = re.compile(r"\d*(?:[A-Za-z]{1,2}(?:_?\d+)?|" + "|".join(sorted(_GREEK)) + ")?")
_GROWING = {sympy.exp, sympy.sinh, sympy.cosh}  # exp(700) already has 305 digits
_UNDEFINED = (sympy.zoo, sympy.nan, sympy.oo, -sympy.oo)

_FRIENDLY = str.maketrans(
    {"×": "*", "·": "*", "⋅": "*", "∗": "*", "÷": "/", "∕": "/", "−": "-", "–": "-"}
)
_LOWER_GREEK = {  # α → alpha, …, λ → lamda (Unicode's and SymPy's spelling: lambda is Python)
    chr(code): unicodedata.name(chr(code)).split()[-1].lower() for code in range(0x3B1, 0x3CA)
}
_WORDS = {"√": "sqrt", **_LOWER_GREEK}  # π is pi, θ is theta, ς and σ are sigma
_SPELLED = re.compile("[√\u03b1-\u03c9]")
_DERIVATIVE_WORDS = {"derivative", "derivatives", "derive", "deriv", "differentiate", "diff"}
_VARIABLE = "(?:[A-Za-z]|" + "|".join(sorted(set(_LOWER_GREEK.values()))) + ")"
_LEIBNIZ = re.compile(  # d/dx, dy/dx, d^2y/dx^2, d/d theta (θ was spelled with a space)
    rf"(?<![\w.])d(?:\^\d+)?(?:\s*{_VARIABLE})?\s*/\s*d\s*{_VARIABLE}(?!\w)(?:\^\d+)?"
)
_SUPERSCRIPT_RUN = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_NAME_START = re.compile(r"[A-Za-z_]")
_TOKEN = re.compile(
    r"(?P<space>[ \t]+)|(?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)"
    r"|(?P<name>[A-Za-z_]\w*)|(?P<op>\*\*|[-+*/^(),])",
    re.ASCII,
)


@dataclass(frozen=True)
class Message:
    """A sentence for the visitor by its key in the text files (`input.<key>`) and its fields,
    so a page can say it in the visitor's language. A field may itself be a Message, or a
    tuple of them (hints), said in the same language."""

    key: str
    fields: tuple[tuple[str, object], ...] = ()

    def words(self, text: dict[str, str]) -> str:
        values = {}
        for name, value in self.fields:
            if isinstance(value, Message):
                value = value.words(text)
            elif isinstance(value, tuple):
                value = "".join(part.words(text) for part in value)
            values[name] = value
        template = text.get("input." + self.key) or ENGLISH["input." + self.key]
        return template.format(**values)


class InputError(ValueError):
    """Anything a visitor typed that we refuse: `kind` names the rule, `message` says why (in
    English), and `said`, when there is one, says it again in any language (`words`)."""

    def __init__(
        self, kind: str, message: str, position: int | None = None, said: Message | None = None
    ):
        if kind not in KINDS:
            raise ValueError(f"unknown InputError kind {kind!r}")
        super().__init__(kind, message, position, said)  # these args make it picklable
        self.kind, self.message, self.position, self.said = kind, message, position, said

    def __str__(self) -> str:
        return self.message

    def words(self, text: dict[str, str]) -> str:
        """The message in the language of `text` (a text file's TEXT)."""
        return self.said.words(text) if self.said is not None else self.message


def said(key: str, **fields: object) -> Message:
    return Message(key, tuple(fields.items()))


def refusal(kind: str, key: str, position: int | None = None, **fields: object) -> InputError:
    """An InputError saying `input.<key>` with `fields` (and the column, from `position`)."""
    if position is not None:
        fields["column"] = position + 1
    message = said(key, **fields)
    return InputError(kind, message.words(ENGLISH), position, message)


_EXAMPLE = said("example_function")


def symbol(name: str) -> sympy.Symbol:
    """The one way to make a variable: real, so |x| and sqrt(x²) behave as on a blackboard."""
    return sympy.Symbol(name, real=True)


@dataclass(frozen=True)
class ParsedFunction:
    """A visitor's function: what was typed, what positions refer to, and the SymPy tree."""

    text: str
    normalized: str
    expr: sympy.Expr
    variables: tuple[str, ...]
    symbols: tuple[sympy.Symbol, ...]


@dataclass(frozen=True)
class Token:
    """One piece of the text: kind is number, name, constant, function, an operator or end."""

    kind: str
    text: str
    position: int
    value: object = None


def normalize(text: str) -> str:
    """Map friendly symbols (×, −, x², √, Greek letters: π, θ) to the grammar's ASCII, then
    NFKC-fold the rest."""

    def spelled(match: re.Match) -> str:  # a space keeps 2πx from becoming the name "pix"
        start, end, part = match.start(), match.end(), match.string
        before = " " if start and (part[start - 1].isalnum() or part[start - 1] == "_") else ""
        after = " " if end < len(part) and (part[end].isalnum() or part[end] == "_") else ""
        return before + _WORDS[match.group()] + after

    def friendly(part: str) -> str:
        part = _SUPERSCRIPT_RUN.sub(lambda run: "^" + run.group().translate(_SUPERSCRIPTS), part)
        return _SPELLED.sub(spelled, part.translate(_FRIENDLY))

    return friendly(unicodedata.normalize("NFKC", friendly(text)))


def tokenize(normalized: str) -> list[Token]:
    """Cut normalized text into tokens, refusing the first thing that is no part of a formula.

    >>> [t.text for t in tokenize("2x**2")]
    ['2', 'x', '**', '2', '']
    """
    tokens: list[Token] = []
    variables: list[str] = []
    position = 0
    while position < len(normalized):
        match = _TOKEN.match(normalized, position)
        if match is None:
            raise _bad_character(normalized[position], position)
        text, end = match.group(), match.end()
        if match.lastgroup == "number":
            tokens.append(Token("number", text, position, _number(text, position)))
            if end < len(normalized) and normalized[end] == ".":
                raise refusal("syntax", "decimal_point", end)
            if text.endswith(".") and _NAME_START.match(normalized, end):  # 2.real
                raise refusal("forbidden", "dot", end - 1)
        elif match.lastgroup == "name":
            if text.lower() in _DERIVATIVE_WORDS:  # derivative of x^2, diff(x^2, x)
                raise _derivative_request(text, position, _written_out(normalized[end:]))
            called = normalized[end:].lstrip(" \t").startswith("(")
            token = _name_token(text, position, called)
            if token.kind == "name" and text not in variables:
                variables.append(text)
                if len(variables) > MAX_VARIABLES:
                    raise refusal(
                        "too_large", "variables", position, limit=MAX_VARIABLES, name=text
                    )
            tokens.append(token)
        elif match.lastgroup == "op":
            tokens.append(Token("^" if text == "**" else text, text, position))
        position = end
    tokens.append(Token("end", "", len(normalized)))
    return tokens


def _derivative_request(fragment: str, position: int, rest: str) -> InputError:
    """A request to differentiate (d/dx sin(x), derivative of x^2): the app differentiates
    what is typed, so say to type the function itself, `rest` when it is one."""
    suggestion = rest if rest else _EXAMPLE
    kind = "unknown_name" if fragment.isalpha() and len(fragment) > 1 else "syntax"
    return refusal(kind, "derivative_request", position, fragment=fragment, suggestion=suggestion)


def _written_out(rest: str) -> str:
    """The function in what follows a request to differentiate, if it parses: the x^2 of
    "of x^2", "(x^2, x)" or " x^2"; "" otherwise."""
    rest = rest.strip()
    rest = re.sub(r"^of\b", "", rest).strip()
    if rest.startswith("(") and rest.endswith(")") and "," in rest:  # diff(u, x)
        rest = rest[1:-1].rsplit(",", 1)[0].strip()
    if not rest:
        return ""
    try:
        parse_function(rest)
    except InputError:
        return ""
    return rest


def _bad_character(char: str, position: int) -> InputError:
    if char in "\r\n\x0b\x0c\x85\u2028\u2029" or unicodedata.category(char) == "Cc":
        return refusal("forbidden", "line", position)
    if char == "∂":
        return refusal("syntax", "derivative_request", position, fragment=char, suggestion=_EXAMPLE)
    if not char.isascii():
        key = "character" if char.isprintable() else "invisible"
        letter = unicodedata.name(char, "").removeprefix("GREEK CAPITAL LETTER ").title()
        hints = ()
        if letter.isalpha() and letter not in ("Pi", *_SYMPY_NAMES):  # Δ: Delta, not Lambda
            hints = (said("hint.greek_capital", name=letter),)
        code = f"U+{ord(char):04X}"
        return refusal("forbidden", key, position, char=char, code=code, hint=hints)
    if char == ".":
        return refusal("forbidden", "dot", position)
    hints = (said(_SYMBOL_HINTS[char]),) if char in _SYMBOL_HINTS else ()
    return refusal("forbidden", "symbol", position, char=char, hint=hints)


def _name_token(name: str, position: int, called: bool) -> Token:
    """Classify an identifier: function, constant or variable, or refuse it with a reason."""
    canonical = ALIASES.get(name, name)
    if canonical in FUNCTIONS:
        return Token("function", name, position, canonical)
    if name in CONSTANTS:
        return Token("constant", name, position, CONSTANTS[name])
    if name.startswith("_") or "__" in name or name in _PYTHON_NAMES:
        hint = (said("hint.lamda"),) if name == "lambda" else ()
        raise refusal("forbidden", "python", position, name=name, hint=hint)
    if len(name) > MAX_NAME_LENGTH:
        raise refusal("too_large", "name_too_long", position, name=name, limit=MAX_NAME_LENGTH)
    if called and name in NOT_FUNCTIONS:  # f(x) is an unknown function, not f·x
        formula = NOT_FUNCTIONS[name]
        hint = said("hint.instead", formula=formula) if formula else said("hint.times", name=name)
        raise refusal("unknown_name", "unknown_function", position, name=name, hint=(hint,))
    hint = (said("hint.available", functions=", ".join(_FUNCTION_NAMES)),) if called else ()
    if name.lower() in FUNCTIONS or name.lower() in ALIASES or name.lower() in CONSTANTS:
        raise refusal(
            "unknown_name", "case", position, name=name, suggestion=name.lower(), hint=hint
        )
    if name in _SYMPY_NAMES and (called or name not in _GREEK):
        hint = ((said(_SYMPY_HINTS[name]),) if name in _SYMPY_HINTS else ()) + hint
        raise refusal("unknown_name", "sympy", position, name=name, hint=hint)
    prefixes = [f for f in _LONGEST_FIRST if name.lower().startswith(f)]  # cosine, sinx
    if called:
        options = difflib.get_close_matches(name.lower(), _FUNCTION_NAMES, 1, 0.75) + prefixes
        if options:
            best = options[0]
            raise refusal(
                "unknown_name", "did_you_mean", position, name=name, suggestion=best, hint=hint
            )
    elif prefixes and _GLUED_REST.fullmatch(rest := name[len(prefixes[0]) :]):
        suggestion = f"{prefixes[0]}({rest})"
        raise refusal("unknown_name", "glued", position, name=name, suggestion=suggestion)
    return Token("name", name, position, symbol(name))


def _number(text: str, position: int) -> sympy.Rational:
    """The exact rational a decimal literal denotes: 0.1 is 1/10, never a binary float."""
    if sum(char.isdigit() for char in text) > MAX_LITERAL_DIGITS:
        raise refusal("too_large", "digits", position, limit=MAX_LITERAL_DIGITS)
    mantissa, _, exponent = text.lower().partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = int(whole + fraction or "0")
    scale = int(exponent or "0") - len(fraction)
    if not digits:  # 0e999999999 is zero, without computing 10**999999999
        return sympy.Integer(0)
    if abs(len(str(digits)) + scale) > MAX_CONSTANT_DIGITS + 2:  # before 10**scale
        raise refusal("too_large", "huge_number", position, limit=MAX_CONSTANT_DIGITS)
    value = sympy.Rational(digits * 10 ** max(scale, 0), 10 ** max(-scale, 0))
    if not _small_enough(value):
        raise refusal("too_large", "huge_number", position, limit=MAX_CONSTANT_DIGITS)
    return value


def _small_enough(number: sympy.Rational) -> bool:
    return max(abs(number.p), number.q) <= 10**MAX_CONSTANT_DIGITS


def _largest_log10(expr: sympy.Expr) -> float:
    """log10 of the biggest numerator or denominator inside expr (0 when there is none)."""
    sizes = [max(abs(r.p), r.q) for r in expr.atoms(sympy.Rational)]
    return max((math.log10(size) for size in sizes if size), default=0.0)


def _largest_exponent(expr: sympy.Expr) -> float:
    """The biggest numeric exponent inside expr, at least 1: (x^10)^n has exponent 10n."""
    exponents = [_magnitude(p.exp) for p in expr.atoms(sympy.Pow) if p.exp.is_number]
    return max([1.0, *exponents])


def _magnitude(constant: sympy.Expr) -> float:
    """|constant| as a float (inf when it does not fit or cannot be evaluated)."""
    try:
        return float(abs(constant.evalf(15)))
    except (TypeError, ValueError, OverflowError):
        return math.inf


def _log10_abs(constant: sympy.Expr) -> float:
    """log10 |constant|, exact in size even beyond the float range; 0 for zero."""
    value = abs(constant.evalf(15))
    if not isinstance(value, sympy.Float):
        return 0.0 if value == 0 else math.inf
    return float(mpmath.log10(mpmath.mpf(value))) if value else 0.0


def _checked(result: sympy.Expr, position: int, evaluate: bool = False) -> sympy.Expr:
    """Refuse a constant that is undefined, complex or too big the moment it is built.

    With `evaluate`, also refuse a constant whose value is complex, such as asin(2): SymPy can
    spend minutes deciding the sign of abs(acosh(log(2))) if such a value travels on.
    """
    if result.is_number:
        if result.has(*_UNDEFINED):
            raise refusal("syntax", "undefined", position)
        if result.has(sympy.I):
            raise refusal("syntax", "complex", position)
        if result.is_Rational and not _small_enough(result):
            raise refusal("too_large", "constant", position, limit=MAX_CONSTANT_DIGITS)
        if evaluate and not result.is_Rational:
            value = result.evalf(15)
            if not value.is_Number and value.has(sympy.I):
                raise refusal("syntax", "complex", position)
    return result


@contextmanager
def _evaluating(position: int) -> Iterator[None]:
    """SymPy evaluates as it builds; turn its rare failures on odd constants into a refusal."""
    try:
        yield
    except InputError:
        raise
    except Exception:  # noqa: BLE001 - e.g. TypeError from acos(cos(-10^300)) inside SymPy
        raise refusal("syntax", "evaluate", position) from None


def _power(base: sympy.Expr, exponent: sympy.Expr, position: int) -> sympy.Expr:
    """base^exponent, after checking with logarithms that SymPy will not build a giant."""
    if exponent.is_number:
        size = _magnitude(exponent)
        if base.free_symbols:
            if size * _largest_exponent(base) > MAX_EXPONENT:
                raise refusal("too_large", "exponent", position, limit=MAX_EXPONENT)
            digits = size * _largest_log10(base)
        else:
            if base == 0 and exponent.is_extended_negative:
                raise refusal("syntax", "undefined", position)
            digits = size * max(_largest_log10(base), abs(_log10_abs(base)))
        if digits > MAX_CONSTANT_DIGITS:
            raise refusal("too_large", "constant", position, limit=MAX_CONSTANT_DIGITS)
    with _evaluating(position):
        return _checked(sympy.Pow(base, exponent), position, evaluate=True)


def _apply(function: Token, arguments: list[sympy.Expr]) -> sympy.Expr:
    """The SymPy tree for a function call; log(u, b) is log(u)/log(b)."""
    head = FUNCTIONS[function.value].sympy_head
    argument = arguments[0]
    growing = head in _GROWING and argument.is_number
    if growing and _magnitude(argument) > MAX_CONSTANT_DIGITS * math.log(10):
        raise refusal("too_large", "constant", function.position, limit=MAX_CONSTANT_DIGITS)
    if len(arguments) == 2:
        base = arguments[1]
        if base.is_number and (base == 1 or base.is_extended_nonpositive):
            raise refusal("syntax", "undefined", function.position)
    with _evaluating(function.position):
        applied = head(argument) if len(arguments) == 1 else sympy.log(argument, arguments[1])
        return _checked(applied, function.position, evaluate=True)


@dataclass(frozen=True)
class _Node:
    """The syntax tree, checked whole before SymPy does any work on it.

    kind is "leaf" (value: the SymPy number, constant or symbol), "sum", "product" (operands
    combined), "neg", "reciprocal", "power" (base, exponent) or "call" (value: the function's
    token, operands: its arguments).
    """

    kind: str
    position: int
    operands: tuple[_Node, ...] = ()
    value: object = None


class _Parser:
    """Precedence climbing, one method per level, loosest first:

    sum (+ -)  <  product (* / and juxtaposition)  <  sign (unary - +)  <  power (^, right)
    <  operand (number, name, constant, function application, parentheses).
    """

    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.index = 0
        self.depth = 0

    @property
    def next(self) -> Token:
        return self.tokens[self.index]

    def take(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    @contextmanager
    def nested(self, position: int) -> Iterator[None]:
        """Count one level of nesting, so deep input is refused before Python's stack is."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise refusal("too_large", "depth", position, limit=MAX_DEPTH)
        try:
            yield
        finally:
            self.depth -= 1

    def parse(self) -> _Node:
        tree = self.sum()
        token = self.next
        if token.kind == ")":
            raise refusal("syntax", "unmatched", token.position)
        if token.kind == ",":
            raise self.comma(self.index, "comma")
        return tree

    def sum(self) -> _Node:
        terms = [self.product()]
        while self.next.kind in "+-":
            operator = self.take()
            term = self.product()
            terms.append(term if operator.kind == "+" else _Node("neg", operator.position, (term,)))
        if len(terms) == 1:
            return terms[0]
        return _Node("sum", terms[0].position, tuple(terms))

    def comma(self, index: int, key: str, **fields: object) -> InputError:
        """The refusal of the comma at `index`: `key`, or "use a decimal point" for 1,5."""
        comma = self.tokens[index]
        if decimal := self.decimal_comma(index):
            return refusal("syntax", "decimal_comma", comma.position, number=decimal)
        return refusal("forbidden", key, comma.position, **fields)

    def decimal_comma(self, index: int) -> str:
        """The number "1.5" where the comma at `index` has digits right beside it on both
        sides (1,5), else ""."""
        comma, after = self.tokens[index], self.tokens[index + 1]
        before = self.tokens[index - 1] if index else comma
        if (
            before.kind == after.kind == "number"
            and before.text.isdigit()
            and after.text[0].isdigit()
            and before.position + len(before.text) == comma.position == after.position - 1
        ):
            return before.text + "." + after.text
        return ""

    def product(self) -> _Node:
        """Explicit * and /, and juxtaposition (2x, x sin x), all left to right: 2/3x = (2/3)x."""
        factors = [self.sign()]
        while True:
            token = self.next
            if token.kind == "*":
                self.take()
                factors.append(self.sign())
            elif token.kind == "/":
                self.take()
                factors.append(_Node("reciprocal", token.position, (self.sign(),)))
            elif token.kind in ("name", "constant", "function", "("):
                factors.append(self.power())
            elif token.kind == "number":
                raise refusal("syntax", "number_after", token.position, number=token.text)
            else:
                break
        if len(factors) == 1:
            return factors[0]
        return _Node("product", factors[0].position, tuple(factors))

    def sign(self) -> _Node:
        if self.next.kind not in "+-":
            return self.power()
        operator = self.take()
        with self.nested(operator.position):
            operand = self.sign()
        return operand if operator.kind == "+" else _Node("neg", operator.position, (operand,))

    def power(self) -> _Node:
        """base ^ exponent, where the exponent may carry a sign: 2^-1, and -x^2 is -(x^2).

        A power of e or of a number is an exponential function, and its exponent without
        brackets is a product, as a function's argument is: e^2x = e^(2x), 2^3x = 2^(3x). A
        power of anything else, and a bracketed exponent, take only the next factor: x^2y is
        x²·y, e^(2)x is e²·x.
        """
        exponential = self.next.kind == "number" or self.is_e(self.next)
        base = self.operand()
        if self.next.kind != "^":
            return base
        caret = self.take()
        with self.nested(caret.position):
            bare = exponential and self.next.kind != "("
            exponent = self.bare_product() if bare else self.sign()
        return _Node("power", caret.position, (base, exponent))

    def bare_product(self) -> _Node:
        """A function's argument or an exponential's exponent written without brackets: a
        signed factor and the variables and constants juxtaposed to it, with their powers
        (sin 2x = sin(2x), sin x y = sin(xy), sin 2x^2 = sin(2x²)). An operator, a bracket, a
        function or e^ ends it: sin x * y = sin(x)·y, e^x(x+1) = eˣ·(x+1), and sin x cos x,
        sin x e^x are products of two functions."""
        factors = [self.sign()]
        while self.next.kind in ("name", "constant") and not self.exponential_ahead():
            factors.append(self.power())
        if len(factors) == 1:
            return factors[0]
        return _Node("product", factors[0].position, tuple(factors))

    def exponential_ahead(self) -> bool:
        return self.is_e(self.next) and self.tokens[self.index + 1].kind == "^"

    @staticmethod
    def is_e(token: Token) -> bool:
        return token.kind == "constant" and token.text == "e"

    def operand(self) -> _Node:
        token = self.take()
        if token.kind in ("number", "constant", "name"):
            return _Node("leaf", token.position, value=token.value)
        if token.kind == "function":
            return self.application(token)
        if token.kind == "(":
            with self.nested(token.position):
                if self.next.kind == ")":
                    raise refusal("syntax", "empty_parens", token.position)
                inner = self.sum()
            self.close(token)
            return inner
        if token.kind == "end":
            before = self.tokens[self.index - 2] if self.index >= 2 else token
            raise refusal("syntax", "ends_early", before.position, after=before.text)
        if token.kind == ",":
            raise self.comma(self.index - 1, "comma")
        raise refusal("syntax", "unexpected", token.position, found=token.text)

    def application(self, function: Token) -> _Node:
        """sin(x), sin x, sin x^2 = sin(x^2), sin -x, sin 2x = sin(2x) (`bare_product`), and
        sin^2 x = (sin x)^2."""
        caret = exponent = None
        if self.next.kind == "^":
            caret = self.take()
            if self.next.kind == "-":
                inverse = f"a{function.value}"  # asin, acosh; log has none
                hint = (said("inverse_hint", inverse=inverse),) if inverse in FUNCTIONS else ()
                raise refusal("syntax", "inverse", caret.position, name=function.text, hint=hint)
            with self.nested(caret.position):
                exponent = self.operand()
        with self.nested(function.position):
            if self.next.kind == "(":
                arguments = self.arguments(function)
            elif self.next.kind in ("-", "number", "name", "constant", "function"):
                arguments = (self.bare_product(),)
            else:
                raise refusal("syntax", "needs_argument", function.position, name=function.text)
        call = _Node("call", function.position, arguments, function)
        return call if caret is None else _Node("power", caret.position, (call, exponent))

    def arguments(self, function: Token) -> tuple[_Node, ...]:
        opening = self.take()
        if self.next.kind in (")", ","):
            raise refusal("syntax", "needs_argument", function.position, name=function.text)
        arguments = [self.sum()]
        if self.next.kind == ",":
            if function.value != "log":
                raise self.comma(self.index, "one_argument", name=function.text)
            self.take()
            arguments.append(self.sum())
            if self.next.kind == ",":
                if self.decimal_comma(self.index):  # log(x, 1,5)
                    raise self.comma(self.index, "comma")
                raise refusal("syntax", "log_arguments", self.next.position)
        self.close(opening)
        return tuple(arguments)

    def close(self, opening: Token) -> None:
        token = self.take()
        if token.kind == ",":
            raise self.comma(self.index - 1, "comma")
        if token.kind != ")":  # only the end can follow a finished sum
            raise refusal("syntax", "unclosed", opening.position)


def _build(node: _Node) -> sympy.Expr:
    """The SymPy expression of a syntax tree, refusing what is undefined or too large."""
    if node.kind == "leaf":
        return node.value
    operands = [_build(operand) for operand in node.operands]
    if node.kind == "sum":
        return _checked(sympy.Add(*operands), node.position)
    if node.kind == "product":
        return _checked(sympy.Mul(*operands), node.position)
    if node.kind == "neg":
        return sympy.Mul(-1, operands[0])
    if node.kind == "reciprocal":
        if operands[0] == 0:
            raise refusal("syntax", "undefined", node.position)
        return sympy.Pow(operands[0], -1)
    if node.kind == "power":
        return _power(operands[0], operands[1], node.position)
    return _apply(node.value, operands)


def parse_function(text: str) -> ParsedFunction:
    """Parse what a visitor typed into a real-valued SymPy expression of at most 4 variables.

    >>> parse_function("x/2y").expr
    x*y/2
    """
    if not isinstance(text, str):
        raise refusal("syntax", "not_text")
    if len(text) > MAX_LENGTH:
        raise refusal("too_large", "too_long", length=len(text), limit=MAX_LENGTH)
    normalized = normalize(text)
    if is_vector(normalized):  # [x*y, sin(x)]: a vector-valued function, parse_vector's
        parse_vector(text)  # its refusal, if any, names what is wrong inside the list
        raise refusal("syntax", "vector_here", normalized.index("["))
    if leibniz := _LEIBNIZ.search(normalized):  # d/dx sin(x): a request, not a formula
        rest = _written_out(normalized[leibniz.end() :])
        raise _derivative_request(leibniz.group(), leibniz.start(), rest)
    tokens = tokenize(normalized)
    if len(tokens) == 1:
        raise refusal("syntax", "empty")
    expr = _build(_Parser(tokens).parse())
    if any(not _small_enough(r) for r in expr.atoms(sympy.Rational)):
        raise refusal("too_large", "constants", limit=MAX_CONSTANT_DIGITS)
    if expr.has(*_UNDEFINED, sympy.I):
        raise refusal("syntax", "undefined_somewhere")
    symbols = tuple(sorted(expr.free_symbols, key=lambda s: s.name))
    return ParsedFunction(text, normalized, expr, tuple(s.name for s in symbols), symbols)


@dataclass(frozen=True)
class ParsedVector:
    """A bracketed list of functions, [f1, f2, ...]: each component parsed as a function,
    and the variables of them all (sorted by name, as for one function)."""

    text: str
    normalized: str
    components: tuple[ParsedFunction, ...]
    variables: tuple[str, ...]
    symbols: tuple[sympy.Symbol, ...]


def is_vector(text: str) -> bool:
    """Whether `text` is written as a bracketed list: its first character is [ (or ［).

    >>> is_vector("[x*y, sin(x)]"), is_vector("x*y")
    (True, False)
    """
    return isinstance(text, str) and normalize(text).lstrip(" \t").startswith("[")


def parse_vector(text: str) -> ParsedVector:
    """Parse a vector-valued function typed as [f1, f2, ...]: at most `MAX_COMPONENTS`
    components, each parsed (with every limit) by `parse_function`; no nesting.

    >>> [c.expr for c in parse_vector("[x y, sin x]").components]
    [x*y, sin(x)]
    """
    if not isinstance(text, str):
        raise refusal("syntax", "not_text")
    limit = MAX_COMPONENTS * (MAX_LENGTH + 2)
    if len(text) > limit:
        raise refusal("too_large", "too_long", length=len(text), limit=limit)
    normalized = normalize(text)
    start = len(normalized) - len(normalized.lstrip(" \t"))
    if not normalized.startswith("[", start):
        raise refusal("syntax", "vector_opening", start)
    end = len(normalized.rstrip(" \t")) - 1
    if end <= start or normalized[end] != "]":
        raise refusal("syntax", "vector_closing", start)
    for position in range(start + 1, end):
        if normalized[position] in "[]":
            raise refusal("syntax", "vector_nested", position)
    pieces = _top_level_pieces(normalized, start + 1, end)
    if len(pieces) == 1 and not normalized[start + 1 : end].strip(" \t"):
        raise refusal("syntax", "vector_empty", start)
    if len(pieces) > MAX_COMPONENTS:
        raise refusal(
            "too_large",
            "vector_too_many",
            pieces[MAX_COMPONENTS][0] - 1,
            count=len(pieces),
            limit=MAX_COMPONENTS,
        )
    components = []
    for number, (offset, piece) in enumerate(pieces, start=1):
        if not piece.strip(" \t"):
            raise refusal("syntax", "vector_empty_component", offset, number=number)
        try:
            components.append(parse_function(piece))
        except InputError as error:
            raise _shifted(error, offset) from None
    names = sorted({name for c in components for name in c.variables})
    if len(names) > MAX_VARIABLES:  # name the first variable, in reading order, past the limit
        first_seen = {
            re.search(rf"(?<!\w){re.escape(name)}(?!\w)", normalized).start(): name
            for name in names
        }
        position = sorted(first_seen)[MAX_VARIABLES]
        raise refusal(
            "too_large", "variables", position, limit=MAX_VARIABLES, name=first_seen[position]
        )
    return ParsedVector(
        text, normalized, tuple(components), tuple(names), tuple(symbol(n) for n in names)
    )


def _top_level_pieces(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """(offset, text) of each part of text[start:end] between commas outside parentheses:
    the comma of log(x, 2) stays inside its component."""
    pieces, depth, begin = [], 0, start
    for position in range(start, end):
        char = text[position]
        depth += (char == "(") - (char == ")")
        if char == "," and depth <= 0:
            pieces.append((begin, text[begin:position]))
            begin = position + 1
    pieces.append((begin, text[begin:end]))
    return pieces


def _shifted(error: InputError, offset: int) -> InputError:
    """A component's refusal, its position (and the column it names) counted in the whole
    text."""
    if error.position is None:
        return error
    said_again = error.said
    if said_again is not None:
        fields = tuple(
            (name, value + offset if name == "column" else value)
            for name, value in said_again.fields
        )
        said_again = Message(said_again.key, fields)
    message = said_again.words(ENGLISH) if said_again is not None else error.message
    return InputError(error.kind, message, error.position + offset, said_again)


def parse_point(value: str | int | float) -> float:
    """A point to evaluate at: a finite real number, or a constant formula such as pi/4.

    >>> parse_point("pi/4")
    0.7853981633974483
    """
    shown = _shown(value)
    if isinstance(value, str):
        try:
            parsed = parse_function(value)
        except InputError as error:
            reason = error.said or error.message
            raise refusal("invalid_point", "point", shown=shown, reason=reason) from None
        if parsed.variables:
            reason = said("point_variables", names=", ".join(parsed.variables))
            raise refusal("invalid_point", "point", shown=shown, reason=reason)
        value = parsed.expr.evalf(30)
        number = float(value) if value.is_Number and value.is_extended_real else math.nan
    elif isinstance(value, numbers.Real) and not isinstance(value, bool):
        number = value
    else:
        raise refusal("invalid_point", "point_type", shown=shown)
    if not abs(number) <= MAX_POINT:  # also refuses nan, inf and ints too big for a float
        reason = said("point_range", limit=MAX_POINT)
        raise refusal("invalid_point", "point", shown=shown, reason=reason)
    return float(number)


def exact_point(value: str | int | float) -> sympy.Expr:
    """A point `parse_point` accepted, exactly as written: the constant formula itself (pi/2 is
    π/2, where tan has a pole) or the decimal a number reads as (0.1 is 1/10).

    >>> exact_point("pi/4"), exact_point(0.1)
    (pi/4, 1/10)
    """
    if isinstance(value, str):
        return parse_function(value).expr
    return sympy.Rational(repr(float(value)))


def _shown(value: object) -> str:
    text = value if isinstance(value, str) else repr(value)
    text = "".join(char if char.isprintable() else "?" for char in text)
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"
