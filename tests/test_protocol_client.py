"""protocol_client: what a run's messages show, read as a visitor reads the page."""

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from diffexplain.devtools.protocol_client import RunSeen, read, rerun_request, text_value


def _alert(body: str, error: bool = False) -> ForwardMsg:
    message = ForwardMsg()
    alert = message.delta.new_element.alert
    alert.body = body
    alert.format = alert.ERROR if error else alert.SUCCESS
    return message


def _finished(status) -> ForwardMsg:
    message = ForwardMsg()
    message.script_finished = status
    return message


def test_the_verdict_and_the_end_of_the_run_are_seen():
    seen = RunSeen()
    read(_alert("All 3 values agree (float64: within 1e-12)"), seen)
    assert seen.verdict == "values agree" and not seen.finished
    read(_finished(ForwardMsg.FINISHED_SUCCESSFULLY), seen)
    assert seen.finished and seen.problem == ""


def test_a_run_cut_short_for_a_rerun_has_not_finished():
    seen = RunSeen()
    read(_finished(ForwardMsg.FINISHED_EARLY_FOR_RERUN), seen)
    assert not seen.finished


def test_error_boxes_and_exceptions_are_problems():
    seen = RunSeen()
    read(_alert("the function ends after '('", error=True), seen)
    assert seen.problem.startswith("error box on the page: the function ends")
    message = ForwardMsg()
    message.delta.new_element.exception.type = "NameError"
    message.delta.new_element.exception.message = "name 'x' is not defined"
    read(message, seen)
    assert seen.problem == "exception on the page: NameError: name 'x' is not defined"


def test_text_boxes_are_found_by_label_and_typed_into_by_id():
    seen = RunSeen()
    message = ForwardMsg()
    message.delta.new_element.text_input.label = "Function"
    message.delta.new_element.text_input.id = "$$ID-abc-f"
    read(message, seen)
    assert seen.text_inputs == {"Function": "$$ID-abc-f"}
    request = BackMsg()
    request.ParseFromString(rerun_request("f=x&order=2", [text_value("$$ID-abc-f", "x^3")]))
    state = request.rerun_script
    assert state.query_string == "f=x&order=2"
    assert [(w.id, w.string_value) for w in state.widget_states.widgets] == [("$$ID-abc-f", "x^3")]
