"""Every string the lecture pages show, one dict per language with the same keys.

Keys are prefixed by page ("tape.intro", "none.cause.integer"); `common.` is shared. To add a
language, copy `en.py`, translate the values and list it in `TEXTS`.
"""

from diffexplain.text import en, zh

TEXTS = {"en": en.TEXT, "zh": zh.TEXT}
