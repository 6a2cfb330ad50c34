"""Input that people read two ways: where our reading and another common one differ.

The parser picks one reading of `sin x^2`, `sin 2x`, `e^2x`, `2/3x` or `-x^2` (see
`parse.py`); a visitor who meant the other one gets the right derivative of the wrong function.
`readings` finds those spots in the tokens and, where the two readings really differ (−x³ and
(−x)³ do not), returns both as LaTeX. The other reading is the same text with brackets put in,
read by the same parser: nothing is evaluated.

>>> [(r.kind, r.suggestion) for r in readings("2/3x")]
[('fraction', '2/(3x)')]
>>> readings("sin(x)*exp(x)")
()
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy

from diffexplain.core.parse import InputError, Token, normalize, parse_function, tokenize
from diffexplain.core.symbolic import to_latex

KINDS = (
    "function_power",  # sin x^2: sin(x²), not (sin x)²
    "function_product",  # sin 2x, e^2x: sin(2x), e^(2x), not sin(2)·x, e²·x
    "argument_ends",  # sin x / 2, e^x(x+1): sin(x)/2, eˣ·(x+1), not sin(x/2), e^(x(x+1))
    "power_product",  # x^2y: x²·y, not x^(2y)
    "fraction",  # 2/3x: (2/3)·x, not 2/(3x)
    "product_not_call",  # x(x+1): x·(x+1), x is no function
    "euler",  # e^x: e is Euler's number
    "negative_power",  # -x^2: −(x²), not (−x)²
    "power_tower",  # x^2^3: x^(2^3), not (x²)³
    "digit_name",  # 2x3, x3: a variable named x3, not x·3 (nor x³)
)

_JUXTAPOSED = ("name", "constant", "(")
"""Tokens that multiply what stands before them without a `*` (a function does too, but
`sin x cos x` is read as everyone reads it)."""
_DIGIT_NAME = re.compile(r"([A-Za-z]+)([0-9]+)")
"""A name that ends in digits (x3): one variable, though `2x3` or `x3` may mean x·3 or x³."""
_BEFORE_A_SIGN = ("(", ",", "+", "-", "*", "/", "^", "function")
"""After these a `-` is a sign, not a subtraction."""
_ENDS_AN_ARGUMENT = ("*", "/", "(")
"""What ends a function's argument or an exponential's exponent written without brackets and
may be meant to go on inside it."""


@dataclass(frozen=True)
class Reading:
    """One spot of the text that is often read another way.

    fragment: the text it is about (normalized); position: where it starts in that text.
    ours / theirs: LaTeX of the whole function as we read it and as the other reading gives
    it ("" when there is no other formula, e.g. for e). suggestion: the text that says the
    other reading without doubt ("" when there is none).
    """

    kind: str
    fragment: str
    position: int
    ours: str
    theirs: str = ""
    suggestion: str = ""


def _closing(tokens: list[Token], index: int) -> int:
    depth = 0
    for position in range(index, len(tokens)):
        kind = tokens[position].kind
        depth += (kind == "(") - (kind == ")")
        if depth == 0:
            return position
    return len(tokens) - 1


def _operand_end(tokens: list[Token], index: int) -> int:
    """Index after the operand starting at index (the parser's `operand`)."""
    kind = tokens[index].kind
    if kind == "(":
        return _closing(tokens, index) + 1
    if kind == "function":
        after = _argument_start(tokens, index)
        if tokens[after].kind == "(":
            return _closing(tokens, after) + 1
        return _bare_end(tokens, after)
    return index + 1


def _bare_end(tokens: list[Token], index: int) -> int:
    """Index after an argument or exponent without brackets (the parser's `bare_product`)."""
    end = _sign_end(tokens, index)
    while tokens[end].kind in ("name", "constant") and not _is_exponential(tokens, end):
        end = _power_end(tokens, end)
    return end


def _is_exponential(tokens: list[Token], index: int) -> bool:
    """e^ or a number^: a power whose exponent is read as a function's argument is."""
    token = tokens[index]
    is_base = token.kind == "number" or (token.kind == "constant" and token.text == "e")
    return is_base and tokens[index + 1].kind == "^"


def _argument_start(tokens: list[Token], function: int) -> int:
    """Where a function's argument starts, after a power such as sin^2."""
    after = function + 1
    if tokens[after].kind == "^":
        after = _operand_end(tokens, after + 1)
    return after


def _sign_end(tokens: list[Token], index: int) -> int:
    while tokens[index].kind in ("+", "-"):
        index += 1
    return _power_end(tokens, index)


def _power_end(tokens: list[Token], index: int) -> int:
    after = _operand_end(tokens, index)
    if tokens[after].kind != "^":
        return after
    if _is_exponential(tokens, index) and tokens[after + 1].kind != "(":
        return _bare_end(tokens, after + 1)
    return _sign_end(tokens, after + 1)


def _juxtaposed_end(tokens: list[Token], index: int) -> int:
    while tokens[index].kind in _JUXTAPOSED:
        index = _power_end(tokens, index)
    return index


def _end_of(token: Token) -> int:
    return token.position + len(token.text)


def _bracketed(text: str, start: int, end: int, call: bool = False) -> str:
    """text with ( at start and ) at end, spaces inside the brackets trimmed; with `call`
    the bracket follows the function name directly: sin(2x)."""
    before = text[:start].rstrip() if call else text[:start]
    return before + "(" + text[start:end].strip() + ")" + text[end:]


class _Finder:
    """Looks at each token once and notes the first spot of each kind."""

    def __init__(self, normalized: str, tokens: list[Token], ours: sympy.Expr):
        self.text = normalized
        self.tokens = tokens
        self.ours = ours
        self.found: dict[str, Reading] = {}

    def note(self, kind: str, start: int, end: int, alternative: str | None = None) -> None:
        """A reading from text[start:end]; `alternative` is the whole text read the other way."""
        if kind in self.found:
            return
        theirs = ""
        if alternative is not None:
            try:
                other = parse_function(alternative).expr
            except InputError:
                other = None
            if other is not None and other == self.ours:
                return  # both readings are the same function: nothing to warn about
            theirs = to_latex(other) if other is not None else ""
        self.found[kind] = Reading(
            kind,
            self.text[start:end].strip(),
            start,
            to_latex(self.ours),
            theirs,
            alternative or "",
        )

    def look(self, index: int) -> None:
        tokens, token = self.tokens, self.tokens[index]
        if token.kind == "function":
            self.function(index)
        elif token.kind == "/":
            self.fraction(index)
        elif token.kind == "-" and self.is_sign(index):
            self.negative_power(index)
        elif token.kind == "^":
            self.power_tower(index)
            self.exponent(index)
        elif token.kind == "name" and tokens[index + 1].kind == "(":
            end = _closing(tokens, index + 1) + 1
            self.note("product_not_call", token.position, _end_of(tokens[end - 1]))
        elif token.kind == "name" and (digits := _DIGIT_NAME.fullmatch(token.text)):
            split = token.position + digits.start(2)
            alternative = self.text[:split] + "*" + self.text[split:]
            self.note("digit_name", token.position, _end_of(token), alternative)
        elif token.kind == "constant" and token.text == "e":
            end = _power_end(self.tokens, index)
            self.note("euler", token.position, _end_of(tokens[end - 1]))

    def is_sign(self, index: int) -> bool:
        """A `-` that is a sign, not a subtraction, and not the start of a function's argument
        (where sin -x^2 is a reading of sin's, and exp(-x^2) is read alike by everyone)."""
        if index == 0:
            return True
        before = self.tokens[index - 1].kind
        if before == "(" and index >= 2 and self.tokens[index - 2].kind == "function":
            return False
        return before in _BEFORE_A_SIGN and before != "function"

    def function(self, index: int) -> None:
        tokens = self.tokens
        start = _argument_start(tokens, index)
        if tokens[start].kind == "(":
            return  # sin(x): brackets leave no doubt
        first = start
        while tokens[first].kind in ("+", "-"):
            first += 1
        operand_end = _operand_end(tokens, first)
        if tokens[operand_end].kind == "^":  # sin x^2
            caret = tokens[operand_end].position
            end = _sign_end(tokens, first)
            self.note(
                "function_power",
                tokens[index].position,
                _end_of(tokens[end - 1]),
                _bracketed(self.text, tokens[index].position, caret),
            )
        self.bare(index, start, call=True)

    def bare(self, head: int, start: int, call: bool) -> None:
        """The argument of the function at `head`, or the exponent of the exponential whose
        base is at `head`, written without brackets from `start` on: sin 2x, e^x/2."""
        tokens = self.tokens
        first_end = _sign_end(tokens, start)
        end = _bare_end(tokens, start)
        if end > first_end:  # sin 2x: sin(2x); the other reading is sin(2)·x
            self.note(
                "function_product",
                tokens[head].position,
                _end_of(tokens[end - 1]),
                _bracketed(self.text, tokens[start].position, _end_of(tokens[first_end - 1]), call),
            )
        if tokens[end].kind not in _ENDS_AN_ARGUMENT:
            return
        # e^x(x+1) is eˣ·(x+1), not e^(x(x+1)); sin x / 2 is sin(x)/2, not sin(x/2)
        bracket = tokens[end].kind == "("
        after = _closing(tokens, end) + 1 if bracket else _sign_end(tokens, end + 1)
        stop = _end_of(tokens[after - 1])
        self.note(
            "argument_ends",
            tokens[head].position,
            stop,
            _bracketed(self.text, tokens[start].position, stop, call),
        )

    def exponent(self, index: int) -> None:
        """After a `^`: e^2x (the exponential's exponent is a product) or x^2y (x²·y)."""
        tokens = self.tokens
        if tokens[index + 1].kind == "(" or index == 0:
            return
        if _is_exponential(tokens, index - 1):
            self.bare(index - 1, index + 1, call=False)
            return
        if tokens[index - 1].kind not in ("name", ")"):  # sin^2 x is the function's power
            return
        end = _sign_end(tokens, index + 1)
        follows = tokens[end]
        glued = follows.position == _end_of(tokens[end - 1])  # x^2y, not x^2 y
        if follows.kind not in ("name", "constant") or _is_exponential(tokens, end) or not glued:
            return
        base = self._base_start(index)
        stop = _end_of(tokens[_bare_end(tokens, index + 1) - 1])
        self.note(
            "power_product",
            tokens[index if base is None else base].position,
            stop,
            _bracketed(self.text, tokens[index + 1].position, stop),
        )

    def fraction(self, index: int) -> None:
        tokens = self.tokens
        divisor_end = _sign_end(tokens, index + 1)
        if tokens[divisor_end].kind not in _JUXTAPOSED:
            return
        end = _juxtaposed_end(tokens, divisor_end)
        numerator = self._base_start(index)
        start = tokens[index if numerator is None else numerator].position
        self.note(
            "fraction",
            start,
            _end_of(tokens[end - 1]),
            _bracketed(self.text, tokens[index + 1].position, _end_of(tokens[end - 1])),
        )

    def negative_power(self, index: int) -> None:
        tokens = self.tokens
        if tokens[index + 1].kind in ("+", "-"):
            return
        operand_end = _operand_end(tokens, index + 1)
        if tokens[operand_end].kind != "^":
            return
        end = _power_end(tokens, index + 1)
        self.note(
            "negative_power",
            tokens[index].position,
            _end_of(tokens[end - 1]),
            _bracketed(self.text, tokens[index].position, tokens[operand_end].position),
        )

    def power_tower(self, index: int) -> None:
        tokens = self.tokens
        first = index + 1
        while tokens[first].kind in ("+", "-"):
            first += 1
        exponent_end = _operand_end(tokens, first)
        if tokens[exponent_end].kind != "^":
            return
        base = self._base_start(index)
        if base is None:
            return
        end = _power_end(tokens, exponent_end + 1)
        self.note(
            "power_tower",
            tokens[base].position,
            _end_of(tokens[end - 1]),
            _bracketed(self.text, tokens[base].position, tokens[exponent_end].position),
        )

    def _base_start(self, caret: int) -> int | None:
        """The index where the operand before `^` starts (a name, a number, a bracket)."""
        before = caret - 1
        if before < 0:
            return None
        if self.tokens[before].kind == ")":
            depth = 0
            for index in range(before, -1, -1):
                kind = self.tokens[index].kind
                depth += (kind == ")") - (kind == "(")
                if depth == 0:
                    is_call = index and self.tokens[index - 1].kind == "function"
                    return index - 1 if is_call else index
            return None
        if self.tokens[before].kind in ("name", "number", "constant"):
            return before
        return None


def readings(text: str) -> tuple[Reading, ...]:
    """The spots of `text` often read differently from how we read them; () for plain input
    and for input that does not parse (the parser's message says what is wrong there)."""
    try:
        ours = parse_function(text).expr
        normalized = normalize(text)
        tokens = tokenize(normalized)
    except InputError:
        return ()
    finder = _Finder(normalized, tokens, ours)
    for index in range(len(tokens) - 1):
        finder.look(index)
    return tuple(finder.found[kind] for kind in KINDS if kind in finder.found)
