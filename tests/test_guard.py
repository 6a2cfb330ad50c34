"""The router's guard: no traceback ever reaches the page."""

from streamlit.testing.v1 import AppTest


def _page_that_fails():
    import streamlit as st

    from diffexplain.ui.guard import run_guarded

    def page():
        st.write("before")
        raise ZeroDivisionError("secret internals")

    run_guarded(page)


def _page_that_stops():
    import streamlit as st

    from diffexplain.ui.guard import run_guarded

    def page():
        st.write("shown")
        st.stop()
        st.write("never")

    run_guarded(page)


def test_an_unexpected_error_becomes_a_friendly_message_without_details():
    at = AppTest.from_function(_page_that_fails, default_timeout=60).run()
    assert not at.exception
    assert "went wrong on our side" in at.error[0].value
    assert "secret internals" not in at.error[0].value


def test_st_stop_still_stops_the_page():
    at = AppTest.from_function(_page_that_stops, default_timeout=60).run()
    assert not at.exception and not at.error
    assert [m.value for m in at.markdown] == ["shown"]
