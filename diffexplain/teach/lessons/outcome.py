"""What a demo produced, as plain Python: values instead of tensors, errors as text.

Pages cache and pickle lesson results, so nothing here holds a `tf.Tensor`; an exception a
demo provokes on purpose becomes a `Raised` value, never something that reaches the page.

>>> raised_by(lambda: [][0])
Raised(type_name='IndexError', message='list index out of range')
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Raised:
    """An exception as the student would read it: its class name and its message."""

    type_name: str
    message: str

    def __str__(self) -> str:
        return f"{self.type_name}: {self.message}"


def raised_by(action: Callable[[], Any]) -> Raised | None:
    """Run `action`; what it raised (type name, message), or None."""
    try:
        action()
    except Exception as error:  # whatever TensorFlow raises, show it
        return Raised(type(error).__name__, str(error).strip())
    return None


@dataclass(frozen=True)
class Attempt:
    """What a call returned (as plain Python), or what it raised instead."""

    value: Any
    raised: Raised | None


def attempt(action: Callable[[], Any]) -> Attempt:
    """Run `action`: its result as plain Python, or what it raised."""
    try:
        result = action()
    except Exception as error:  # as in raised_by
        return Attempt(None, Raised(type(error).__name__, str(error).strip()))
    return Attempt(as_python(result), None)


def as_python(tensor: Any) -> Any:
    """A tensor's value as Python numbers or (nested) lists; None stays None.

    A list of tensors (`tape.gradient(z, [x, y])`) becomes a list of values,
    a dict (`tape.gradient(z, {"x": x, "y": y})`) a dict of values.
    """
    if tensor is None or isinstance(tensor, bool | int | float | str):
        return tensor  # already plain Python (a shape's sizes, a name)
    if isinstance(tensor, dict):
        return {name: as_python(t) for name, t in tensor.items()}
    if isinstance(tensor, list | tuple):
        return [as_python(t) for t in tensor]
    return tensor.numpy().tolist()


@dataclass(frozen=True)
class Exact:
    """SymPy's exact derivatives: each as text, as LaTeX and as its value at the point."""

    formulas: tuple[str, ...]
    latex: tuple[str, ...]
    values: tuple[float, ...]


def exactly(derivatives: Any, at: dict) -> Exact:
    """SymPy expressions (the lesson's own, never parsed from text) as
    text and LaTeX, and evaluated exactly at `at` (a substitution of
    exact numbers), rounded once to a float.

    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> exactly([sympy.diff(x**3, x)], {x: 3})
    Exact(formulas=('3*x**2',), latex=('3 x^{2}',), values=(27.0,))
    """
    import sympy

    exact = [d.subs(at) for d in derivatives]
    return Exact(
        formulas=tuple(str(d) for d in derivatives),
        latex=tuple(sympy.latex(d) for d in derivatives),
        values=tuple(float(value.evalf(30)) for value in exact),
    )


def logged_by(action: Callable[[], Any], logger: str = "tensorflow") -> tuple:
    """Run `action`: what it returned, and the messages it logged to `logger`
    (in this thread only: a server runs other visitors' lessons in other
    threads meanwhile)."""
    import logging
    import threading

    messages: list[str] = []
    thread = threading.get_ident()

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.thread == thread:
                messages.append(record.getMessage())

    handler = Collect(level=logging.WARNING)
    target = logging.getLogger(logger)
    target.addHandler(handler)
    try:
        result = action()
    finally:
        target.removeHandler(handler)
    return result, tuple(messages)
