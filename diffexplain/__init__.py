"""diffexplain: exact derivatives from SymPy beside the same derivatives from nested
`tf.GradientTape`s, with an agreement check.

>>> from diffexplain import explain
>>> explain("x^2", {"x": 3}, order=1).derivatives[0].autodiff
6.0

Importing this package is cheap: TensorFlow loads on the first autodiff call.
"""

from diffexplain.explain import Explanation, explain
from diffexplain.parse import InputError

__all__ = ["Explanation", "InputError", "explain"]
