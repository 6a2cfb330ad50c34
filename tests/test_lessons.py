"""Lesson functions: the course notes' numbers, the real errors, and the notes' imprecisions.

Expected values are worked out by hand (d/dx x² = 2x, so 6.0 at 3), not taken from TensorFlow.
"""

import contextlib
import dataclasses
import inspect
import io
import itertools
import pickle
import re
import subprocess
import sys

import pytest

from diffexplain.teach.lessons import (
    assign,
    higher_order,
    none_gradients,
    outcome,
    persistent,
    snippet,
    tape_basics,
    variables,
    watch,
)
from diffexplain.teach.lessons.snippet import comments

LESSON_MODULES = (assign, higher_order, none_gradients, persistent, tape_basics, variables, watch)
EAGER_TENSOR = "'tensorflow.python.framework.ops.EagerTensor'"


def _lesson_functions():
    for module in LESSON_MODULES + (outcome,):
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__:
                yield f"{module.__name__}.{name}", function


# --- the helpers -------------------------------------------------------------------------------


def test_raised_by_returns_the_type_name_and_message_and_none_when_nothing_is_raised():
    assert outcome.raised_by(lambda: {}["missing"]) == outcome.Raised("KeyError", "'missing'")
    assert outcome.raised_by(lambda: None) is None
    assert str(outcome.Raised("TypeError", "nope")) == "TypeError: nope"


def test_attempt_gives_plain_python_values_or_the_exception():
    import tensorflow as tf

    assert outcome.attempt(lambda: tf.constant([1.0, 2.0])) == outcome.Attempt([1.0, 2.0], None)
    failed = outcome.attempt(lambda: 1 / 0)
    assert failed.value is None and failed.raised.type_name == "ZeroDivisionError"


def test_as_python_turns_tensors_and_lists_of_tensors_into_plain_values():
    import tensorflow as tf

    assert outcome.as_python(None) is None
    assert outcome.as_python(tf.constant(6.0)) == 6.0
    assert type(outcome.as_python(tf.constant(6.0))) is float
    assert outcome.as_python([tf.constant(8.0), None]) == [8.0, None]


# --- lecture 1: constant and Variable ----------------------------------------------------------


def test_float_literals_make_a_float32_variable_with_a_gradient():
    made = variables.constant_and_variable((1.0, 2.0, 3.0))
    assert made.constant_printed == "tf.Tensor([1. 2. 3.], shape=(3,), dtype=float32)"
    assert made.variable_printed.startswith("<tf.Variable 'Variable:0' shape=(3,) dtype=float32")
    assert made.dtype == "float32"
    assert made.gradient == [2.0, 4.0, 6.0]  # d/dv sum(v²) = 2v


def test_the_notes_integer_variable_is_int32_trainable_by_flag_but_gets_no_gradient():
    made = variables.constant_and_variable((1, 2, 3))
    assert made.dtype == "int32"
    assert made.variable_trainable is True
    assert made.gradient is None


def test_changing_a_constant_raises_the_real_errors_and_scatter_update_makes_a_new_tensor():
    change = variables.change_a_constant(100)
    for raised in (change.item_assignment, change.tuple_index_assignment):
        assert raised.type_name == "TypeError"
        assert raised.message == f"{EAGER_TENSOR} object does not support item assignment"
    assert change.assign.type_name == "AttributeError"
    assert change.assign.message == f"{EAGER_TENSOR} object has no attribute 'assign'"
    assert change.rebuilt == [[100, 2], [3, 4]]
    assert change.unchanged == [[1, 2], [3, 4]]


def test_model_parameters_are_a_constant_and_two_trainable_variables():
    scene = variables.model_parameters(3, 2)
    learning_rate, weight, bias = scene.parameters
    assert (learning_rate.shape, learning_rate.trainable) == ([], False)
    assert (weight.name, weight.shape, weight.trainable) == ("W", [3, 2], True)
    assert (bias.name, bias.shape, bias.dtype) == ("b", [2], "float32")
    assert scene.printed.splitlines() == [
        "tf.Tensor(0.01, shape=(), dtype=float32)",
        "weight:0 (3, 2) True",  # the shape, not the random values: the same every run
        "bias:0 (2,) True",
    ]


def test_a_constant_gets_a_gradient_only_once_watched():
    gradient = variables.constant_gradient(3.0)
    assert (gradient.unwatched, gradient.watched) == (None, 6.0)  # 2x at 3
    assert gradient.printed == "None\ntf.Tensor(6.0, shape=(), dtype=float32)\n"


def test_the_lecture_1_snippets_print_what_the_lessons_return():
    made = variables.constant_and_variable((1, 2, 3))
    assert made.printed == f"{made.constant_printed}\n{made.variable_printed}\nNone\n"
    change = variables.change_a_constant(-7)
    assert change.rebuilt == [[-7, 2], [3, 4]]
    assert change.output.startswith(change.printed + "\nTypeError: ")
    assert change.output.count("does not support item assignment") == 2
    assert "[[-7  2]\n [ 3  4]]" in change.output  # print(rebuilt)


def test_printed_errors_reads_each_caught_error_line():
    printed = "tf.Tensor(\n[[1 2]])\nTypeError: no item\nAttributeError: 'x' has no\n[1. 2.]\n"
    assert variables.printed_errors(printed) == [
        outcome.Raised("TypeError", "no item"),
        outcome.Raised("AttributeError", "'x' has no"),
    ]
    assert variables.printed_errors("[1. 2.]\n") == []


# --- lecture 2: assign --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "start", "operand", "after", "printed"),
    [
        ("assign", (1.0, 2.0, 3.0), (4.0, 5.0, 6.0), [4.0, 5.0, 6.0], "[4. 5. 6.]"),
        ("assign_add", (1.0, 2.0, 3.0), (10.0,) * 3, [11.0, 12.0, 13.0], "[11. 12. 13.]"),
        ("assign_sub", (10.0,) * 3, (1.0, 2.0, 3.0), [9.0, 8.0, 7.0], "[9. 8. 7.]"),
    ],
)
def test_the_notes_three_assign_examples(method, start, operand, after, printed):
    update = assign.update_variable(method, start, operand)
    assert update.before == list(start)
    assert update.after == after
    assert update.printed == printed


def test_int_variable_takes_int_lists_and_float_variable_converts_python_ints():
    assert assign.assign_value("assign", "ints", "python_ints").after == [4, 5, 6]
    into_floats = assign.assign_value("assign", "floats", "python_ints")
    assert (into_floats.raised, into_floats.after) == (None, [4.0, 5.0, 6.0])
    assert into_floats.variable_dtype == "float32"


def test_assigning_the_wrong_shape_is_a_value_error_about_shapes():
    for new_value in ("too_short", "scalar"):
        raised = assign.assign_value("assign", "floats", new_value).raised
        assert raised.type_name == "ValueError"
        assert "Shape mismatch" in raised.message and "incompatible" in raised.message


def test_assign_add_does_not_broadcast_a_scalar():
    raised = assign.assign_value("assign_add", "floats", "scalar").raised
    assert raised.type_name == "InvalidArgumentError"
    assert "shapes must be equal" in raised.message


def test_assign_refuses_other_dtypes():
    as_tensor = assign.assign_value("assign", "floats", "int32_tensor").raised
    assert as_tensor.type_name == "ValueError"
    assert "requested dtype float32 for Tensor with dtype int32" in as_tensor.message
    floats_into_ints = assign.assign_value("assign", "ints", "python_floats")
    assert floats_into_ints.raised.type_name == "TypeError"
    assert "to EagerTensor of dtype int32" in floats_into_ints.raised.message
    assert floats_into_ints.after == [1, 2, 3]


def test_assign_add_returns_a_view_of_v_not_v_and_none_without_read_value():
    returned = assign.what_assign_returns((1.0, 2.0, 3.0), (10.0, 10.0, 10.0))
    assert returned.printed.startswith("<tf.Variable 'UnreadVariable' shape=(3,) dtype=float32")
    assert "[11., 12., 13.]" in returned.printed  # the value right after the update
    assert (returned.is_v, returned.is_a_variable) == (False, True)
    assert returned.follows_v == [0.0, 0.0, 0.0]  # v was zeroed afterwards: the view follows
    assert returned.without_read_value is None


def test_no_gradient_flows_through_assign():
    through = assign.gradient_through_assign(1.0)
    assert through.dy_du_through_assign is None
    assert through.dy_du_without_assign == 18.0  # y = 9u², dy/du = 18u
    assert through.dy_dw_after_assign == 6.0  # 2w at the new w = 3u = 3


def test_the_notes_gradient_descent_step_moves_w_from_5_to_4_6():
    step = assign.gradient_descent_step(5.0, 0.1)
    assert (step.loss, step.gradient) == (4.0, 4.0)  # (5 - 3)², 2(5 - 3)
    assert step.printed == "4.6"
    assert step.output == "4.6\n"


def test_the_lecture_2_snippets_print_what_the_lessons_return():
    update = assign.update_variable("assign_add", (1.0, 2.0, 3.0), (10.0, 10.0, 10.0))
    assert update.output == "[11. 12. 13.]\n"
    returned = assign.what_assign_returns((1.0, 2.0, 3.0), (10.0, 10.0, 10.0))
    assert returned.output.splitlines()[1:] == ["False", "True", "[0. 0. 0.]", "None"]
    through = assign.gradient_through_assign(2.0)
    assert (through.dy_du_without_assign, through.dy_dw_after_assign) == (36.0, 12.0)  # 18u, 2w
    assert through.printed.splitlines() == [
        "None",
        "tf.Tensor(36.0, shape=(), dtype=float32)",
        "tf.Tensor(12.0, shape=(), dtype=float32)",
    ]


SANDBOX = list(itertools.product(assign.METHODS, assign.VARIABLE_VALUES, assign.NEW_VALUES))


@pytest.mark.parametrize(("method", "values", "new_value"), SANDBOX)
def test_every_sandbox_choice_shows_code_that_prints_what_the_page_shows(method, values, new_value):
    """The concrete code for each switch combination, run again as a student would paste
    it (in both languages), prints what the lesson printed; the numbers are checked apart."""
    result = assign.assign_value(method, values, new_value)
    snippet = assign.accept_snippet(method, values, new_value)
    for language in ("en", "zh"):
        code = snippet.code(language, values=assign.VARIABLE_VALUES[values])
        assert f"v.{method}({result.new_value})" in code
        written = "".join(comments(code))
        assert written and bool(re.search(r"[\u4e00-\u9fff]", written)) == (language == "zh")
        output = io.StringIO()
        with contextlib.redirect_stdout(output):
            exec(compile(code, "<shown>", "exec"), {})  # catches its own errors
        assert output.getvalue() == result.printed
    error_lines = [line.rstrip() for line in result.printed.splitlines() if "Error: " in line]
    assert error_lines == ([str(result.raised)] if result.raised else [])


def test_sandbox_results_worked_out_by_hand():
    """Accepted: the new contents by arithmetic; refused: the Variable as it was."""
    start = {"ints": [1, 2, 3], "floats": [1.0, 2.0, 3.0]}
    operands = {
        "python_ints": [4, 5, 6],
        "python_floats": [4.5, 5.5, 6.5],
        "int32_tensor": [4, 5, 6],
    }
    accepted = {
        ("ints", "python_ints"),
        ("ints", "int32_tensor"),
        ("floats", "python_ints"),
        ("floats", "python_floats"),
    }
    combine = {
        "assign": lambda a, b: b,
        "assign_add": lambda a, b: a + b,
        "assign_sub": lambda a, b: a - b,
    }
    for method, values, new_value in SANDBOX:
        result = assign.assign_value(method, values, new_value)
        if (values, new_value) in accepted:
            expected = [
                combine[method](a, b)
                for a, b in zip(start[values], operands[new_value], strict=True)
            ]
            assert (result.raised, result.after) == (None, expected), (method, values, new_value)
        else:
            assert result.raised is not None and result.after == start[values]


# --- lecture 3: tape basics ---------------------------------------------------------------------


def test_square_gradient_is_6_at_3_and_numpy_prints_a_plain_number():
    result = tape_basics.square_gradient(3.0)
    assert (result.y, result.dy_dx) == (9.0, 6.0)
    assert result.printed_numpy == "6.0"  # not "tf.Tensor(6.0, ...)" as the notes claim
    assert result.printed_tensor == "tf.Tensor(6.0, shape=(), dtype=float32)"


def test_a_vector_target_is_differentiated_as_its_sum():
    vector = tape_basics.vector_target_gradient((1.0, 2.0, 3.0))
    assert vector.y == [1.0, 4.0, 9.0]
    assert vector.gradient_of_vector == vector.gradient_of_sum == [2.0, 4.0, 6.0]


# --- lecture 4: persistent ----------------------------------------------------------------------


def test_persistent_tape_answers_twice_6_and_12():
    twice = persistent.gradient_twice(True, 3.0)
    assert (twice.dy_dx, twice.dz_dx, twice.raised) == (6.0, 12.0, None)
    assert twice.printed == "6.0\n12.0\n"


def test_second_gradient_call_on_an_ordinary_tape_is_a_runtime_error():
    twice = persistent.gradient_twice(False, 3.0)
    assert twice.dy_dx == 6.0 and twice.dz_dx is None
    assert twice.raised.type_name == "RuntimeError"
    assert "non-persistent GradientTape can only be used to compute one set" in (
        twice.raised.message
    )


@pytest.mark.parametrize(
    ("keep", "one_call"), [(True, False), (True, True), (False, True)], ids=str
)
def test_partials_of_x2_plus_y2_at_4_3_are_8_and_6(keep, one_call):
    partials = persistent.partials_of_sum_of_squares(4.0, 3.0, keep, one_call)
    assert (partials.dz_dx, partials.dz_dy, partials.raised) == (8.0, 6.0, None)


def test_two_calls_without_persistent_fail_on_the_second():
    partials = persistent.partials_of_sum_of_squares(4.0, 3.0, False, False)
    assert (partials.dz_dx, partials.dz_dy) == (8.0, None)
    assert partials.raised.type_name == "RuntimeError"


def test_del_tape_frees_the_tape_only_with_its_last_reference():
    alone = persistent.delete_tape(keep_alias=False)
    assert alone.dy_dx == 6.0
    assert alone.alive_after_del is False
    shared = persistent.delete_tape(keep_alias=True)
    assert shared.alive_after_del is True
    assert shared.alive_after_last_reference_dropped is False


def test_a_tape_made_in_a_function_goes_when_the_function_returns():
    in_function = persistent.tape_after_function_returns()
    assert (in_function.dy_dx, in_function.alive_after_return) == (6.0, False)


def test_del_inside_a_function_frees_the_tape_at_that_line_before_the_function_returns():
    # delete_tape is itself a function: without another reference, `del tape` frees the tape
    # before the function goes on (alive_after_del is read inside it, before its return)
    assert persistent.delete_tape(keep_alias=False).alive_after_del is False


# the code shown for each switch is the code that ran: both languages, re-run, print the same


def _shown_code_prints(snippet, printed, **params):
    """`snippet` as each language's page shows it: the same program, comments in that
    language only, and, pasted and run, it prints `printed` (what the lesson returned)."""
    import ast
    import contextlib
    import io
    import re

    cjk = re.compile(r"[\u4e00-\u9fff]")
    english, chinese = snippet.code("en", **params), snippet.code("zh", **params)
    assert ast.dump(ast.parse(english)) == ast.dump(ast.parse(chinese))
    assert all(not cjk.search(c) for c in snippet_comments(english))
    assert all(cjk.search(c) for c in snippet_comments(chinese))
    for code in (english, chinese):
        output = io.StringIO()
        with contextlib.redirect_stdout(output):
            exec(compile(code, "<shown>", "exec"), {"__name__": "__shown__"})
        assert output.getvalue() == printed


def snippet_comments(code):
    from diffexplain.teach.lessons.snippet import comments

    return comments(code)


@pytest.mark.parametrize("keep", [True, False])
def test_the_two_calls_shown_print_what_the_lesson_read(keep):
    twice = persistent.gradient_twice(keep, 2.5)
    _shown_code_prints(persistent.twice_snippet(keep), twice.printed, persistent=keep, at=2.5)
    assert twice.dy_dx == 5.0  # 2x
    if keep:
        assert twice.printed == "5.0\n10.0\n"  # 2x, then 4x
    else:
        assert twice.printed == f"5.0\n{twice.raised}\n"
        assert "persistent=False" in persistent.twice_snippet(keep).code(persistent=keep, at=2.5)


@pytest.mark.parametrize(("keep", "one_call"), list(itertools.product([True, False], repeat=2)))
def test_the_partials_shown_for_each_switch_print_what_the_lesson_read(keep, one_call):
    partials = persistent.partials_of_sum_of_squares(1.5, -2.0, keep, one_call)
    snippet = persistent.partials_snippet(keep, one_call)
    _shown_code_prints(snippet, partials.printed, at_x=1.5, at_y=-2.0, persistent=keep)
    assert partials.dz_dx == 3.0  # 2x
    second = "tf.Tensor(-4.0, shape=(), dtype=float32)"  # 2y
    if keep or one_call:
        assert (partials.dz_dy, partials.raised) == (-4.0, None)
        assert partials.printed.splitlines()[1] == second
    else:
        assert partials.dz_dy is None and partials.raised.type_name == "RuntimeError"
        assert partials.printed.splitlines()[1] == str(partials.raised)
    assert ("[x, y]" in snippet.code(persistent=keep, at_x=1.5, at_y=-2.0)) == one_call


@pytest.mark.parametrize("keep_alias", [True, False])
def test_the_del_code_shown_prints_what_the_lesson_read(keep_alias):
    deletion = persistent.delete_tape(keep_alias)
    _shown_code_prints(persistent.deletion_snippet(keep_alias), deletion.printed)
    assert deletion.printed == f"after del: {keep_alias}\nafter clear: False\n6.0\n"
    in_function = persistent.tape_after_function_returns()
    _shown_code_prints(persistent.FUNCTION_TAPE, in_function.printed)
    assert in_function.printed == "6.0\nafter return: False\n"


# --- lecture 5: watch ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "watch_it", "expected", "watched"),
    [
        ("constant", False, None, ()),
        ("constant", True, 6.0, ()),
        ("variable", False, 6.0, ("x:0",)),
        ("frozen_variable", False, None, ()),
        ("frozen_variable", True, 6.0, ("x:0",)),
    ],
)
def test_what_the_tape_watches(kind, watch_it, expected, watched):
    result = watch.watched_gradient(kind, "float32", watch_it, True, 3)
    assert (result.gradient, result.watched_variables) == (expected, watched)


def test_float64_works_and_integers_never_get_a_gradient_even_when_watched():
    assert watch.watched_gradient("constant", "float64", True, True, 3).gradient == 6.0
    for kind in watch.KINDS:
        assert watch.watched_gradient(kind, "int32", True, True, 3).gradient is None
    assert watch.watched_gradient("variable", "int32", False, True, 3).watched_variables == ("x:0",)


def test_watch_accessed_variables_false_leaves_variables_unwatched():
    assert watch.watched_gradient("variable", "float32", False, False, 3).gradient is None
    assert watch.watched_gradient("variable", "float32", True, False, 3).gradient == 6.0


@pytest.mark.parametrize(
    ("kind", "dtype", "watch_it", "accessed"),
    list(itertools.product(watch.KINDS, watch.DTYPES, [False, True], [False, True])),
)
def test_the_code_shown_for_every_switch_prints_the_gradient_the_rule_predicts(
    kind, dtype, watch_it, accessed
):
    result = watch.watched_gradient(kind, dtype, watch_it, accessed, -2)
    snippet = watch.watch_snippet(kind, dtype, watch_it, accessed)
    _shown_code_prints(snippet, result.printed, at=-2)
    watched = watch_it or (kind == "variable" and accessed)  # the rule the page states
    expected = -4.0 if watched and dtype != "int32" else None  # 2x at x = -2
    assert result.gradient == expected
    first_line = "None" if expected is None else f"tf.Tensor(-4.0, shape=(), dtype={dtype})"
    assert result.printed.splitlines()[0] == first_line
    code = snippet.code(at=-2)
    assert ("tape.watch(x)" in code) == watch_it and f"tf.{dtype}" in code
    assert ("watch_accessed_variables=False" in code) == (not accessed)
    assert "if " not in code  # the concrete code for the switches, no switch in it


def test_an_unknown_kind_or_dtype_is_refused():
    with pytest.raises(ValueError):
        watch.watch_snippet("constant", "__import__('os')", True, True)


# --- lecture 6: None gradients ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "repaired"),
    [
        (none_gradients.no_path, 0.0),
        (none_gradients.integer_variable, 6.0),
        (none_gradients.numpy_detour, 6.0),
        (none_gradients.computed_outside_tape, 1.0),
    ],
)
def test_the_notes_four_none_cases_and_their_repairs(case, repaired):
    result = case()
    assert (result.as_written, result.repaired) == (None, repaired)
    assert result.printed == f"None\ntf.Tensor({repaired}, shape=(), dtype=float32)\n"


def test_numpy_on_the_variable_inside_the_tape_raises_rather_than_returning_none():
    mistake = none_gradients.numpy_on_the_variable()
    assert mistake.y_type == "numpy.float32"  # float32 Variable in, NumPy scalar out
    assert mistake.raised.type_name == "AttributeError"
    assert "'_id'" in mistake.raised.message
    assert mistake.printed == f"<class 'numpy.float32'>\n{mistake.raised}\n"


def test_sandbox_healthy_case_is_6():
    result = none_gradients.why_is_my_gradient_none(none_gradients.Setup())
    printed = "tf.Tensor(6.0, shape=(), dtype=float32)\n"
    assert result == none_gradients.SandboxResult(6.0, None, (), (), printed)


@pytest.mark.parametrize(
    ("switches", "gradient", "causes"),
    [
        ({"constant": True}, None, ("constant_not_watched",)),
        ({"constant": True, "watch": True}, 6.0, ()),
        ({"integer": True}, None, ("integer",)),
        ({"numpy_detour": True}, None, ("numpy_detour",)),
        ({"outside_tape": True}, None, ("outside_tape",)),
        ({"replace_with_tensor": True}, None, ("replaced_by_tensor",)),
        ({"stop_gradient": True}, None, ("stop_gradient",)),
        ({"stop_recording": True}, None, ("stop_recording",)),
        ({"stop_gradient": True, "zero_if_unconnected": True}, 0.0, ("stop_gradient",)),
        ({"assign_add_inside": True}, 8.0, ()),  # gradient at the new value 4
        ({"replace_with_tensor": True, "watch": True}, 8.0, ()),  # w.r.t. the tensor x + 1
    ],
)
def test_sandbox_single_switches(switches, gradient, causes):
    result = none_gradients.why_is_my_gradient_none(none_gradients.Setup(**switches))
    assert (result.gradient, result.causes, result.raised) == (gradient, causes, None)


def test_sandbox_assign_add_on_a_constant_is_an_attribute_error():
    setup = none_gradients.Setup(constant=True, assign_add_inside=True)
    result = none_gradients.why_is_my_gradient_none(setup)
    assert result.raised.type_name == "AttributeError"
    assert "has no attribute 'assign_add'" in result.raised.message
    assert result.notes == ("no_assign_on_tensor",)


def test_sandbox_causes_predict_tensorflow_for_every_combination():
    """The words the page shows (causes) against what TensorFlow really returns, 1024 ways."""
    names = [f.name for f in dataclasses.fields(none_gradients.Setup) if f.name != "at"]
    for values in itertools.product((False, True), repeat=len(names)):
        setup = none_gradients.Setup(**dict(zip(names, values, strict=True)))
        result = none_gradients.why_is_my_gradient_none(setup)
        if setup.assign_add_inside and (setup.constant or setup.replace_with_tensor):
            assert result.raised is not None, setup
        elif result.causes:
            expected = 0 if setup.zero_if_unconnected else None
            assert (result.raised, result.gradient) == (None, expected), setup
        else:
            moved = setup.replace_with_tensor or setup.assign_add_inside
            assert (result.raised, result.gradient) == (None, 2.0 * (3 + moved)), setup


@pytest.mark.parametrize("at", [1, 5])
def test_notes_that_state_a_gradient_appear_only_where_tensorflow_returns_that_gradient(at):
    """'The gradient is 2 · (x + 1)' is shown only when the tape really returns it, at any x."""
    names = [f.name for f in dataclasses.fields(none_gradients.Setup) if f.name != "at"]
    stating = {"assign_moves_value", "gradient_for_the_new_tensor"}
    for values in itertools.product((False, True), repeat=len(names)):
        setup = none_gradients.Setup(**dict(zip(names, values, strict=True)), at=at)
        if not (setup.assign_add_inside or (setup.replace_with_tensor and setup.watch)):
            continue  # no note about a moved value can apply
        if setup.zero_if_unconnected:
            continue  # ZERO gives the same notes as NONE, with 0 for None
        result = none_gradients.why_is_my_gradient_none(setup)
        if stating & set(result.notes):
            assert (result.raised, result.gradient) == (None, 2.0 * (at + 1)), setup
        else:
            assert result.gradient is None, setup


def test_x_plus_1_from_a_constant_is_blamed_on_the_constant_not_on_a_variable():
    import tensorflow as tf

    assert not isinstance(tf.constant(3.0) + 1, tf.Variable)
    setup = none_gradients.Setup(constant=True, replace_with_tensor=True)
    result = none_gradients.why_is_my_gradient_none(setup)
    assert (result.gradient, result.causes) == (None, ("constant_not_watched",))
    variable = none_gradients.Setup(replace_with_tensor=True)
    assert none_gradients.why_is_my_gradient_none(variable).causes == ("replaced_by_tensor",)


# --- lecture 7: higher order --------------------------------------------------------------------


def test_nested_tapes_give_27_and_18_at_3():
    taped = higher_order.nested_tapes(3.0, inner_gradient_inside_outer=True)
    assert (taped.y, taped.dy_dx, taped.d2y_dx2) == (27.0, 27.0, 18.0)
    assert taped.printed == "27.0 18.0\n"


def test_inner_gradient_outside_the_outer_tape_gives_no_second_derivative():
    taped = higher_order.nested_tapes(3.0, inner_gradient_inside_outer=False)
    assert (taped.dy_dx, taped.d2y_dx2, taped.printed) == (27.0, None, "27.0 None\n")


@pytest.mark.parametrize("x", [-2.0, 0.5, 3.0])
def test_the_second_derivative_of_a_line_is_none_from_the_tape_and_zero_when_asked(x):
    line = higher_order.nested_tapes_on_a_line(x)
    assert (line.dy_dx, line.d2y_dx2, line.d2y_dx2_zero) == (3.0, None, 0.0)


def test_the_inner_gradient_stays_misplaced_at_any_x():
    taped = higher_order.nested_tapes(2.0, inner_gradient_inside_outer=False)
    assert (taped.dy_dx, taped.d2y_dx2) == (12.0, None)  # 3·2², and no path for t1


@pytest.mark.parametrize("x", [-2.0, 0.5, 3.0])
def test_sympy_gives_3x2_and_6x(x):
    exact = higher_order.symbolic_derivatives(x)
    assert (exact.first_latex, exact.second_latex) == ("3 x^{2}", "6 x")
    assert (exact.first_value, exact.second_value) == (3 * x**2, 6 * x)
    assert higher_order.nested_tapes(x, True).d2y_dx2 == exact.second_value


@pytest.mark.parametrize("inside", [True, False])
def test_the_nested_tapes_shown_print_what_the_lesson_read(inside):
    taped = higher_order.nested_tapes(-1.5, inside)
    snippet = higher_order.nested_snippet(inside)
    _shown_code_prints(snippet, taped.printed, at=-1.5)
    assert taped.printed == ("6.75 -9.0\n" if inside else "6.75 None\n")  # 3x², 6x
    code = snippet.code(at=-1.5)
    assert "as t1:" in code and "as t0:" in code  # the notes' names: t1 outer, t0 inner
    assert code.index("as t1:") < code.index("as t0:")


def test_the_sympy_and_line_code_shown_print_what_the_lessons_read():
    exact = higher_order.symbolic_derivatives(2.5)
    _shown_code_prints(higher_order.SYMBOLIC, exact.printed, at=2.5)
    assert exact.printed == "3*x**2 = 18.75\n6*x = 15.0\n"  # 3 · 2.5², 6 · 2.5
    line = higher_order.nested_tapes_on_a_line(2.5)
    _shown_code_prints(higher_order.ON_A_LINE, line.printed, at=2.5)
    assert line.printed == "3.0 None 0.0\n"


# --- shape of the lessons -----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "function"), list(_lesson_functions()), ids=lambda v: str(v))
def test_shown_source_fits_a_projector(name, function):
    long_lines = [
        line
        for language in ("en", "zh")
        for line in snippet.shown_source(function, language).splitlines()
        if snippet.display_width(line) >= 80
    ]
    assert not long_lines, name


def test_results_pickle_for_st_cache_data():
    for result in (
        variables.change_a_constant(1),
        persistent.gradient_twice(False, 3.0),
        none_gradients.why_is_my_gradient_none(none_gradients.Setup(constant=True)),
        assign.what_assign_returns((1.0,), (2.0,)),
        higher_order.nested_tapes_on_a_line(3.0),
    ):
        assert pickle.loads(pickle.dumps(result)) == result


def test_lessons_import_neither_streamlit_nor_tensorflow_at_import_time():
    modules = ", ".join(module.__name__ for module in LESSON_MODULES)
    code = f"import sys, {modules}; print('tensorflow' in sys.modules, 'streamlit' in sys.modules)"
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert loaded == ["False", "False"]


def test_the_assign_sandbox_builds_code_only_from_its_own_lists():
    with pytest.raises(ValueError):
        assign.accept_snippet("assign(1); import os; v.assign", "[1.0, 2.0, 3.0]", "scalar")
    with pytest.raises(KeyError):
        assign.accept_snippet("assign", "[1.0, 2.0, 3.0]", "__import__('os')")
