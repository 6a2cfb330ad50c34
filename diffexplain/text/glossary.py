"""One Chinese word for each teaching term, used by every page's Chinese text.

The English word stays only inside code (`tape.gradient`, `loss` as a variable name) or as a
gloss in full-width parentheses right after the Chinese word the first time, as in 轮（epoch）.
`tests/test_text.py` checks `zh.py` against this list: no English term outside code, and none
of the variants a term replaced.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    english: str
    chinese: str
    replaced: tuple[str, ...] = ()
    """Other Chinese words once used for the same thing on some page: no longer used."""


GLOSSARY = (
    Term("tape", "磁带"),
    Term("bookkeeping ops", "簿记运算", replaced=("记账类运算", "记账运算")),
    Term("loss", "损失"),
    Term("epoch", "轮"),
    Term("batch", "批次"),
    Term("gradient", "梯度"),
)
"""The terms a student meets on every page; the Chinese word is the one each page uses."""
