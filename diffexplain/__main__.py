"""The command line face of `explain()`.

    python -m diffexplain "sin(x)*exp(x)" --at x=1 --order 3 [--dtype float32] [--json]
                          [--dot tape.dot [--all-ops]]
    python -m diffexplain "[x*y, sin(x)]" --at x=1,y=2 [--dtype float32] [--json]
    python -m diffexplain "x^2 sin(x)" --check "2x sin(x) + x^2 cos(x)" [--wrt x] [--order 1]
                          [--json]

Bad input exits with status 2 and the message on stderr (and as {"error": ...} with --json),
as does a function whose tapes would not fit in the time (`budget.REQUEST_SECONDS`, counted
from the start of the command). With --check the status is 0 for a correct answer (also where
it is correct except at isolated points), 1 for a wrong or undecided one.
"""

from __future__ import annotations

import time

STARTED = time.monotonic()  # the command's clock starts before its imports (SymPy, TensorFlow)

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from typing import Any  # noqa: E402

from diffexplain.core.budget import Deadline  # noqa: E402
from diffexplain.core.explanation import DTYPE_NAMES, Explanation, explain  # noqa: E402
from diffexplain.core.parse import MAX_ORDER, InputError, is_vector  # noqa: E402


def _point(assignments: list[str]) -> dict[str, str]:
    """["x=1", "y=2,z=3"] → {"x": "1", "y": "2", "z": "3"}."""
    point = {}
    for assignment in assignments:
        for part in filter(None, assignment.split(",")):
            name, equals, value = part.partition("=")
            if not equals or not name.strip():
                raise InputError("invalid_point", f"write the point as name=value, not {part!r}")
            point[name.strip()] = value.strip()
    return point


def _format_number(value: float) -> str:
    return f"{value:.12g}"


_VERDICT = {"agree": "yes", "differ": "NO", "unknown": "?"}
"""The agree column: ? where the exact value is unknown and the tape is not judged."""


def _exact(result) -> str:
    return _format_number(result.symbolic) if result.known else "unknown"


def _judged_lines(judged: list[tuple[str, str, Any, float]], notes_after=()) -> list[str]:
    """The table and its notes: one row (name, formula, exact, autodiff, error, verdict) per
    judged value, given as (name, formula, row with symbolic/rel_error/status/note, autodiff)."""
    header = ("", "expression", "symbolic", "autodiff", "rel. error", "agree")
    rows = [
        (name, formula, _exact(row), _format_number(autodiff), f"{row.rel_error:.1e}",
         _VERDICT[row.status])
        for name, formula, row, autodiff in judged
    ]  # fmt: skip
    widths = [min(max(len(r[i]) for r in [header, *rows]), 48) for i in range(len(header))]
    lines = []
    for r in [header, *rows]:
        cells = [c if len(c) <= 48 else c[:45] + "..." for c in r]
        lines.append("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())
    lines.extend(f"note ({name}): {row.note}" for name, _, row, _ in judged if row.note)
    lines.extend(notes_after)
    return lines


def _verdict_line(all_agree: bool) -> str:
    return f"verdict: {'all agree' if all_agree else 'some values differ (see notes)'}"


def as_table(explanation: Explanation) -> str:
    """A readable table: one row per derivative, exact beside autodiff."""
    point = ", ".join(f"{k}={_format_number(v)}" for k, v in explanation.point.items())
    lines = [
        f"f = {explanation.expression}   at {point or '(no variables)'}   [{explanation.dtype}]",
    ]
    if explanation.defaulted:
        lines.append(f"(no value given for {', '.join(explanation.defaulted)}: used 1.0)")
    judged = [("f", explanation.expression, explanation.value, explanation.value_autodiff)]
    judged += [(row.name, row.expression, row, row.autodiff) for row in explanation.derivatives]
    graph = [f"note (graph): {explanation.graph_note}"] if explanation.graph_note else []
    lines += _judged_lines(judged, graph)
    lines.append(_verdict_line(explanation.all_agree))
    return "\n".join(lines)


def vector_table(explanation) -> str:
    """A vector-valued function's Jacobian: one row per entry ∂fᵢ/∂xⱼ, exact beside the tape."""
    point = ", ".join(f"{k}={_format_number(v)}" for k, v in explanation.point.items())
    components = ", ".join(explanation.components)
    lines = [f"f = [{components}]   at {point}   [{explanation.dtype}]"]
    if explanation.defaulted:
        lines.append(f"(no value given for {', '.join(explanation.defaulted)}: used 1.0)")
    lines.append("Jacobian by tape.jacobian (one backward pass per component) and by SymPy:")
    judged = [(e.name, e.expression, e, e.autodiff) for e in explanation.entries]
    lines += _judged_lines(judged)
    lines.append(_verdict_line(explanation.all_agree))
    return "\n".join(lines)


def _vector(args: argparse.Namespace, deadline: Deadline) -> int:
    """A bracketed list: its Jacobian (first derivatives only, so --order above 1 is noted)."""
    from diffexplain.core.vector import explain_vector

    if args.order not in (None, "1"):
        print("note: a list of functions gets its Jacobian (order 1) only", file=sys.stderr)
    if args.dot:
        print("note: --dot draws the tapes of one function, not of a list", file=sys.stderr)
    try:
        explanation = explain_vector(args.function, _point(args.at), args.dtype, deadline=deadline)
    except InputError as error:
        return _refused(error, args.json)
    if args.json:
        print(json.dumps(explanation.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(vector_table(explanation))
    return 0


def _write_dot(explanation: Explanation, path: str, all_ops: bool) -> None:
    from diffexplain.core.tape_graph import compact
    from diffexplain.figures.draw import to_digraph

    if explanation.graph is None:
        print(f"no graph: {explanation.graph_note}", file=sys.stderr)
        return
    graph = explanation.graph if all_ops else compact(explanation.graph)
    with open(path, "w", encoding="utf-8") as file:
        file.write(to_digraph(graph).source)


def _refused(error: InputError, as_json: bool) -> int:
    print(f"error: {error.message}", file=sys.stderr)
    if as_json:
        payload = {"kind": error.kind, "message": error.message, "position": error.position}
        print(json.dumps({"error": payload}, ensure_ascii=False))
    return 2


def _check(args: argparse.Namespace) -> int:
    """--check: the verdict in words (or as JSON); 0 correct, 1 wrong or undecided."""
    from diffexplain.teach.answer import check_answer, verdict_words
    from diffexplain.text.en import TEXT

    try:
        order = "1" if args.order is None else args.order
        check = check_answer(args.function, args.check, args.wrt, order)
    except InputError as error:
        return _refused(error, args.json)
    if args.json:
        print(json.dumps(check.to_dict(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(verdict_words(check, TEXT)))
        if check.derivative:
            print(TEXT["answer.derivative"].format(derivative=check.derivative))
    return 0 if check.correct else 1


def main(argv: list[str] | None = None, started: float | None = None) -> int:
    """Run the command; `started` (a `time.monotonic()` reading) is when its clock started."""
    deadline = Deadline.start(started=started)
    parser = argparse.ArgumentParser(
        prog="python -m diffexplain",
        description="Exact (SymPy) and automatic (TensorFlow) derivatives, side by side.",
    )
    parser.add_argument("function", help='e.g. "sin(x)*exp(x)" or "x*y + y^2"')
    parser.add_argument(
        "--at",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="the point, e.g. --at x=1 --at y=2 (missing variables: 1.0)",
    )
    parser.add_argument(
        "--order", default=None, help=f"highest order, 1 to {MAX_ORDER} (2; with --check 1)"
    )
    parser.add_argument("--dtype", default="float64", choices=DTYPE_NAMES)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--dot", metavar="FILE", help="write the graph of the tapes' ops (DOT)")
    parser.add_argument(
        "--all-ops",
        action="store_true",
        help="with --dot: keep bookkeeping ops (Const, Shape, ...)",
    )
    parser.add_argument("--check", metavar="ANSWER", help="check ANSWER as the derivative")
    parser.add_argument(
        "--wrt", metavar="X[,Y]", help="with --check: the variable(s), e.g. x or x,y (mixed)"
    )
    args = parser.parse_args(argv)
    if args.check is not None:
        return _check(args)
    if is_vector(args.function):
        return _vector(args, deadline)
    try:
        order = "2" if args.order is None else args.order
        explanation = explain(args.function, _point(args.at), order, args.dtype, deadline=deadline)
    except InputError as error:
        return _refused(error, args.json)
    if args.dot:
        _write_dot(explanation, args.dot, args.all_ops)
    if args.json:
        data = explanation.to_dict(steps_seconds=deadline.left())
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(as_table(explanation))
    return 0


if __name__ == "__main__":
    sys.exit(main(started=STARTED))
