"""diffexplain: exact derivatives from SymPy beside the same derivatives from nested
`tf.GradientTape`s, with an agreement check.

>>> from diffexplain import explain
>>> explain("x^2", {"x": 3}, order=1).derivatives[0].autodiff
6.0
>>> from diffexplain import check_answer
>>> check_answer("x^2 sin(x)", "2x sin(x) + x^2 cos(x)").correct
True

Importing this package is cheap (no SymPy, no TensorFlow): the names below load on first use,
so the app's first paint does not wait for them.
"""

__all__ = [
    "AnswerCheck",
    "Explanation",
    "InputError",
    "VectorExplanation",
    "check_answer",
    "explain",
    "explain_vector",
]


def __getattr__(name: str):
    if name in ("Explanation", "explain"):
        from diffexplain.core import explanation

        return getattr(explanation, name)
    if name in ("VectorExplanation", "explain_vector"):
        from diffexplain.core import vector

        return getattr(vector, name)
    if name in ("AnswerCheck", "check_answer"):
        from diffexplain.teach import answer

        return getattr(answer, name)
    if name == "InputError":
        from diffexplain.core.parse import InputError

        return InputError
    raise AttributeError(f"module 'diffexplain' has no attribute {name!r}")
