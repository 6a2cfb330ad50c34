"""Names of derivatives as the app writes them: f', f⁽⁴⁾, ∂²f/∂x∂y, and the same in LaTeX.

Below every module that names a derivative (the explanation, the recorded graph, the steps),
so none of them has to import another for a name.
"""

from __future__ import annotations

import sympy

_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def derivative_name(wrt: tuple[str, ...], variables: tuple[str, ...]) -> str:
    """f', f'', f''', f⁽⁴⁾ for a function of one variable; ∂²f/∂x∂y for several.

    >>> derivative_name(("x", "x"), ("x",)), derivative_name(("x", "y", "y"), ("x", "y"))
    ("f''", '∂³f/∂x∂y²')
    """
    order = len(wrt)
    if len(variables) == 1:
        if order <= 3:
            return "f" + "'" * order
        return "f⁽" + str(order).translate(_SUPERSCRIPTS) + "⁾"
    parts = []
    for name in dict.fromkeys(wrt):
        count = wrt.count(name)
        parts.append(f"∂{name}" + (str(count).translate(_SUPERSCRIPTS) if count > 1 else ""))
    power = str(order).translate(_SUPERSCRIPTS) if order > 1 else ""
    return f"∂{power}f/" + "".join(parts)


def derivative_latex_name(wrt: tuple[str, ...], variables: tuple[str, ...]) -> str:
    r"""The same name in LaTeX: f''(x) or \frac{\partial^{2} f}{\partial x \partial y}.

    >>> derivative_latex_name(("x", "y"), ("x", "y"))
    '\\frac{\\partial^{2} f}{\\partial x \\partial y}'
    """
    order = len(wrt)
    if len(variables) == 1:
        primes = "'" * order if order <= 3 else "^{(%d)}" % order
        return f"f{primes}({sympy.latex(symbolic_symbol(variables[0]))})"
    parts = []
    for name in dict.fromkeys(wrt):
        count = wrt.count(name)
        power = "^{%d}" % count if count > 1 else ""
        parts.append(r"\partial %s%s" % (sympy.latex(symbolic_symbol(name)), power))
    top = r"\partial^{%d} f" % order if order > 1 else r"\partial f"
    return r"\frac{%s}{%s}" % (top, " ".join(parts))


def symbolic_symbol(name: str) -> sympy.Symbol:
    """The variable as SymPy prints it (theta as θ)."""
    return sympy.Symbol(name)
