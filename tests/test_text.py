"""Page text: both languages have the same keys, nothing empty, every key a page asks for."""

import dataclasses
import itertools
import re
import string
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from diffexplain.teach.lessons import assign, none_gradients, watch
from diffexplain.text import TEXTS, en, zh
from diffexplain.text.glossary import GLOSSARY
from diffexplain.ui.lectures import LECTURES

ROOT = Path(__file__).resolve().parents[1]
LECTURE_SOURCES = [ROOT / "diffexplain" / "ui" / "lectures.py"] + [
    ROOT / page.path for page in LECTURES if (ROOT / page.path).name != "08_training_loop.py"
]


def _fields(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_english_and_chinese_have_the_same_keys():
    assert set(en.TEXT) == set(zh.TEXT)
    assert set(TEXTS) == {"en", "zh"}


@pytest.mark.parametrize("language", ["en", "zh"])
def test_no_text_is_empty(language):
    empty = [key for key, text in TEXTS[language].items() if not text.strip()]
    assert not empty


def test_both_languages_fill_in_the_same_fields():
    differing = [key for key in en.TEXT if _fields(en.TEXT[key]) != _fields(zh.TEXT[key])]
    assert not differing


def test_chinese_text_is_translated():
    # keys whose text is code or a formula may read the same in both languages
    same = {key for key in en.TEXT if en.TEXT[key] == zh.TEXT[key]}
    assert all(re.fullmatch(r"[\x00-\x7f²∂·=…ˣ]+", en.TEXT[key]) for key in same), same
    assert len(same) < len(en.TEXT) / 4


def test_every_literal_key_the_pages_use_exists():
    pattern = re.compile(r"""tr\(\s*["']([\w.]+)["']""")
    used = {key for path in LECTURE_SOURCES for key in pattern.findall(path.read_text())}
    pattern = re.compile(r"""(?:notes_vs_truth|show_source)\(\s*["']([\w.]+)["'],\s*["']([\w.]+)""")
    for path in LECTURE_SOURCES:
        for notes_key, truth_key in pattern.findall(path.read_text()):
            used |= {notes_key, truth_key}
    assert used, "no keys found: the pattern no longer matches the pages"
    assert used - set(en.TEXT) == set()


def test_every_key_built_from_lesson_data_exists():
    keys = {f"watch.kind.{kind}" for kind in watch.KINDS}
    keys |= {f"assign.new.{kind}" for kind in assign.NEW_VALUES}
    names = [f.name for f in dataclasses.fields(none_gradients.Setup) if f.name != "at"]
    keys |= {f"none.switch.{name}" for name in names}
    for values in itertools.product((False, True), repeat=len(names)):
        setup = none_gradients.Setup(**dict(zip(names, values, strict=True)))
        causes = none_gradients.causes_of_none(setup)
        keys |= {f"none.cause.{cause}" for cause in causes}
        keys |= {f"none.note.{note}" for note in none_gradients.notes_on(setup, causes)}
    for case in ("no_path", "integer", "numpy", "outside"):
        keys |= {f"none.case.{case}.title", f"none.case.{case}.repair"}
    assert keys - set(en.TEXT) == set()


def test_every_sentence_the_parser_and_the_readings_say_exists_in_both_languages():
    from diffexplain.teach.readings import KINDS

    core = ROOT / "diffexplain" / "core"
    source = "\n".join((core / name).read_text() for name in ("parse.py", "vector.py"))
    keys = set(re.findall(r'refusal\(\s*"\w+",\s*"([\w.]+)"', source))
    keys |= set(re.findall(r'said\(\s*"([\w.]+)"', source))
    keys |= set(re.findall(r'"(hint\.\w+)"', source))  # the tables of hints
    assert {"unknown_function", "derivative_request", "decimal_comma", "hint.prime"} <= keys
    needed = {f"input.{key}" for key in keys}
    needed |= {f"steps.reading.{kind}" for kind in KINDS}
    for language in ("en", "zh"):
        assert needed - set(TEXTS[language]) == set()


def _language_app():
    import streamlit as st

    from diffexplain.ui.language import current_language, language_selector, tr

    chosen = language_selector()
    st.markdown(f"{chosen}|{current_language()}|{tr('common.yes')}|{tr('no.such.key')}")


def test_language_defaults_to_english_and_tr_falls_back_to_the_key():
    at = AppTest.from_function(_language_app).run()
    assert not at.exception
    assert at.markdown[0].value == "en|en|yes|no.such.key"
    assert at.sidebar.radio(key="lang_switch").value == "en"


def test_lang_query_parameter_chooses_chinese_on_first_load():
    at = AppTest.from_function(_language_app)
    at.query_params["lang"] = "zh"
    at.run()
    assert at.markdown[0].value == "zh|zh|是|no.such.key"


def test_switching_the_radio_changes_the_text_and_the_url():
    at = AppTest.from_function(_language_app).run()
    at.sidebar.radio(key="lang_switch").set_value("zh").run()
    assert at.markdown[0].value == "zh|zh|是|no.such.key"
    assert at.query_params["lang"] == "zh"


def test_unknown_language_in_the_url_or_state_falls_back_to_english():
    at = AppTest.from_function(_language_app)
    at.query_params["lang"] = "fr"
    at.run()
    assert at.markdown[0].value.startswith("en|en|")


# --- one glossary for the Chinese pages ---------------------------------------------------------


def _prose(text: str) -> str:
    """What a student reads as Chinese prose: code spans, quoted messages and {fields} removed."""
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"“[^”]*”", " ", text)
    return re.sub(r"\{[^}]*\}", " ", text)


def _english_terms_in(text: str) -> list[str]:
    """Glossary terms left in English in `text`'s prose; a gloss right after the Chinese word,
    as in 轮（epoch）, is allowed."""
    found = []
    prose = _prose(text)
    for term in GLOSSARY:
        word = term.english.split()[0]
        for match in re.finditer(rf"(?<![\w.]){word}(?![\w(.])", prose, flags=re.IGNORECASE):
            glossed = (
                prose[match.start() - 1 : match.start()] == "（"
                and prose[match.end() : match.end() + 1] == "）"
            )
            if not glossed:
                found.append(term.english)
    return found


def test_the_chinese_text_uses_the_glossarys_words_and_no_english_term_outside_code():
    leftovers = {key: _english_terms_in(text) for key, text in zh.TEXT.items()}
    assert {key: terms for key, terms in leftovers.items() if terms} == {}
    replaced = {
        key: word
        for key, text in zh.TEXT.items()
        for term in GLOSSARY
        for word in term.replaced
        if word in text
    }
    assert replaced == {}


def test_the_glossary_check_catches_what_it_is_for():
    assert _english_terms_in("TensorFlow 的 tape 对每个运算只记录一次") == ["tape"]
    assert _english_terms_in("讲义里的 loss") == ["loss"]
    assert _english_terms_in("`tape.gradient(loss, x)` 返回 {tape}") == []  # code and fields
    assert _english_terms_in("每一轮（epoch）都") == []  # a gloss after the Chinese word
    assert _english_terms_in("“Tape is not recording.”") == []  # a quoted message


def test_every_glossary_word_is_used_on_the_chinese_pages():
    chinese = " ".join(zh.TEXT.values())
    assert [term.chinese for term in GLOSSARY if term.chinese not in chinese] == []
