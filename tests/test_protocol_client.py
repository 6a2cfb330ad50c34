"""protocol_client: what a run's messages show, read as a visitor reads the page."""

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from diffexplain.devtools.protocol_client import (
    ProtocolStudent,
    RunSeen,
    read,
    ready_problem,
    rerun_request,
    slider_step,
    text_value,
)
from diffexplain.ui.url_state import FIELDS


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


def _title(text: str) -> ForwardMsg:
    message = ForwardMsg()
    message.delta.new_element.heading.tag = "h1"
    message.delta.new_element.heading.body = text
    return message


def _slider(widget_id, low, high, step, at, options=()) -> ForwardMsg:
    message = ForwardMsg()
    slider = message.delta.new_element.slider
    slider.id, slider.label = widget_id, "x"
    slider.min, slider.max, slider.step = low, high, step
    slider.default[:] = [at]
    slider.options[:] = list(options)
    return message


def test_a_lecture_page_is_ready_when_its_run_finished_with_a_title_and_no_problem():
    seen = RunSeen()
    read(_title("📼 GradientTape 基础"), seen)
    read(_slider("$$ID-a-tape.x", -5.0, 5.0, 0.5, 3.0), seen)
    assert ready_problem(seen) == "the run did not finish"
    read(_finished(ForwardMsg.FINISHED_EARLY_FOR_RERUN), seen)
    assert ready_problem(seen) == "the run did not finish"
    read(_finished(ForwardMsg.FINISHED_SUCCESSFULLY), seen)
    assert ready_problem(seen) == ""
    assert seen.title == "📼 GradientTape 基础"
    assert [s.id for s in seen.sliders] == ["$$ID-a-tape.x"]


def test_a_lecture_page_with_an_exception_no_title_or_not_found_is_not_ready():
    broken = RunSeen()
    read(_title("Lecture"), broken)
    message = ForwardMsg()
    message.delta.new_element.exception.type = "ValueError"
    message.delta.new_element.exception.message = "bad"
    read(message, broken)
    read(_finished(ForwardMsg.FINISHED_SUCCESSFULLY), broken)
    assert ready_problem(broken) == "exception on the page: ValueError: bad"
    untitled = RunSeen()
    read(_finished(ForwardMsg.FINISHED_SUCCESSFULLY), untitled)
    assert ready_problem(untitled) == "no title on the page"
    missing = RunSeen()
    not_found = ForwardMsg()
    not_found.page_not_found.page_name = "gradient_taep"
    read(not_found, missing)
    read(_title("Explain"), missing)
    read(_finished(ForwardMsg.FINISHED_SUCCESSFULLY), missing)
    assert ready_problem(missing) == "exception on the page: page not found: gradient_taep"


def _moved(message: ForwardMsg):
    seen = RunSeen()
    read(message, seen)
    return slider_step(seen.sliders[0])


def test_the_first_slider_moves_one_step_to_a_value_the_page_keeps_in_its_url():
    tape_x = FIELDS["gradient_tape"]["tape.x"]
    moved = _moved(_slider("$$ID-a-tape.x", -5.0, 5.0, 0.5, tape_x.default))
    assert moved.id == "$$ID-a-tape.x"
    value = list(moved.double_array_value.data)
    assert value == [3.5]
    assert tape_x.parse("3.5") == 3.5 and not tape_x.is_default(3.5)
    # from the right end, one step to the left, as the arrow keys would
    assert list(_moved(_slider("s", 1, 5, 1, 5)).double_array_value.data) == [4]
    # a select slider: its position is an option's index, its value the option's text
    rates = ("0.001", "0.002", "0.005", "0.01", "0.015")
    lr = _moved(_slider("$$ID-b-train.lr.notes17", 0, 4, 1, 3, rates))
    assert list(lr.string_array_value.data) == ["0.015"]
    assert not lr.double_array_value.data
    kind = FIELDS["training_loop"]["train.lr.notes17"]
    assert kind.parse("0.015") == 0.015 and not kind.is_default(0.015)


def test_a_lecture_page_is_asked_for_by_its_path_the_main_page_as_before():
    request = BackMsg()
    request.ParseFromString(rerun_request("lang=zh", page_name="gradient_tape"))
    assert request.rerun_script.page_name == "gradient_tape"
    assert request.rerun_script.query_string == "lang=zh"
    plain = BackMsg()
    plain.rerun_script.query_string = "f=x"
    assert rerun_request("f=x") == plain.SerializeToString()
    student = ProtocolStudent("http://127.0.0.1:1/", "/gradient_tape?lang=zh&present=1")
    assert (student.page_name, student.query_string) == ("gradient_tape", "lang=zh&present=1")
    main = ProtocolStudent("http://127.0.0.1:1/")
    assert (main.page_name, main.query_string) == ("", "")
