"""English text of the lecture pages (keys shared with `zh.py`)."""

TEXT = {
    # shared by every lecture page
    "common.notes_say": "The notes say:",
    "common.truth": "What TensorFlow actually does:",
    "common.no_error": "No error: TensorFlow accepted it.",
    "common.raised": "TensorFlow raised **{type_name}**:",
    "common.raised_metric": "raised {type_name}",
    "common.previous": "Previous: {title}",
    "common.next": "Next: {title}",
    "present.toggle": "Presentation mode",
    "present.help": (
        "For a projector: larger type, the sidebar folded away, one section of a page at a "
        "time. Keys: ← and → (or PageUp and PageDown) move between sections. A link with "
        "`?present=1` opens in this mode."
    ),
    "present.previous": "Previous",
    "present.previous.help": "Previous section (← or PageUp)",
    "present.next": "Next",
    "present.next.help": "Next section (→ or PageDown)",
    "present.exit": "Leave presentation mode: the whole page, the sidebar back",
    "common.code": "The code that runs (change a widget and it runs again):",
    "common.output": "What it printed and returned:",
    "common.printed": "What it printed:",
    "common.no_output": "(nothing printed)",
    "common.how_it_runs": "How the page runs this code and reads its results",
    "common.download.note": (
        "Made by diffexplain. Run it with `python` (or in Jupyter): it prints what the page showed."
    ),
    "common.download.notebook": "This page's code as a notebook (.ipynb)",
    "common.download.script": "This page's code as a script (.py)",
    "common.yes": "yes",
    "common.no": "no",
    "common.col.name": "name",
    "common.col.kind": "class",
    "common.col.shape": "shape",
    "common.col.dtype": "dtype",
    "common.col.trainable": "trainable",
    "common.guide_says": "The guide says:",
    "common.docs_say": "TensorFlow's API docs say:",
    "common.col.what": "what",
    "common.col.tape": "the tape (float32)",
    "common.col.formula": "SymPy's derivative",
    "common.col.exact": "exact value",
    "common.col.verdict": "verdict",
    "common.agree": "✅ agree",
    "common.differ": "❌ differ",
    "common.verdict.none": "None: no recorded path",
    "quiz.header": "Quiz: predict what the tape returns",
    "quiz.explain": (
        "Decide before you open each answer: a number, `None`, or an error? The answer is not "
        "written down anywhere: opening it runs the snippet, here and now."
    ),
    "quiz.reveal": "Show the answer",
    "quiz.returned": "The snippet returns",
    # 01 constant and Variable
    "constvar.intro": (
        "TensorFlow keeps numbers in two kinds of containers. A **`tf.constant`** is a tensor "
        "whose value is fixed when it is made: you compute *new* tensors from it, you never "
        "change it. A **`tf.Variable`** is a box that holds a tensor and can be overwritten in "
        "place. Model weights live in Variables, and a `GradientTape` follows (floating-point, "
        "trainable) Variables without being asked."
    ),
    "constvar.create.header": "Same numbers, two containers",
    "constvar.create.values": "Write the numbers as",
    "constvar.create.explain": (
        "The literal decides the dtype: `1.0` makes float32, `1` makes int32. `print` shows a "
        "constant as `tf.Tensor(…)` and a Variable as `<tf.Variable …>`."
    ),
    "constvar.create.dtype": "dtype",
    "constvar.create.trainable": "v.trainable",
    "constvar.create.gradient": "gradient of sum(v²)",
    "constvar.int.notes": (
        "`v = tf.Variable([1, 2, 3])` is the example of a (trainable) Variable, followed by "
        "`v.assign([4, 5, 6])`."
    ),
    "constvar.int.truth": (
        "written without decimal points, those numbers make an **int32** Variable. Its "
        "`trainable` flag still says `True` and `assign` works on it, but a tape never "
        "differentiates integers: the gradient is `None`. Write `[1.0, 2.0, 3.0]` (or pass "
        "`dtype=tf.float32`) for a Variable you want to train. Switch the choice above to see "
        "both."
    ),
    "constvar.change.header": "Trying to change a constant",
    "constvar.change.value": "New value for the top-left corner",
    "constvar.change.explain": (
        "Each attempt really runs; the text under it is the exception TensorFlow raised, "
        "caught and shown."
    ),
    "constvar.change.item": "`c[0][0] = …`, as in the notes",
    "constvar.change.tuple": "`c[0, 0] = …`, NumPy style",
    "constvar.change.assign": "`c.assign(…)`",
    "constvar.change.rebuilt": (
        "What works: make a new tensor. `tf.tensor_scatter_nd_update` returned `{rebuilt}`, "
        "and `c` is still `{unchanged}`."
    ),
    "constvar.autodiff.header": "Does a tape differentiate a constant?",
    "constvar.autodiff.notes": (
        "the comparison table ticks “supports automatic differentiation” for `tf.constant`, "
        "just as for `tf.Variable`."
    ),
    "constvar.autodiff.truth": (
        "a tape differentiates a constant only if it was told to watch it. Without "
        "`tape.watch(x)` the gradient of x² is `None`; with it, 6.0 at x = 3. (More on page 5.)"
    ),
    "constvar.autodiff.without": "constant, no watch",
    "constvar.autodiff.with": "constant, tape.watch(x)",
    "constvar.scene.header": "The notes' typical scene",
    "constvar.scene.explain": (
        "Settings such as the learning rate stay constants; weights and biases are Variables, "
        "so an optimizer can change them and a tape can differentiate with respect to them."
    ),
    "constvar.scene.inputs": "inputs",
    "constvar.scene.outputs": "outputs",
    # 02 assign
    "assign.intro": (
        "A Variable is changed **in place** by three methods: `.assign(new)` replaces its "
        "value, `.assign_add(d)` adds `d`, `.assign_sub(d)` subtracts `d`. It stays the same "
        "object (an optimizer keeps a reference to it); only what it holds changes. Only "
        "`tf.Variable` has these methods: on a constant they raise `AttributeError` (page 1)."
    ),
    "assign.update.header": "The three methods",
    "assign.update.method": "Method",
    "assign.update.operand": "Value passed to the method",
    "assign.update.before": "before",
    "assign.update.after": "after",
    "assign.returns.header": "What the methods return",
    "assign.returns.explain": (
        "The notes use the methods for their effect and never look at what they return. In a "
        "notebook, though, a cell ending in `v.assign_add(…)` shows "
        "`<tf.Variable 'UnreadVariable' …>`: not `v`, not a new Variable to keep and not a "
        "copy, but a variable-like view of `v` whose value follows `v`. Keep using `v`. With "
        "`read_value=False` the methods return `None`."
    ),
    "assign.returns.follows": "returned, after v.assign(zeros)",
    "assign.accept.header": "Which new values are accepted?",
    "assign.accept.explain": (
        "Pick a method, a Variable and a new value: the combination runs, and you see the new "
        "contents or TensorFlow's exception."
    ),
    "assign.accept.variable": "The Variable",
    "assign.accept.new": "The new value",
    "assign.new.python_ints": "[4, 5, 6]: Python ints",
    "assign.new.python_floats": "[4.5, 5.5, 6.5]: Python floats",
    "assign.new.too_short": "[4, 5]: too short",
    "assign.new.scalar": "10: a scalar",
    "assign.new.int32_tensor": "an int32 tensor",
    "assign.new.float64_tensor": "a float64 tensor",
    "assign.accept.after": "v afterwards",
    "assign.shape.notes": "the new value must have the Variable's shape, otherwise it is an error.",
    "assign.shape.truth": (
        "right, and there is more. **No broadcasting**, not even from a scalar: `10` into a "
        "3-vector is a shape error. **The dtype must fit too**: a Python list is converted "
        "(`tf.Variable([1.0, 2.0, 3.0]).assign([4, 5, 6])` gives `[4.0, 5.0, 6.0]`), but a "
        "tensor of another dtype is refused (`ValueError`), and floats never go into an int32 "
        "Variable (`TypeError`). One exception to the shape rule: a Variable created with "
        "`shape=tf.TensorShape(None)` may change shape."
    ),
    "assign.gradient.header": "Does a gradient flow through assign?",
    "assign.gradient.notes": (
        "the table marks `.assign()`, `.assign_add()` and `.assign_sub()` as “supports "
        "gradient propagation ✅”, and says they back-propagate normally inside "
        "`tf.GradientTape()`."
    ),
    "assign.gradient.truth": (
        "assignment is not differentiable. After `w.assign(3 * u)` the tape treats `w` as an "
        "input holding a new value, not as a function of `u`: **dy/du is None** although y = "
        "9u², while the same math without assign gives 18u. dy/dw is taken at w's new value. "
        "Use assign to *apply* a gradient (outside the tape), not inside the computation you "
        "differentiate."
    ),
    "assign.gradient.u": "u",
    "assign.gradient.through": "dy/du through w.assign(3u)",
    "assign.gradient.without": "dy/du with w = 3u (no assign)",
    "assign.gradient.dw": "dy/dw after the assign",
    "assign.step.header": "Where assign belongs: one step of gradient descent",
    "assign.step.explain": (
        "The notes' training step: the tape gives d(loss)/dW, then `W.assign_sub(lr * grad)` "
        "moves W downhill, outside the tape. From W = 5 with a learning rate of 0.1 the "
        "gradient is 4.0 and W becomes 4.6."
    ),
    "assign.step.w": "Starting W",
    "assign.step.lr": "Learning rate",
    "assign.step.loss": "loss",
    "assign.step.gradient": "d(loss)/dW",
    # 03 GradientTape basics
    "tape.intro": (
        "`tf.GradientTape` works like a recorder. Inside `with tf.GradientTape() as tape:` "
        "TensorFlow notes every operation applied to the tensors the tape watches (trainable "
        "Variables are watched by themselves). Afterwards `tape.gradient(target, source)` plays "
        "the recording backwards, applying the chain rule one operation at a time, and returns "
        "d target / d source at the values that were used. You need it whenever you write your "
        "own training loop."
    ),
    "tape.steps": (
        "Three steps: **1.** open the tape; **2.** compute the forward pass inside it; **3.** "
        "after the block, ask for the gradient."
    ),
    "tape.basic.header": "y = x², so dy/dx = 2x",
    "tape.basic.x": "x",
    "tape.basic.y": "y",
    "tape.basic.dy_dx": "dy/dx",
    "tape.print.notes": (
        "the first example ends with `print(dy_dx.numpy())` and gives its output as "
        "`tf.Tensor(6.0, shape=(), dtype=float32)`."
    ),
    "tape.print.truth": (
        "`.numpy()` turns the tensor into a NumPy number, so that line prints just "
        "**{printed_numpy}**. The `tf.Tensor(…)` form is what `print(dy_dx)` shows, without "
        "`.numpy()`. Both, live:"
    ),
    "tape.scalar.header": "A target that is not a scalar",
    "tape.scalar.notes": "the target of `tape.gradient(target, sources)` must be a scalar.",
    "tape.scalar.truth": (
        "a scalar (a loss) is the usual case, not a requirement. For a vector target the tape "
        "returns the gradient of the **sum** of its entries, so `tape.gradient(v * v, v)` "
        "equals `tape.gradient(tf.reduce_sum(v * v), v)`. For one gradient per entry use "
        "`tape.jacobian`."
    ),
    "tape.scalar.y": "y = v * v",
    "tape.scalar.of_vector": "gradient of y",
    "tape.scalar.of_sum": "gradient of sum(y)",
    # 04 persistent
    "persistent.intro": (
        "An ordinary tape is single-use: its first `tape.gradient` call releases what it "
        "recorded, and a second call raises an error. `tf.GradientTape(persistent=True)` keeps "
        "the recording as long as the tape object lives, so one forward pass can answer "
        "several questions."
    ),
    "persistent.twice.header": "Two questions, one tape: y = x², z = 2y",
    "persistent.twice.persistent": "persistent=True",
    "persistent.twice.x": "x",
    "persistent.twice.dy_dx": "dy/dx = 2x",
    "persistent.twice.dz_dx": "dz/dx = 4x",
    "persistent.twice.explain": (
        "Switch `persistent` off: the first answer still comes, the second call raises a "
        "`RuntimeError` (the code catches it and prints it, beside the code)."
    ),
    "persistent.partials.header": "z = x² + y²: two partial derivatives",
    "persistent.partials.one_call": "one call: tape.gradient(z, [x, y])",
    "persistent.partials.dz_dx": "∂z/∂x = 2x",
    "persistent.partials.dz_dy": "∂z/∂y = 2y",
    "persistent.partials.notes": (
        "without `persistent=True`, asking for ∂z/∂y after ∂z/∂x is an error."
    ),
    "persistent.partials.truth": (
        "true for a *second call*. One call can take a list of sources, though: "
        "`tape.gradient(z, [x, y])` returns both partials, 8.0 and 6.0 at (4, 3), from an "
        "ordinary tape. `persistent=True` is for several calls (for example several targets), "
        "not for several sources."
    ),
    "persistent.del.header": "What `del tape` does",
    "persistent.del.notes": (
        "after using a persistent tape you must delete it by hand, `del tape`, to free its "
        "resources (“important!”)."
    ),
    "persistent.del.truth": (
        "`del tape` deletes a *name*, not the tape. Python frees the tape, and the "
        "intermediate tensors it keeps, when the last reference to it goes: `del` does that "
        "only if nothing else refers to it, and a tape made inside a function goes by itself "
        "when the function returns. So `del tape` helps where the name would otherwise live "
        "on: in a notebook, at module level, or in a function that does more heavy work after "
        "its gradients (there it frees the tape at that line, not at the return). As the last "
        "line of a function it changes nothing. Gradients computed earlier stay valid."
    ),
    "persistent.del.keep_alias": "keep another reference: others = [tape]",
    "persistent.del.dy_dx": "dy/dx, computed before del",
    "persistent.del.alive": "tape alive after del?",
    "persistent.del.alive_later": "alive after others.clear()?",
    "persistent.del.function.header": "A tape made inside a function",
    "persistent.del.function": (
        "A tape made inside a function without `del`: still alive after the function returns? "
        "**{answer}**."
    ),
    # 05 watch
    "watch.intro": (
        "A tape does not record everything: it follows *watched* tensors. A trainable "
        "`tf.Variable` is watched automatically the moment it is read inside the tape. "
        "Anything else (a `tf.constant`, the result of an earlier computation, a Variable made "
        "with `trainable=False`) has to be named with `tape.watch(x)`. Operations on unwatched "
        "tensors leave no trace, and their gradient comes back as `None`."
    ),
    "watch.demo.header": "Watched or not: y = x²",
    "watch.kind": "x is a",
    "watch.kind.constant": "tf.constant",
    "watch.kind.variable": "tf.Variable",
    "watch.kind.frozen_variable": "tf.Variable(trainable=False)",
    "watch.dtype": "dtype",
    "watch.watch": "tape.watch(x)",
    "watch.accessed": "watch_accessed_variables=True",
    "watch.x": "x",
    "watch.gradient": "dy/dx",
    "watch.watched": "tape.watched_variables()",
    "watch.followed": "The tape followed x: dy/dx = 2x.",
    "watch.none.integer": (
        "`None`: x is an integer. Tapes differentiate floating-point (and complex) tensors "
        "only; watching an integer just logs the warning “The dtype of the watched tensor must "
        "be floating”."
    ),
    "watch.none.unwatched": (
        "`None`: nobody watched x. A constant needs `tape.watch(x)`; so does a Variable with "
        "`trainable=False`, or any Variable when `watch_accessed_variables=False`."
    ),
    "watch.records.header": "What a tape follows by itself",
    "watch.records.notes": (
        "the tape records the steps “involving trainable variables (`tf.Variable`)” and "
        "“automatically monitors all `tf.Variable`s”."
    ),
    "watch.records.truth": (
        "it records operations on any *watched* tensor: a watched constant is differentiated "
        "just like a Variable. And not every Variable is watched by itself: one made with "
        "`trainable=False` is skipped unless you watch it, and "
        "`GradientTape(watch_accessed_variables=False)` watches only what you name. All three "
        "kinds, float32, x = 3, live:"
    ),
    "watch.table.kind": "x is a",
    "watch.table.watch": "tape.watch(x)",
    "watch.table.gradient": "dy/dx",
    "watch.table.watched": "watched_variables()",
    "watch.int.note": (
        "An int32 Variable appears in `tape.watched_variables()`, yet its gradient is `None`: "
        "being watched does not make integers differentiable."
    ),
    # 06 None gradients
    "none.intro": (
        "`tape.gradient` returns `None` instead of a number when, as far as the tape knows, "
        "the target does not depend on the source: no recorded path leads from one to the "
        "other. It is not an error, which is what makes it confusing: the `None` only bites "
        "later, for example as `TypeError: unsupported operand type(s) for *: 'float' and "
        "'NoneType'` in an update step. First the notes' four cases, each beside its repair; "
        "then a sandbox."
    ),
    "none.cases.header": "The notes' four cases",
    "none.as_written": "as the notes describe it",
    "none.repaired": "repaired",
    "none.case.no_path.title": "1 · No path from the source to the target",
    "none.case.no_path.repair": (
        "If y really does not depend on x, the derivative is 0: ask for that with "
        "`unconnected_gradients=tf.UnconnectedGradients.ZERO`."
    ),
    "none.case.integer.title": "2 · An integer Variable",
    "none.case.integer.repair": "Make the Variable a float: `tf.Variable(3.0)`.",
    "none.case.numpy.title": "3 · A detour through NumPy",
    "none.case.numpy.repair": (
        "Stay in TensorFlow: `tf.square(x)` instead of `np.square(x.numpy())`."
    ),
    "none.case.numpy.mistake": (
        "The more common slip is `np.square(x)` on the Variable itself, inside the tape. NumPy "
        "turns x into an array and returns a `{y_type}`, not a tensor, so the tape has nothing "
        "to look up: `tape.gradient` does not return `None` here, it raises an error."
    ),
    "none.case.numpy.mistake.title": "3 · np.square(x) inside the tape",
    "none.case.outside.title": "4 · Computed outside the tape",
    "none.case.outside.repair": "Compute the target inside the `with` block, like `y2`.",
    "none.outside.notes": (
        "the fourth cause is a variable “created or computed outside the `with tape` block”."
    ),
    "none.outside.truth": (
        "only *computing* outside matters. Creating the Variable outside the tape is the "
        "normal way, as the notes' own example does: `y2 = x + 1`, computed inside, has "
        "gradient **{repaired}** although x was created outside. (The notes then ask one "
        "tape twice; unless it is `persistent=True`, the second call raises `RuntimeError`, "
        "hence `persistent=True` in the code above.)"
    ),
    "none.sandbox.header": "Sandbox: break it yourself",
    "none.sandbox.explain": (
        "All switches off is the healthy case, y = x · x at x = 3, gradient 6.0. Each switch "
        "adds, changes or moves a line of the code below; combine them: the code shown is the "
        "code that runs, and what it printed sits beside it."
    ),
    "none.switch.constant": "x = tf.constant(…), not tf.Variable",
    "none.switch.watch": "tape.watch(x)",
    "none.switch.integer": "int32 instead of float32",
    "none.switch.replace_with_tensor": "x = x + 1 before the tape",
    "none.switch.numpy_detour": "y through NumPy: x.numpy()",
    "none.switch.outside_tape": "compute y before the tape",
    "none.switch.assign_add_inside": "x.assign_add(1) inside the tape",
    "none.switch.stop_gradient": "y = tf.stop_gradient(y)",
    "none.switch.stop_recording": "y inside tape.stop_recording()",
    "none.switch.zero_if_unconnected": "unconnected_gradients=ZERO",
    "none.sandbox.result": "tape.gradient(y, x)",
    "none.sandbox.healthy": "No cause applies: the path from x to y is recorded.",
    "none.sandbox.causes": "Why there is no gradient:",
    "none.sandbox.notes": "Also worth knowing:",
    "none.cause.integer": (
        "**Integer dtype.** x is int32; tapes never differentiate integers, watched or not."
    ),
    "none.cause.replaced_by_tensor": (
        "**The Variable was replaced by a Tensor.** `x = x + 1`, outside the tape, made the "
        "name `x` point to a new plain Tensor, which nobody watches. (A classic in training "
        "loops: write `x.assign_add(1)` to change a Variable.)"
    ),
    "none.cause.constant_not_watched": (
        "**A constant nobody watched.** Only Variables are watched automatically; call "
        "`tape.watch(x)`."
    ),
    "none.cause.numpy_detour": (
        "**A NumPy detour.** `x.numpy()` leaves TensorFlow; the result comes back as a new "
        "constant with no recorded link to x."
    ),
    "none.cause.outside_tape": (
        "**Computed outside the tape.** y was computed before the tape started recording."
    ),
    "none.cause.stop_recording": (
        "**Recording paused.** Inside `tape.stop_recording()` nothing is recorded."
    ),
    "none.cause.stop_gradient": (
        "**`tf.stop_gradient`.** Its output counts as a constant for differentiation: the path "
        "is cut on purpose."
    ),
    "none.note.no_assign_on_tensor": (
        "`assign_add` exists only on `tf.Variable`: on a constant or a plain Tensor it raises "
        "`AttributeError`, so no gradient is computed at all."
    ),
    "none.note.assign_moves_value": (
        "`assign_add` is not an error and not a cause of `None`: the tape does not "
        "differentiate the assignment itself, it reads x's *new* value ({moved}), so the "
        "gradient is 2 · {moved} = {gradient}, not 2 · {at}."
    ),
    "none.note.assign_not_a_cause": (
        "`assign_add` is not an error and not a cause of `None`: the tape reads x's *new* value "
        "({moved}) and would differentiate y at it. The `None` comes from the causes above."
    ),
    "none.note.gradient_for_the_new_tensor": (
        "Watching after `x = x + 1` gives a gradient with respect to the *new tensor* x + 1 "
        "({moved}): 2 · {moved} = {gradient}, not a gradient with respect to the x it was "
        "computed from."
    ),
    "none.note.watch_on_variable_is_harmless": (
        "`tape.watch` on a Variable is harmless: it is watched anyway."
    ),
    "none.note.zero_instead_of_none": (
        "With `unconnected_gradients=ZERO` the same missing path gives 0 instead of `None`: "
        "handy for an optimizer, but it hides the causes above."
    ),
    # 07 higher order
    "higher.intro": (
        "A gradient computed while an outer tape is recording is itself a recorded "
        "computation, so the outer tape can differentiate it again. Two nested tapes give the "
        "second derivative; more tapes give higher orders. SymPy's exact derivatives sit "
        "beside the tapes' numbers."
    ),
    "higher.nested.header": "Nested tapes: y = x³",
    "higher.sympy.code": "The same derivatives with SymPy",
    "higher.x": "x",
    "higher.inside": "compute dy_dx inside the outer tape (as the notes do)",
    "higher.tape.header": "Nested tapes (TensorFlow, float32)",
    "higher.sympy.header": "Exact derivatives (SymPy)",
    "higher.dy_dx": "dy/dx",
    "higher.d2y_dx2": "d²y/dx²",
    "higher.agree": "Tapes and SymPy agree at x = {x}: {first} and {second}.",
    "higher.differ": "Tapes and SymPy differ at x = {x}.",
    "higher.outside": (
        "`dy_dx` was computed after the outer tape `t1` stopped recording, so `t1` has no path "
        "to it and the second derivative is `None`. The indentation of that one line matters."
    ),
    "higher.nesting.notes": (
        "tapes “can be nested” to compute second derivatives; the example calls `t0.gradient` "
        "inside the outer `with` block without a word about it."
    ),
    "higher.nesting.truth": (
        "nesting the `with` statements is not enough: what the outer tape needs is to *record* "
        "the inner gradient. `t0.gradient(y, x)` must run while `t1` is still recording, "
        "inside its block. Called after that block, `dy_dx` is still {first} but "
        "`t1.gradient(dy_dx, x)` is `None`. Switch the toggle above to see it."
    ),
    "higher.misplaced": "d²y/dx² with t0.gradient after t1's block",
    "higher.line.header": "A second derivative of 0 comes back as None",
    "higher.line.explain": (
        "For y = 3x, dy/dx = 3 whatever x is. The outer tape does record the inner gradient, "
        "but none of its operations reads x, so `t1.gradient` finds no path to x and returns "
        "`None`, not 0. When you mean 0, ask for it: "
        "`unconnected_gradients=tf.UnconnectedGradients.ZERO`."
    ),
    "higher.line.dy_dx": "y = 3x: dy/dx",
    "higher.line.d2y_dx2": "y = 3x: d²y/dx²",
    "higher.line.zero": "d²y/dx² with ZERO",
    "higher.link": "Open this example on the main page: [x³ at x = {x}, order 2]({url})",
    # 09 summary
    "summary.intro": (
        "The notes' quick reference, plus the question students ask most. Each row names the "
        "calls, links to its page, and uses them in a short program: the box on its right is "
        "what that program printed, run live."
    ),
    "summary.row.constvar": "constant or Variable",
    "summary.row.assign": "change a Variable in place",
    "summary.row.record": "start recording",
    "summary.row.gradient": "compute gradients",
    "summary.row.watch": "watch a tensor",
    "summary.row.persistent": "several gradient calls",
    "summary.row.higher": "higher-order derivatives",
    "summary.row.none": "what is None, and why",
    "summary.none.how": (
        "no recorded path: x unused, integer dtype, NumPy detour, computed outside the tape, "
        "constant not watched, stop_gradient"
    ),
    "summary.open": "open",
    # main page (pages/00_explain.py) and the shared result display (diffexplain/ui/display.py)
    "main.caption": (
        "Type a function. SymPy derives it exactly; TensorFlow's nested `GradientTape`s compute "
        "the same derivatives at a point; the table shows whether they agree."
    ),
    "main.function": "Function",
    "main.function.help": (
        "Operators + − * / ^, implicit products (2x, x(1−x)), functions sin cos tan exp log sqrt "
        "abs tanh sigmoid relu …, constants pi and e. Without brackets a function takes the "
        "product after it: sin 2x is sin(2x), e^2x is e^(2x). A list in square brackets, "
        "[x*y, sin(x)], is a vector-valued function: you get its Jacobian matrix. Press Enter "
        "to update."
    ),
    "main.examples": "Examples",
    "main.examples.placeholder": "Pick an example…",
    "main.order": "Order",
    "main.differentiating": "SymPy is differentiating…",
    "main.loading_tf": "Loading TensorFlow (once per server, about 5 s)…",
    "main.defaulted": "No value given for {names}: evaluated at 1.0.",
    "main.exact.header": "Exact derivatives (SymPy)",
    "main.exact.raw": "{name} as `diff` gives it, before simplifying",
    "main.agreement.header": "Agreement: nested GradientTapes ({dtype}) vs exact",
    "main.graph.header": "What the tapes recorded",
    "main.verdict.agree": (
        "All {rows} values agree within {dtype} rounding "
        "(|autodiff − exact| ≤ {absolute} + {relative}·|exact|)."
    ),
    "main.verdict.differ": (
        "{count} of {rows} values differ: {names}. The notes under the table say why."
    ),
    "main.verdict.unknown": (
        "{count} of {rows} exact values are unknown: {names}. Not one of their digits could be "
        "made certain in time, so the tape is not judged there; the notes under the table say why."
    ),
    "main.exact.unknown": "unknown",
    "vector.first_order": (
        "A list of functions is differentiated once: its first derivatives make the Jacobian "
        "matrix, so the order ({order}) does not apply here."
    ),
    "vector.exact.header": "Exact Jacobian (SymPy's jacobian)",
    "vector.tape.header": "The tape's Jacobian (tape.jacobian, {dtype})",
    "vector.tape.explain": (
        "The components are stacked into one tensor `y = tf.stack([f1, …])` and the variables "
        "into `x`; `tape.jacobian(y, x)` runs one backward pass per component of `y`, each "
        "giving one row of the matrix ∂fᵢ/∂xⱼ (TensorFlow vectorizes the passes with `pfor`, so "
        "they run as one batch). `tape.gradient(y, x)` would give only the column sums."
    ),
    "vector.agreement.header": "Agreement: tape.jacobian ({dtype}) vs exact, entry by entry",
    "vector.col.formula": "exact formula",
    "vector.col.note": "note",
    "main.col.exact": "exact (SymPy)",
    "main.col.autodiff": "autodiff (tape)",
    "main.col.rel_error": "rel. error",
    "main.col.agree": "agree",
    "main.graph.every_op": "Show every op",
    "main.graph.every_op.help": "Also show bookkeeping ops (Const, Shape, Reshape, …)",
    "main.graph.step": "Step through the ops in the order TensorFlow ran them",
    "main.graph.too_big": (
        "{count} ops are too many to draw readably (limit {limit}): lower the order or try a "
        "smaller function. The totals below still hold."
    ),
    "main.graph.hint": (
        "Scroll inside the box to move around the graph and zoom with the slider above it, or use "
        "its full-screen button to see it whole; hover a node for the full rule."
    ),
    "main.graph.current": "op {id}: {op} in the {stage}",
    "main.graph.download": "Download the graph (DOT)",
    "main.graph.forward": "forward: {count} ops",
    "main.graph.tape": "tape t{tape} backward: {count} ops",
    "main.graph.bookkeeping": "(bookkeeping ops included)",
    "main.graph.none": "No graph was recorded.",
    # why the graph is missing or shows fewer tapes than the order (budget.MAX_GRAPH_OPS)
    "graph.too_big": (
        "All {order} tapes would make a graph of about {ops} ops, too many to record in time (at "
        "most {limit}): shown are the forward pass and tapes t0 to t{last} ({count} ops). The "
        "table above has every order."
    ),
    "graph.none_fits": (
        "The tapes would make a graph of about {ops} ops, too many to record in time (at most "
        "{limit}) even for the innermost tape t0 alone. The table above has every order."
    ),
    "graph.time": (
        "The server was too busy to record the graph within {seconds} s; the table above has "
        "every value. Reload the page to try again."
    ),
    "graph.failed": "The graph could not be recorded ({error}).",
    "main.graph.op": "op {id}",
    "main.graph.legend": "Colours:",
    "main.graph.wide": "Across the page",
    "main.graph.wide.help": (
        "Show the graph across the whole width of the page, with the steps below it; off, it "
        "sits beside the steps."
    ),
    "main.graph.zoom": "Zoom",
    "main.graph.zoom.help": (
        "At 100 % the labels are at reading size; scroll inside the graph's box to move around it."
    ),
    "main.graph.alt": (
        "Graph of the ops the tapes recorded: one box per op with its value and rule, an arrow "
        "from each input of an op to it."
    ),
    # the graph's stages and its rules in words (diffexplain/figures/draw.py reads these)
    "graph.stage.inputs": "inputs",
    "graph.stage.forward": "forward pass",
    "graph.stage.tape": "tape t{tape} backward (order {order})",
    "graph.rule.general_power": "general power rule",
    "graph.rule.paths_add_up": "gradients arriving by different paths add up",
    "graph.rule.seed": "the seed: ∂out/∂out = 1",
    "graph.rule.none_as_zero": "a None gradient, as 0",
    "graph.rule.none_returned": "tape.gradient returned None: 0",
    "graph.rule.add_n": "sum rule: each term gets the upstream gradient",
    "graph.rule.constant": "a constant: derivative 0",
    "graph.rule.flat_step": "the step is flat: 0 (away from 0)",
    "main.url.order": "The link's order {value} is not a whole number from 1 to {max}: using 2.",
    "main.url.dtype": "The link's dtype {value} is not float32 or float64: using float64.",
    "main.try_again": "Try again",
    "main.error.internal": (
        "Something went wrong on our side while computing this. The error has been logged; try "
        "another function or reload the page."
    ),
    # step-by-step derivations tied to the tape, and input read two ways (issue 10)
    "steps.header": "Step by step, tied to the tape",
    "steps.intro": (
        "Each derivative one rule at a time. The first derivatives follow the order the tape's "
        "ops compute f: each step names the ops of the backward pass (tape t0, the innermost) "
        "that carry its rule out; choose a step below to light them up in the graph. A higher "
        "derivative differentiates the formula of the one before it, as the page shows it."
    ),
    "steps.values_not_formulas": (
        "The tape never writes a formula. It runs f's ops on the numbers of your point, and "
        "for each op it applies that op's rule to the numbers it recorded: what comes out is the "
        "derivative's *value at this point*. The formulas on this page (the table, the steps "
        "below) are SymPy's; the steps of the first derivatives put each of SymPy's rules beside "
        "the tape ops that apply the same rule to numbers."
    ),
    "steps.working": "Working out the steps…",
    "steps.no_graph": "No graph was recorded, so the steps cannot name the tape's ops.",
    "steps.timeout": (
        "The steps took too long to work out for this function; the derivatives above still hold."
    ),
    "steps.cut_short": (
        "This run had no time left to work out the steps; the next run (change anything, or "
        "reload) tries again."
    ),
    "steps.check.symbolic": (
        "✅ Checked: the last step equals SymPy's `diff` exactly (the difference simplifies to 0)."
    ),
    "steps.check.numeric": (
        "✅ Checked numerically: the last step equals SymPy's `diff` at {points} random points "
        "(SymPy could not simplify the difference to 0 in time)."
    ),
    "steps.check.none": "⚠️ Could not confirm that the last step equals SymPy's `diff`.",
    "steps.value": "At {point} the steps give {value}; the tape gave {tape}.",
    "steps.too_many": "{shown} of {count} steps shown; the list below has them all.",
    "steps.ops": "tape ops: {ops}",
    "steps.ops.none": "no op of the tape: a constant or the variable itself needs none",
    "steps.select": "Highlight a step's ops in the graph",
    "steps.select.placeholder": "Choose a step…",
    "steps.node": "Which step does a backward op carry out?",
    "steps.node.placeholder": "Choose an op of tape t0…",
    "steps.node.option": "op {id}: {op}",
    "steps.node.step": "op {id} ({op}) carries out the {rule}:",
    "steps.node.no_step": "op {id} ({op}) belongs to no single step: {rule}",
    "steps.rule.constant": "constant rule",
    "steps.rule.variable": "the variable itself",
    "steps.rule.sum": "sum rule",
    "steps.rule.difference": "difference rule",
    "steps.rule.negation": "constant multiple (a minus sign)",
    "steps.rule.constant_multiple": "constant multiple rule",
    "steps.rule.product": "product rule",
    "steps.rule.quotient": "quotient rule",
    "steps.rule.power": "power rule",
    "steps.rule.sqrt": "square root",
    "steps.rule.exponential": "exponential rule",
    "steps.rule.log_differentiation": "logarithmic differentiation",
    "steps.rule.chain": "chain rule",
    "steps.rule.function": "derivative of {function}",
    "steps.reading.function_power": (
        "**{fragment}**: a function without brackets takes the power along, so we read sin x^2 "
        "as sin(x²). For the power of the function write **{suggestion}**."
    ),
    "steps.reading.function_product": (
        "**{fragment}**: a function without brackets takes the whole product after it, as on "
        "most calculators, and so does a power of e or of a number: we read sin 2x as sin(2x) "
        "and e^2x as e^(2x). For the first factor alone write **{suggestion}**."
    ),
    "steps.reading.argument_ends": (
        "**{fragment}**: without brackets, a function's argument (or the exponent of e or of a "
        "number) ends at *, / or a bracket: we read sin x / 2 as sin(x)/2 and e^x(x+1) as "
        "eˣ·(x+1). To take it all inside write **{suggestion}**."
    ),
    "steps.reading.power_product": (
        "**{fragment}**: a power of a variable or of a bracket takes only the next factor, so we "
        "read x^2y as x²·y (while e^2x is e^(2x)). For the power of the whole product write "
        "**{suggestion}**."
    ),
    "steps.reading.fraction": (
        "**{fragment}**: / and implicit products go left to right, so we read 2/3x as (2/3)·x. "
        "To divide by the whole product write **{suggestion}**."
    ),
    "steps.reading.product_not_call": (
        "**{fragment}**: a letter before brackets multiplies them (x(x+1) is x·(x+1)); only "
        "named functions such as sin or exp are applied to brackets, and f(x), g(x) are refused."
    ),
    "steps.reading.euler": (
        "**{fragment}**: e is Euler's number (2.71828…), so e^x is the exponential function. "
        "For a variable, use another letter."
    ),
    "steps.reading.negative_power": (
        "**{fragment}**: the power binds tighter than the minus sign, so we read -x^2 as −(x²). "
        "For the power of −x write **{suggestion}**."
    ),
    "steps.reading.power_tower": (
        "**{fragment}**: powers group from the right, so we read x^2^3 as x^(2^3). For (x²)³ "
        "write **{suggestion}**."
    ),
    "steps.reading.digit_name": (
        "**{fragment}**: letters followed by digits make one variable (x3 is a variable of its "
        "own, shown as x₃). For x times 3 write **{suggestion}**; for x³ write x^3."
    ),
    "steps.reading.other": "The other reading: ${latex}$",
    "steps.which": "Steps of",
    "steps.differentiates": (
        "{name} is the derivative of {parent} with respect to {wrt}: these steps differentiate "
        "{parent} as the page shows it:"
    ),
    "steps.untied": (
        "These steps name no op of the tape. They differentiate the formula of {parent}; the "
        "tape never does: tape {tape} differentiates the backward ops that the tapes inside it "
        "({inner}) recorded while they computed the *value* of {parent} at your point. Those ops "
        "are not the formula's operations, so they cannot be matched to these steps one to one."
    ),
    "steps.refused.size": (
        "No steps for {name} (order {order}): they would take more than {limit} steps, too many "
        "to follow one rule at a time. The table above has its value."
    ),
    "steps.refused.time": (
        "No steps for {name} (order {order}): there was no time left to work them out. The "
        "table above has its value."
    ),
    "steps.refused.rule": (
        "No steps for {name}: the formula it differentiates uses {function}, which has no rule "
        "here (it is what differentiating |u| or relu leaves: constant away from 0, with no "
        "derivative at 0). The table above has its value."
    ),
    # 08 training loop
    "train.intro": (
        "The notes end by training a linear regression y = W·x + b with `tf.GradientTape`. Here "
        "the same loop runs epoch by epoch. At every epoch the tape's gradient is checked against "
        "SymPy's exact one, and SymPy also solves for the exact least-squares answer, so you can "
        "see how far gradient descent has really got. Every setting is a widget: no code is typed."
    ),
    "train.loop.header": "The notes' loop, with your settings",
    "train.data": "Data set",
    "train.data.notes17": "17 points, manual assign_sub (notes 2)",
    "train.data.notes3": "3 points on y = 2x + 1, SGD optimizer (notes 1)",
    "train.update": "Update step",
    "train.update.assign_sub": "W.assign_sub(lr * dW)",
    "train.update.optimizer": "optimizer.apply_gradients",
    "train.lr": "Learning rate",
    "train.epochs": "Epochs",
    "train.start": "Initial W",
    "train.start.random": "tf.random.normal([1]), seeded",
    "train.start.value": "a value of my choice",
    "train.seed": "Random seed",
    "train.w0": "W at the start",
    "train.b0": "b at the start",
    "train.running": "Training {epochs} epochs…",
    "train.button.restart": "Start over (epoch 0)",
    "train.button.one": "One epoch",
    "train.button.all": "Run {epochs} more epochs",
    "train.epoch": "epoch",
    "train.loss": "loss (MSE)",
    "train.exact_help": "exact least squares: {value}",
    "train.verdict.not_started": (
        "Epoch 0: W = {w}, b = {b}, loss {loss}. Press **One epoch** to take the first step."
    ),
    "train.verdict.converged": (
        "After {epochs} epochs gradient descent has arrived: W = {w}, b = {b} is within 1 % of "
        "the exact least-squares answer W = {w_exact}, b = {b_exact} (loss {loss}, smallest "
        "possible {loss_exact})."
    ),
    "train.verdict.close": (
        "After {epochs} epochs gradient descent is close, but not there yet: W = {w}, b = {b} "
        "(loss {loss}) against the exact W = {w_exact}, b = {b_exact} (loss {loss_exact})."
    ),
    "train.verdict.far": (
        "After {epochs} epochs gradient descent is **far from converged**: it is at W = {w}, "
        "b = {b} (loss {loss}), while the exact least-squares line is W = {w_exact}, "
        "b = {b_exact} (loss {loss_exact})."
    ),
    "train.verdict.diverged": (
        "Diverged: at learning rate {lr} each step overshoots the minimum by more than it "
        "corrects, so W and b swing farther out every epoch (now W = {w}, b = {b}, loss {loss}). "
        "On this loss gradient descent is stable only below 2/λ_max = {largest_rate}."
    ),
    "train.why_slow": (
        "Why so slow? The loss is a long, narrow valley, {ratio} times more curved across than "
        "along (the two eigenvalues of its Hessian). A learning rate must stay below "
        "{largest_rate} for the steep direction, and at lr = {lr} each epoch removes only "
        "{shrink} % of the remaining distance along the flat one: about {needed} epochs to get "
        "within 1 %."
    ),
    "train.plot.no_loss": "No epoch yet: the loss curve starts with the first epoch.",
    "train.plot.caption": (
        "The figures: the data with the line after the epochs so far (red) and the exact "
        "least-squares line (dashed); the loss at the start of each epoch and its exact minimum "
        "(dashed); and, on the left, the (W, b) of every epoch over the contour lines of the "
        "loss, where the star is the exact minimum."
    ),
    "train.figure.data": "data",
    "train.figure.after_epochs": "after {epochs} epochs",
    "train.figure.after_one_epoch": "after 1 epoch",
    "train.figure.least_squares": "exact least squares",
    "train.figure.loss_title": "loss per epoch",
    "train.figure.keras_title": "Keras model: loss per epoch",
    "train.figure.batches": "batches",
    "train.figure.loss": "loss",
    "train.figure.minimum": "minimum",
    "train.figure.epoch": "epoch",
    "train.figure.path": "path",
    "train.figure.start": "start",
    "train.figure.now": "now",
    "train.figure.exact": "exact",
    "train.notes3.notes": "the loop brings w and b close to the true values w = 2, b = 1.",
    "train.notes3.truth": (
        "the notes start at w = 2.0, b = 1.0, which already *is* the exact answer: the loss is 0, "
        "both gradients are exactly 0, and 100 optimizer steps change nothing. Choose another "
        "start, such as w = 0, b = 0, to watch it learn: 100 SGD steps with lr 0.1 then end "
        "within about 0.01 of the answer."
    ),
    "train.notes17.notes": (
        "after 100 epochs at learning rate 0.01 the loop prints 训练完成! (training complete) "
        "and the final model."
    ),
    "train.notes17.truth": (
        "“complete” only means that the loop ended, not that W and b arrived. With the notes' "
        "settings about {left} % of the distance along the flat direction of the loss valley is "
        "still there after 100 epochs; W = {w_exact}, b = {b_exact} are reached to within 1 % "
        "only after about {needed} epochs. A larger learning rate hardly helps: above "
        "{largest_rate} the steep direction diverges."
    ),
    "train.exact.header": "The exact answer (SymPy)",
    "train.exact.text": (
        "No iterations needed: the loss is a quadratic in W and b, so its minimum is where both "
        "partial derivatives vanish. SymPy builds L from the data as exact fractions (“3.3” is "
        "33/10), differentiates it and solves the two linear equations:"
    ),
    "train.exact.minimum": (
        "The smallest possible loss is {loss_exact}: gradient descent can only approach it."
    ),
    "train.check.header": "Gradient check at every epoch",
    "train.check.text": (
        "Each epoch, the tape's dL/dW and dL/db are compared with SymPy's derivatives of the same "
        "loss, evaluated exactly at the same float32 W and b, on the same float32 data:"
    ),
    "train.check.agree": (
        "In all {epochs} epochs the tape and SymPy agree: the largest difference is {largest}, "
        "float32 rounding (allowed at that epoch: {tolerance})."
    ),
    "train.check.differ": (
        "In at least one of the {epochs} epochs the tape and SymPy differ by more than float32 "
        "rounding allows (difference {largest}, allowed {tolerance}). A diverging run does "
        "this: its numbers overflow to inf and nan."
    ),
    "train.check.table": "Every epoch: parameters, loss and both gradients",
    "train.code.text": (
        "Below: the notes' loop with the settings above filled in, and what it printed when "
        "it ran. Each button runs it again from epoch 0 with the new number of epochs, so the "
        "code and its output always describe the whole run. The list `history` keeps each "
        "epoch's W, b, loss and gradients: the numbers, the figures and the gradient check on "
        "this page are read from it. A random start shows as the number its seed drew."
    ),
    "train.keras.header": "The modern template: a Keras model, tf.data and a custom loop",
    "train.keras.intro": (
        "In real projects the parameters live in a Keras model, batches come from a "
        "`tf.data.Dataset`, and an optimizer replaces `assign_sub`. The loop keeps the same three "
        "steps: forward pass under the tape, `tape.gradient`, update. Here a one-neuron model, "
        "`Dense(1)`, learns y = 3x − 1 from 256 noisy points."
    ),
    "train.keras.batch": "Batch size",
    "train.keras.running": "Training the Keras model…",
    "train.keras.kernel": "learned W (kernel)",
    "train.keras.bias": "learned b (bias)",
    "train.keras.true": "the data were made with {value}",
    "train.keras.result": (
        "{batches} gradient steps on {samples} samples: the model learned "
        "y ≈ {kernel}·x {bias}, close to the 3x − 1 behind the data (the noise keeps it from "
        "matching exactly). Grey: the loss of each batch; red: the loss on all the data after "
        "each epoch."
    ),
    # notes under the agreement table (diffexplain/core/agree.py builds them from these clauses)
    "note.join": "; ",
    "note.none": (
        "TensorFlow's tape.gradient returned None (no path from the variable to this "
        "expression): it means 0"
    ),
    "note.corner.none": (
        "this point is a corner of {part}: the difference quotient tends to {left} from the "
        "left and {right} from the right, so this derivative does not exist"
    ),
    "note.corner.no_limit": (
        "this point is a corner of {part}, and the difference quotient has no limit there, so "
        "this derivative does not exist"
    ),
    "note.corner.exists": (
        "this point is a corner of {part}, where the formula's sign(0) = 0 and step(0) = 0 are "
        "only conventions: the derivative is the limit of the difference quotient, {value} "
        "from both sides"
    ),
    "note.cause.cancellation_all": (
        "{node} subtracts nearly equal numbers here: they differ by less than their own "
        "rounding error, so all {total} of {dtype}'s digits cancel and what is left is "
        "rounding error only"
    ),
    "note.definition.exists": (
        "the derivative's formula has no value here: this is the limit of the difference "
        "quotient, the definition of the derivative"
    ),
    "note.definition.sides": (
        "the difference quotient tends to {left} from the left and {right} from the right, so "
        "this derivative does not exist"
    ),
    "note.definition.none": (
        "neither the derivative's formula nor the difference quotient has a limit here, so this "
        "derivative does not exist"
    ),
    "note.no_limit.paths": (
        "f has no limit at this point, so no value: it tends to {a} along {a_path} but to {b} "
        "along {b_path}"
    ),
    "note.no_limit.path": "f has no limit at this point, so no value: it has none along {path}",
    "note.limit.unproven": (
        "f is 0/0 at this point and SymPy cannot prove a limit of several variables: f tends to "
        "{value} along every curve tried ({paths}), but curves that agree prove nothing "
        "(x²y/(x⁴ + y²) tends to 0 along every line through (0, 0), and to 1/2 along y = x²)"
    ),
    "note.limit.undecided": (
        "f is 0/0 at this point, and SymPy could not find its limit along any curve in time"
    ),
    "note.parent_none": (
        "the derivative this one differentiates does not exist here, so neither does this one"
    ),
    "note.axis_slope": (
        "f has no value at this point that could be established (see its row); this partial "
        "derivative is the slope of f along {variable} alone, with f's limit along that line "
        "standing in for its value (as textbooks define f at such a point)"
    ),
    "note.unknown.digits": (
        "the exact value is unknown: its formula cancels more digits at this point than "
        "interval arithmetic (up to 8192 bits) could recover in time, so not one digit is "
        "certain and the tape is not judged"
    ),
    "note.unknown.limit": (
        "the exact value is unknown: SymPy could not decide in time the limit that gives it, "
        "so the tape is not judged"
    ),
    "note.opposite_sign": (
        "within the absolute tolerance, but with the opposite sign: not one digit of the tape's "
        "value is right"
    ),
    "note.tape_convention": (
        "the tape returns {value} all the same: TensorFlow takes the slope of a non-smooth piece "
        "at its switch by convention (|u|′ = sign(0) = 0, relu′(0) = 0)"
    ),
    "note.tape_convention.wrong": (
        "the tape takes the slope of a non-smooth piece at its switch by convention "
        "(|u|′ = sign(0) = 0, relu′(0) = 0); here the function is differentiable and that "
        "convention gives a wrong value"
    ),
    "note.limit_as_typed": (
        "the formula as typed has no value at this point: the exact value shown is a limit, "
        "which the tape, computing the formula op by op, cannot take"
    ),
    "note.cause.divide_by_zero": "{node} is {form} at this point as typed",
    "note.cause.overflow": (
        "{node} overflows {dtype} here (its exact value is about {about}; {dtype} ends at "
        "{largest}), and the tape goes on with ±inf"
    ),
    "note.cause.underflow": (
        "{node} underflows to 0 in {dtype} here (its exact value is about {about})"
    ),
    "note.cause.cancellation": (
        "{node} subtracts nearly equal numbers here: about {digits} of {dtype}'s {total} digits "
        "cancel, and what is left is mostly rounding error"
    ),
    "note.cause.pow_zero": (
        "the gradient of TensorFlow's Pow op for {node} is {exponent}·{base}^({exponent} − 1), "
        "itself a Pow; differentiated again at {base} = 0 it comes to 0·0⁻¹ = 0·∞, which is nan"
    ),
    "note.cause.off_corner": (
        "{dtype} cannot hold the point exactly: at {point}, where the tape works, {switch} is "
        "{value}, not 0, so the tape works beside the corner of {part}, not on it"
    ),
    "note.cause.off_corner_left": (
        "{dtype} cannot hold the point exactly: at {point}, where the tape works, {switch} is "
        "{value}, not 0, so the tape works just left of the corner of {part}, where the slope "
        "is {slope}"
    ),
    "note.cause.off_corner_right": (
        "{dtype} cannot hold the point exactly: at {point}, where the tape works, {switch} is "
        "{value}, not 0, so the tape works just right of the corner of {part}, where the slope "
        "is {slope}"
    ),
    "note.vector_crosstalk": (
        "tape.jacobian runs the backward pass of {row} through the whole stacked graph: the "
        "ops of {others} get a zero upstream gradient there, and 0·∞ is NaN, because {others} "
        "has an infinite or undefined value or slope at this point"
    ),
    "note.differs": "differs by more than {dtype} rounding explains",
    "note.why.complex": "the exact value is not a real number here",
    "note.why.undefined": "the exact value does not exist here (a pole, 0/0 or a corner)",
    "note.why.no_function": (
        "f has no finite real value at this point, so this derivative does not exist"
    ),
    "note.both_undefined": "both values are undefined",
    "note.autodiff_still": "autodiff still returns {value}",
    "note.too_small": (
        "the exact value, about {about}, is nearer 0 than {dtype} can show, so it reads 0"
    ),
    "note.too_large": "the exact value is finite but too large for {dtype}",
    "note.infinite": "the exact value is infinite here (a one-sided limit)",
    "note.both_equal": "both are {value}",
    "note.autodiff_gives": "autodiff gives {value}",
    "note.autodiff_where_finite": "autodiff gives {value} where the exact value is finite",
    # three ways to differentiate (pages/three_ways.py)
    "ways.title": "⚖️ Three ways to differentiate",
    "ways.intro": (
        "One function, differentiated three ways. **Symbolic** (SymPy) gives an exact formula, "
        "which can grow enormously. **Numeric** (finite differences) needs only values of f, but "
        "must pick a step h, and every h loses digits. **Automatic** (TensorFlow's tapes) applies "
        "the chain rule to the ops that actually ran: exact up to rounding, for a few ops per op, "
        "in forward or in reverse mode."
    ),
    "ways.function": "Function",
    "ways.function.help": (
        "The main page's grammar: + − * / ^, implicit products (2x), sin cos exp log sqrt tanh "
        "sigmoid relu …, pi and e. Press Enter to update."
    ),
    "ways.order": "Highest order",
    "ways.to_main": "Open this function on the main page",
    "ways.loading": "Loading TensorFlow and differentiating (a few seconds the first time)…",
    "ways.tab.swell": "Expression swell",
    "ways.tab.finite": "Finite differences",
    "ways.tab.modes": "Forward vs reverse mode",
    "ways.swell.intro": (
        "`sympy.diff` writes every repeated subexpression out again, so the product rule can "
        "double a formula at each level; a tape records each op once and reuses its value. Below: "
        "the size of the largest derivative of each order in `sympy.count_ops`, as `diff` gives "
        "it, simplified, and after common-subexpression elimination (`sympy.cse` names the "
        "repeated parts), against the ops the nested tapes ran for every derivative up to that "
        "order."
    ),
    "ways.swell.yours": "Your function, orders 1 to {order}",
    "ways.swell.measuring": "SymPy is measuring the formulas…",
    "ways.swell.timeout": (
        "SymPy could not finish the common-subexpression elimination in time: that column is left "
        "out."
    ),
    "ways.swell.caption": (
        "Tape ops: every op TensorFlow ran (bookkeeping such as Const and Shape included), and "
        "those that compute. Order k counts the forward pass and tapes t0 to t(k−1)."
    ),
    "ways.swell.tape_larger": (
        "No swell here: at order {order} SymPy's formula as diff gives it has {formula} ops and "
        "the tapes ran {tape}. Differentiating again and again is where the tape grows: each "
        "outer tape differentiates everything the tape inside it recorded, its backward pass "
        "included, so the op count multiplies with every order whatever f is, while the "
        "derivatives of a short function such as sin(x)·eˣ stay short. Swell is about one "
        "derivative of a deeply nested function, whose formula repeats the nested parts: the "
        "logistic map below shows the crossover."
    ),
    "ways.swell.formula_larger": (
        "Swell: at order {order} SymPy's formula as diff gives it has {formula} ops, more than "
        "the {tape} ops the tapes ran, although they compute the same derivative."
    ),
    "ways.series.raw": "SymPy, as diff gives it",
    "ways.series.simplified": "SymPy, simplified",
    "ways.series.expanded": "SymPy, expanded",
    "ways.series.cse": "SymPy, after cse",
    "ways.series.tape": "tape, all ops",
    "ways.series.tape_compute": "tape, computing ops",
    "ways.series.program": "tape of the loop, computing ops",
    "ways.col.order": "order",
    "ways.axis.order": "derivative order",
    "ways.axis.iterations": "iterations n",
    "ways.axis.ops": "size in ops (log scale)",
    "ways.logistic.header": "The logistic map: lₙ₊₁ = 4 lₙ (1 − lₙ)",
    "ways.logistic.intro": (
        "From Baydin et al., *Automatic differentiation in machine learning: a survey* (JMLR "
        "2018), Table 1: start from l₁ = x and iterate. Each step uses lₙ twice, so the formula "
        "for lₙ doubles, and the product rule makes its derivative grow faster still. The loop a "
        "programmer writes, `l = 4*l*(1 - l)`, costs the same few ops every step, and so does its "
        "tape."
    ),
    "ways.logistic.slider": "Iterations n",
    "ways.logistic.value_ops": "l{n} has {ops} ops: too long to typeset.",
    "ways.logistic.raw": "lₙ' as diff gives it: {ops} ops",
    "ways.logistic.expanded": "lₙ' expanded (Baydin's simplified form): {ops} ops",
    "ways.logistic.too_long": "Too long to typeset: its size is in the table below.",
    "ways.logistic.caption": (
        "The tape columns count lₙ' from the formula as parsed (SymPy multiplies the nested "
        "products out, so its ops grow like n²) and from the loop (a constant number per "
        "iteration). Common-subexpression elimination wins back most of what diff wrote twice."
    ),
    "ways.logistic.crossover": (
        "The crossover: for small n the tape is the larger (it records bookkeeping ops and a "
        "backward pass even for a tiny formula). lₙ' as diff writes it overtakes the tape's ops "
        "at n = {raw}, the expanded polynomial at n = {expanded}; after cse, SymPy stays close to "
        "the tape's computing ops, because naming repeated parts is what a tape does anyway."
    ),
    "ways.logistic.use": "Differentiate l{n} above",
    "ways.logistic.no_text": (
        "For n = {n} the text of lₙ is longer than the parser's 400 characters (n ≤ 6 fits): the "
        "sizes here come from a SymPy expression built directly."
    ),
    "ways.finite.intro": (
        "A finite difference replaces the limit by a small step h. A **forward** difference "
        "(f(x+h) − f(x))/h is off by about h·|f''|/2 (*truncation*: the Taylor terms it drops); a "
        "**central** difference (f(x+h) − f(x−h))/2h by about h²·|f'''|/6. Both also lose about "
        "ε·|f|/h to *rounding*: f(x+h) and f(x) share most of their digits, and the subtraction "
        "keeps only the rest. On a log–log plot the error against h is a V, and no step is exact."
    ),
    "ways.finite.variable": "Differentiate with respect to",
    "ways.finite.step": "Step h",
    "ways.finite.no_exact": (
        "The exact derivative with respect to {name} has no finite value at this point: there is "
        "nothing to measure the errors against."
    ),
    "ways.finite.exact": "Exact (SymPy): {name} = {value}. At the chosen step:",
    "ways.col.forward": "forward difference",
    "ways.col.forward_error": "forward error",
    "ways.col.central": "central difference",
    "ways.col.central_error": "central error",
    "ways.col.autodiff": "autodiff (tape)",
    "ways.col.autodiff_error": "autodiff error",
    "ways.finite.legend.forward": "forward, {dtype}",
    "ways.finite.legend.central": "central, {dtype}",
    "ways.finite.legend.autodiff": "autodiff, {dtype}",
    "ways.finite.legend.chosen": "chosen h",
    "ways.finite.axis.step": "step h",
    "ways.finite.axis.error": "|approximation − exact|",
    "ways.finite.zero": "A logarithmic axis has no 0: an error of exactly 0 is drawn at {floor}.",
    "ways.finite.explain": (
        "Right of the bottom of each V, truncation dominates: the forward error falls like h, the "
        "central one like h² (twice as steep). Left of it, rounding dominates and grows like 1/h, "
        "until x + h rounds to x and the difference is 0. The rule of thumb puts the best step at "
        "√ε for forward differences and ∛ε for central ones (times |x| when |x| > 1): float32 "
        "{f32_forward} and {f32_central}, float64 {f64_forward} and {f64_central}. Autodiff (the "
        "dotted lines) has no step at all: it is exact up to the rounding of the ops it runs."
    ),
    "ways.modes.intro": (
        "Both modes apply the chain rule to the same ops, in opposite directions. **Forward mode** "
        "(`tf.autodiff.ForwardAccumulator`) carries one tangent, the derivative along one input, "
        "through the function together with the values: one pass per input. **Reverse mode** "
        "(`tf.GradientTape`) runs the function, then one backward pass per output gives the "
        "derivatives with respect to every input."
    ),
    "ways.col.variable": "variable",
    "ways.col.forward_mode": "forward mode",
    "ways.col.reverse_mode": "reverse mode",
    "ways.col.exact": "exact (SymPy)",
    "ways.col.difference": "|forward − reverse|",
    "ways.modes.none": (
        "Both in float64: they agree to rounding (a few units in the last place where the ops add "
        "up in a different order). Where f does not depend on an input, both modes return None, "
        "shown as 0."
    ),
    "ways.col.mode": "mode",
    "ways.col.passes": "passes",
    "ways.col.ops_all": "ops (all)",
    "ways.col.ops_compute": "ops (computing)",
    "ways.col.ops_per_pass": "computing ops per pass",
    "ways.modes.forward": "forward (ForwardAccumulator)",
    "ways.modes.reverse": "reverse (GradientTape)",
    "ways.modes.rule": (
        "**Rule of thumb.** For f: ℝⁿ → ℝᵐ, forward mode needs n passes (one per input) and "
        "reverse mode m passes (one per output); each pass costs a small multiple of evaluating f. "
        "Your function has n = {n} input(s) and m = {m} output: forward mode needs {n} pass(es), "
        "reverse mode {m}. A loss of a million weights has n = 10⁶ and m = 1, which is why "
        "training uses reverse mode; a curve with one input and many outputs is the opposite case."
    ),
    "ways.modes.caption": (
        "Op counts from tracing each mode into a graph, including the small functions in which "
        "ForwardAccumulator computes each op's tangent. TensorFlow's tangent rules are not all "
        "minimal (for x^c it also differentiates with respect to the exponent c), so per pass "
        "forward mode may run more ops than reverse mode."
    ),
    # several variables: gradient, Hessian, contour (ui/multivariable_panel.py)
    "multi.header": "Several variables: gradient and Hessian",
    "multi.intro": (
        "The gradient ∇f collects the first partials, the Hessian H the second: Hᵢⱼ = ∂²f/∂xᵢ∂xⱼ. "
        "Here H is computed a second way, as the Jacobian of the gradient "
        "(`tape.jacobian(gradient, x)` on a persistent outer tape), and compared with SymPy's "
        "exact partials."
    ),
    "multi.computing": "Computing the Hessian…",
    "multi.gradient.header": "Gradient ∇f",
    "multi.hessian.header": "Hessian H = jacobian(∇f)",
    "multi.col.entry": "entry",
    "multi.col.exact": "exact (SymPy)",
    "multi.col.autodiff": "autodiff (tape)",
    "multi.col.agree": "agree",
    "multi.symmetric.exact": "H is symmetric: Hᵢⱼ = Hⱼᵢ exactly for every pair.",
    "multi.symmetric.rounding": "H is symmetric up to rounding: the largest |Hᵢⱼ − Hⱼᵢ| is {gap}.",
    "multi.symmetric.undefined": (
        "Some entries of H have no value at this point, so its symmetry cannot be checked."
    ),
    "multi.symmetric.not": (
        "H is not symmetric here: |Hᵢⱼ − Hⱼᵢ| reaches {gap}. The mixed partials need not agree "
        "where f is not twice continuously differentiable."
    ),
    "multi.schwarz": (
        "Schwarz's theorem: where the second partials are continuous, the order of differentiation "
        "does not matter. The Jacobian computes both halves separately, so the symmetry is a "
        "check, not an assumption."
    ),
    "multi.heatmap.title": "Hessian by autodiff ({dtype})",
    "multi.pair": "Plot against",
    "multi.contour.header": "f around the point, in {x} and {y}",
    "multi.contour.arrow": "∇f (its direction; length scaled)",
    "multi.contour.flat": "∇f = 0 here: no direction of steepest ascent",
    "multi.contour.empty": "f has no real value in this window",
    "multi.contour.caption": (
        "The gradient points uphill, at right angles to the contour line through the point."
    ),
    "multi.contour.held": "The other variables are held at {values}.",
    # show me the code (ui/code_panel.py)
    "code.header": "Show me the code",
    "code.intro": (
        "A standalone Python script for exactly what is on this page: SymPy builds f and "
        "differentiates it exactly, nested `tf.GradientTape` blocks compute the same derivatives "
        "in {dtype}, and a table prints both. Paste it into a notebook, or download it and run "
        "`python diffexplain_derivatives.py`."
    ),
    "code.download": "Download the script",
    "code.note": (
        "The formulas are printed from the parsed expression, not copied from the text box. The "
        "TensorFlow line runs the same ops in the same order as this app, so it prints the same "
        "numbers. Needs `sympy` and `tensorflow`. Every `gradient` call asks for "
        "`unconnected_gradients=ZERO`: where nothing recorded connects a result to an input "
        "(∂f/∂y when f has no y) the tape returns `None`, as *Why is my gradient None?* teaches, "
        "while SymPy says 0, and the next tape cannot differentiate a `None`. ZERO makes the tape "
        "say 0 so the columns compare; it hides that `None`, which is why it is named here."
    ),
    "main.graph.none_gradient": (
        "tape.gradient returned None for {names}: nothing recorded connects the variable to "
        "what was differentiated, so the graph holds a constant 0 there."
    ),
    "plots.header": "f and its derivatives around {name} = {point}",
    "plots.interval": "Interval around the point",
    "plots.computing": "Computing the curves (exact and by the tape)…",
    "plots.caption": (
        "Lines: exact values (SymPy's derivatives, evaluated with 30 digits). Circles: nested "
        "GradientTapes in float64 at one in every {every} of the {points} grid points, all "
        "computed in one batched tape pass. A gap means no real value there (a pole, a "
        "logarithm of a negative number); lines are cut at poles instead of joined across them."
    ),
    "plots.undefined_but_taped": (
        "At {count} grid point(s) the tape returned a number where the exact value does not "
        "exist: the tape applies each op's derivative rule without asking whether the function "
        "is defined there."
    ),
    "plots.error_caption": (
        "|autodiff − exact| on a log scale: float32 keeps about 7 significant digits, float64 "
        "about 16. Errors of exactly 0 are drawn on the dotted floor line at 1e-20; points where "
        "either value is not a finite number are left out. Dashed: the dtype's machine epsilon."
    ),
    "plots.timeout": (
        "The exact curves took longer than {seconds} s to compute: choose a narrower interval "
        "or a lower order to see the plots."
    ),
    "plots.input_error": "No plots for this input: {message}",
    "plots.failed": (
        "The plots could not be drawn for this function ({error}). The table above is unaffected."
    ),
    "plots.one_variable": "Plots are drawn for functions of one variable.",
    # input: why a function or point is refused (parse.py and explanation.py say these)
    # practice page
    "practice.title": "🎯 Practice",
    "practice.intro": (
        "Work out derivatives of generated functions, or predict what `tape.gradient` returns "
        "in a generated TensorFlow snippet. Every set comes from a number (the seed) kept in "
        "the page's address: share the address and everyone gets the same problems. Your score "
        "lives in this browser tab only; nothing is stored on the server."
    ),
    "practice.kind": "Exercises",
    "practice.kind.calculus": "Derivatives",
    "practice.kind.tape": "Predict the gradient",
    "practice.level": "Level",
    "practice.level.power_chain": "power and chain rule",
    "practice.level.product_quotient": "product and quotient rule",
    "practice.level.trig_exp_log": "trig, exp and log",
    "practice.level.several_variables": "several variables",
    "practice.level.second_derivatives": "second derivatives",
    "practice.seed": "Set number",
    "practice.seed.help": "The same number gives the same problems, on any computer.",
    "practice.share": (
        "The address in your browser's bar opens this set at this problem: hand it to a class."
    ),
    "practice.score": "Score",
    "practice.score.help": "Right at the first try / problems answered, in this session only.",
    "practice.next": "Next problem",
    "practice.new_set": "New set",
    "practice.calculus.task": "**Problem {number}.** Find {derivative} of",
    "practice.show.hint": "Show a hint",
    "practice.show.steps": "Show the steps",
    "practice.show.graph": "Show the tape's graph",
    "practice.hint.power": (
        "Power rule, term by term: d(xⁿ)/dx = n·xⁿ⁻¹, and a constant factor stays."
    ),
    "practice.hint.chain": (
        "Chain rule: the outer function's derivative, taken at the inner function, times the "
        "inner function's derivative."
    ),
    "practice.hint.product": "Product rule: (u·v)′ = u′·v + u·v′.",
    "practice.hint.quotient": "Quotient rule: (u/v)′ = (u′·v − u·v′)/v².",
    "practice.hint.partial": (
        "Treat the other variable as a constant. For ∂²/∂x∂y, differentiate by x, then the "
        "result by y."
    ),
    "practice.hint.second": "Differentiate once, simplify, then differentiate the result again.",
    "practice.tape.task": "**Exercise {number}.** What is `result` after this code runs?",
    "practice.tape.kind": "`result` is",
    "practice.tape.kind.number": "a number",
    "practice.tape.kind.none": "None",
    "practice.tape.kind.error": "an error is raised",
    "practice.tape.value": "The number (for “a number”)",
    "practice.tape.right": "Right: TensorFlow gives {actual}.",
    "practice.tape.wrong": "Not what TensorFlow does: it gives {actual}.",
    "practice.tape.why.plain": (
        "A float `tf.Variable` is watched without being asked, so the tape returns dy/dx at x."
    ),
    "practice.tape.why.constant": (
        "A `tf.constant` is not watched unless you call `tape.watch(x)`: the tape has no path "
        "from x to y and returns None."
    ),
    "practice.tape.why.watch": (
        "`tape.watch(x)` makes the tape record what is done with a constant, so it returns dy/dx."
    ),
    "practice.tape.why.int": (
        "Tapes differentiate floating-point tensors only: for an integer x (`tf.constant(3)`, "
        "`tf.Variable(3)`) the gradient is None, watched or not."
    ),
    "practice.tape.why.numpy": (
        "`x.numpy()` leaves TensorFlow: y is a new constant that the tape cannot connect to x, "
        "so the gradient is None."
    ),
    "practice.tape.why.assign": (
        "The tape keeps the values the ops ran with: an `assign` after y leaves y's gradient "
        "as it was; an `assign` before y changes the value y is computed from."
    ),
    "practice.tape.why.second_call": (
        "A tape without `persistent=True` frees what it recorded after the first "
        "`tape.gradient` call: a second call raises a RuntimeError. A persistent tape answers "
        "again."
    ),
    "practice.tape.why.persistent": (
        "`persistent=True` keeps the recording, so the second call returns the same gradient."
    ),
    # answer checking (main page panel, practice page, CLI)
    "answer.page.title": "✔️ Check my answer",
    "answer.panel.title": "Check my answer",
    "answer.panel.intro": (
        "Type your derivative of this function: the verdict says whether it is right, and if "
        "not, where it differs and which step of the derivation it departs from."
    ),
    "answer.panel.order": "Order",
    "answer.panel.wrt": "Derivative",
    "answer.panel.answer": "Your {derivative}",
    "answer.panel.placeholder": "e.g. 2x sin(x) + x^2 cos(x)",
    "answer.panel.help": "Type it as you type a function: the same names, rules and limits.",
    "answer.panel.check": "Check",
    "answer.panel.checking": "Checking your answer…",
    "answer.panel.empty": "Type your answer first.",
    "answer.panel.not": "not",
    "answer.panel.show_derivative": "Show the derivative",
    "answer.correct": "✅ Correct: your answer is the derivative. {method}",
    "answer.method.symbolic": "(SymPy proved the two equal.)",
    "answer.method.numeric": (
        "(SymPy's simplify could not prove it, so the values were compared with 40 digits at "
        "{points} points, on both sides of every point where something changes sign or blows "
        "up.)"
    ),
    "answer.correct_where_defined": (
        "✅ Correct where the function is defined, except at isolated points: {details}."
    ),
    "answer.wrong": (
        "❌ Not the derivative: at {point} the derivative is {expected}, your answer gives {given}."
    ),
    "answer.at": "at {point} the derivative's formula gives {expected}, yours {given}",
    "answer.undefined": "undefined",
    "answer.hint.sign": "Your answer is minus the derivative: check a sign.",
    "answer.hint.factor": "Your answer is a constant times the derivative: a factor is off.",
    "answer.hint.constant": (
        "Your answer differs from the derivative by a constant: a derivative has no + C, and a "
        "constant's derivative is 0."
    ),
    "answer.step": (
        "Where it departs: the step “{rule}” for {before} gives {after}; your answer is what "
        "you get if that step gave {fits}."
    ),
    "answer.step.top": (
        "Where it departs: already the first rule, “{rule}” for {before}, gives {after}."
    ),
    "answer.undecided.too_few_points": (
        "❔ Cannot decide: the function is real at too few of the points tried."
    ),
    "answer.undecided.timeout": "❔ Cannot decide: the check ran out of time.",
    "answer.derivative": "The derivative: {derivative}",
    "input.not_text": "type a function of x as text, e.g. sin(x)*exp(x)",
    "input.vector_api": (
        "a bracketed list such as [x*y, sin(x)] is a vector-valued function: its first "
        "derivatives form a Jacobian matrix, which explain_vector() computes (python -m "
        "diffexplain and the main page take both)"
    ),
    "input.vector_here": (
        "a bracketed list such as [x*y, sin(x)] is a vector-valued function: type it on the main "
        "page, which shows its Jacobian matrix (elsewhere, type one function; use round brackets "
        "( ) for grouping)"
    ),
    "input.vector_opening": "a list of functions starts with '[', e.g. [x*y, sin(x)]",
    "input.vector_closing": "the list opened at column {column} is not closed with ']' at the end",
    "input.vector_nested": (
        "'[' or ']' at column {column}: lists inside lists are not allowed; type one list of "
        "functions, e.g. [x*y, sin(x)]"
    ),
    "input.vector_empty": "the list is empty: type its functions, e.g. [x*y, sin(x)]",
    "input.vector_empty_component": (
        "function {number} of the list (column {column}) is empty: remove the extra comma"
    ),
    "input.vector_too_many": (
        "the list has {count} functions; at most {limit} are allowed (the extra one starts "
        "after the comma at column {column})"
    ),
    "input.empty": "type a function of x, e.g. sin(x)*exp(x)",
    "input.too_long": "the function is {length} characters long; at most {limit} are allowed",
    "input.line": "the function must be on one line (control character at column {column})",
    "input.character": "character '{char}' ({code}) at column {column} is not allowed{hint}",
    "input.invisible": "an invisible character ({code}) at column {column} is not allowed{hint}",
    "input.symbol": "'{char}' at column {column} is not part of a formula{hint}",
    "input.dot": "'.' at column {column} is not part of a number; a formula has no attributes",
    "input.python": "'{name}' at column {column} is Python code, not part of a formula{hint}",
    "input.name_too_long": "the name '{name}' at column {column} is longer than {limit} characters",
    "input.sympy": (
        "'{name}' at column {column} is a SymPy name, not part of the formulas here{hint}"
    ),
    "input.did_you_mean": "unknown function '{name}' — did you mean '{suggestion}'?{hint}",
    "input.case": "'{name}' is not known here — did you mean '{suggestion}'?{hint}",
    "input.glued": "'{name}' is not a function or variable here — did you mean '{suggestion}'?",
    "input.variables": (
        "at most {limit} variables are allowed; '{name}' at column {column} is one more"
    ),
    "input.digits": "the number at column {column} has more than {limit} digits",
    "input.huge_number": (
        "the number at column {column} is too large or too small (over {limit} digits)"
    ),
    "input.decimal_point": "a number has at most one decimal point (column {column})",
    "input.needs_argument": "{name} needs an argument, e.g. {name}(x)",
    "input.inverse": (
        "{name}^-1 at column {column} is ambiguous: 1/{name}(x) is the reciprocal{hint}"
    ),
    "input.inverse_hint": ", {inverse}(x) the inverse",
    "input.ends_early": (
        "the function ends after '{after}' at column {column}: something must follow"
    ),
    "input.unexpected": (
        "unexpected '{found}' at column {column}: expected a number, a variable or '('"
    ),
    "input.number_after": (
        "put an operator such as * before the number '{number}' at column {column}"
    ),
    "input.empty_parens": (
        "empty parentheses at column {column}: put something inside, e.g. (x + 1)"
    ),
    "input.unclosed": "the '(' at column {column} is never closed: add ')'",
    "input.unmatched": "the ')' at column {column} has no matching '('",
    "input.unknown_function": (
        "unknown function '{name}' at column {column}: diffexplain differentiates formulas you "
        "write out, e.g. x^2 + sin(x){hint}"
    ),
    "input.derivative_request": (
        "'{fragment}' at column {column} asks for a derivative: diffexplain differentiates what "
        "you type, so type just {suggestion} (the order box sets the order)"
    ),
    "input.example_function": "the function, e.g. sin(x)",
    "input.decimal_comma": "',' at column {column}: use a decimal point: {number}",
    "input.comma": (
        "',' at column {column} is only allowed in log(u, b), the logarithm of u to base b"
    ),
    "input.one_argument": "{name} takes one argument; only log(u, b) takes two (column {column})",
    "input.log_arguments": "log takes at most two arguments, log(u, b) (column {column})",
    "input.depth": "the function is nested more than {limit} levels deep (column {column})",
    "input.exponent": "the exponent at column {column} is too large: at most {limit} on a variable",
    "input.constant": "the number at column {column} would have more than {limit} digits",
    "input.constants": "the function contains a number with more than {limit} digits",
    "input.evaluate": "could not work out the value at column {column}; try writing it differently",
    "input.undefined_somewhere": (
        "the function is undefined or complex (division by zero or similar)"
    ),
    "input.undefined": "the function is undefined at column {column} (division by zero or similar)",
    "input.complex": "only real functions work here: the value at column {column} is complex",
    "input.point": "the point {shown} is not a usable number: {reason}",
    "input.point_type": "the point must be a number, not {shown}",
    "input.point_variables": "it contains the variable(s) {names}",
    "input.point_range": "it must be a real number between -{limit:g} and {limit:g}",
    "input.hint.equals": "; write only the right-hand side, e.g. x^2 instead of y = x^2",
    "input.hint.brackets": "; use round brackets ( ) for grouping",
    "input.hint.abs": "; write abs(x) for |x|",
    "input.hint.factorial": "; factorials are not supported",
    "input.hint.complex": "; complex numbers are not supported",
    "input.hint.infinity": "; infinity is not supported",
    "input.hint.instead": "; did you mean {formula}?",
    "input.hint.times": "; to multiply, write {name}*( )",
    "input.hint.prime": (
        "; diffexplain takes the derivative itself: type the function, e.g. x^2, and choose the "
        "order"
    ),
    "input.hint.lamda": "; for the Greek letter write lamda or λ",
    "input.hint.greek_capital": "; Greek capitals are not read here: write the name, e.g. {name}",
    "input.hint.available": " Available functions: {functions}.",
    "input.answer": "your answer cannot be read: {reason}",
    "input.answer_variables": (
        "your answer uses {names}, which the function does not have (its variables: {variables})"
    ),
    "input.answer_order": "the order must be a whole number from 1 to {limit}, not {shown}",
    "input.answer_wrt_needed": (
        "the function has several variables ({names}): say which to differentiate by, e.g. x"
    ),
    "input.answer_wrt": (
        "write the variable(s) to differentiate by as names separated by commas, at most "
        "{limit}, e.g. x or x,y (not {shown})"
    ),
    "input.answer_wrt_order": (
        "{count} variables name a derivative of order {count}, not {order}: leave the order "
        "out or make it {count}"
    ),
    "input.no_variable": "the function has no variable '{name}'; its variables: {names}",
    "input.partials": (
        "{variables} variables at order {order} make {count} partial derivatives (at most "
        "{limit}): lower the order"
    ),
    "input.sympy_time": (
        "SymPy could not finish the derivatives of order {order} in time ({reason}): try a lower "
        "order or a smaller function"
    ),
    "input.sympy_failed": "SymPy could not work with this function ({failure}); try another form",
    "input.budget.time": "took longer than {seconds:g} s",
    "input.budget.memory": "needed more memory than allowed",
    "input.budget.stopped": "the SymPy worker stopped unexpectedly; it was restarted",
    "input.budget.abandoned": "nobody was waiting for the result any more",
    "input.tape_ops": (
        "order {order} of this function needs about {ops:,} ops on the tapes, more than the "
        "{limit:,} that fit in {seconds:g} s: order {fits} fits (about {fits_ops:,} ops)"
    ),
    "input.tape_ops_none": (
        "order {order} of this function needs about {ops:,} ops on the tapes, and even order 1 "
        "needs more than the {limit:,} that fit in {seconds:g} s: try a smaller function"
    ),
    "input.tape_time": (
        "the server is too busy to finish the tapes of order {order} within {seconds:g} s: try "
        "again in a moment, or a lower order"
    ),
    "input.request_time": (
        "the server is too busy to answer within {seconds:g} s: try again in a moment"
    ),
    "input.worker_lost": (
        "The server's SymPy worker stopped while it worked on this function (it has been "
        "restarted): try again"
    ),
    "input.hessian_time": (
        "SymPy could not finish the second partial derivatives in time ({reason}): choose order "
        "2 or more above, or a smaller function"
    ),
    "note.input_rounding": (
        "{dtype} cannot hold the point exactly: the tape works at {point}, where the exact value "
        "is {value} and the tape agrees; the difference comes from rounding the input, not from "
        "differentiating"
    ),
    # the Examples box
    "preset.square": "x² at 3 (course notes: dy/dx = 6)",
    "preset.cube": "x³ at 3 (nested tapes: 27 and 18)",
    "preset.persistent": "x² + y² at (4, 3) (persistent tape: 8 and 6)",
    "preset.sin_exp": "sin(x)·eˣ",
    "preset.two_variables": "x·y + y²",
    "preset.vector": "[x·y, sin x]: a vector-valued function and its Jacobian",
    "preset.neuron": "sigmoid(w·x + b), a neuron",
    "preset.x_to_the_x": "x^x (logarithmic differentiation)",
    "preset.corner": "|x| at 0: a corner",
    "preset.infinite_slope": "√x at 0: an infinite slope",
    "preset.pole": "1/x at 0: a pole",
    "preset.not_real": "log(x) at −1: not real",
    "preset.tanh": "tanh(x) to order 4",
    "preset.float32_point": "sin(x) at 12345.6 in float32: the point itself rounds",
    "plots.figure.exact": "exact (SymPy)",
    "plots.figure.autodiff": "autodiff (tape, {dtype})",
    "plots.figure.no_value": "{name} has no real value here",
    "plots.figure.error_title": "|autodiff − exact|, {dtype}",
    "plots.figure.error_axis": "absolute error (0 → 1e-20)",
    "plots.figure.zero": "error exactly 0",
    "preset.by_definition": "x² sin(1/x) at 0: f′(0) = 0 by the definition, no formula reaches it",
    "preset.smooth_corners": (
        "relu(x) + log(1 + e^−|x|) at 0: smooth, but the tape's relu′(0) = 0 gets f′ wrong"
    ),
    # 10 controlling the tape (TensorFlow's guides from here on)
    "control.intro": (
        "The notes stop at `tape.watch`. TensorFlow's guide *Introduction to gradients and "
        "automatic differentiation* goes further: a tape can watch only what you name and tell "
        "you what it watched, differentiate with respect to results computed inside it, take "
        "several targets at once, and give zeros instead of `None`. Every value below is "
        "computed live, with SymPy's exact derivative beside it."
    ),
    "control.watch.header": "Watch only what you name",
    "control.watch.explain": (
        "By default a tape watches every trainable Variable the code reads. "
        "`watch_accessed_variables=False` turns that off: the tape follows only what "
        "`tape.watch` names. The guide's example, with x0 = 0 and the x1 you choose:"
    ),
    "control.watch.none": (
        "x0 was not watched, so the tape recorded nothing that leads from x0 to `ys`: the "
        "gradient is `None`, although the derivative cos(x0) is 1 at x0 = 0. Switch "
        "`watch_accessed_variables` on and the tape watches both Variables."
    ),
    "control.listed.guide": (
        "“You can list the variables being watched by the tape using the "
        "`GradientTape.watched_variables` method.”"
    ),
    "control.listed.truth": (
        "`watched_variables()` lists **Variables** only. A constant you `tape.watch` is "
        "watched (its gradient comes back) but it is not in the list."
    ),
    "control.intermediate.header": "Gradients with respect to intermediate results",
    "control.intermediate.explain": (
        "A source need not be an input: a tensor computed inside the tape can be one. Here "
        "y = x² is computed inside, so `tape.gradient(z, y)` is dz/dy = 2y. (A persistent tape "
        "answers both questions.)"
    ),
    "control.targets.header": "Several targets, or a vector target",
    "control.targets.explain": (
        "A gradient belongs to one scalar. Give `tape.gradient` several targets (a list, a "
        "dict, or a tensor of several elements) and it returns, for each source, the gradient "
        "of their **sum**."
    ),
    "control.targets.sum": (
        "So the dict gives (y0 + y1)′ = 2x − 1/x², and x·[3, 4] gives 3 + 4 = 7 at every x. "
        "For one derivative per element, ask for a Jacobian (page *Jacobians*)."
    ),
    "control.unconnected.header": "None or zeros",
    "control.unconnected.explain": (
        "When the target does not depend on a source, the tape returns `None`. "
        '`unconnected_gradients="zero"` (or `tf.UnconnectedGradients.ZERO`) returns zeros '
        "shaped like the source instead, which suits code that does arithmetic with the "
        "gradient next."
    ),
    "control.quiz.1": "The gradient of a dict of two targets, at x = 1.",
    "control.quiz.1.why": (
        "The tape adds the targets: d(x² + x³)/dx = 2x + 3x², which is 5 at x = 1. The tape "
        "returned {answer}."
    ),
    "control.quiz.2": "A tape told not to watch Variables, and no `tape.watch`.",
    "control.quiz.2.why": (
        "Nothing was watched, so nothing was recorded: {answer}. Add `tape.watch(x)` and the "
        "answer is 2x = 6.0."
    ),
    "control.quiz.3": "y is computed before the tape starts. Can it be a source?",
    "control.quiz.3.why": (
        "{answer}: y was made before the tape existed and nobody watched it, so `y * y` read "
        "no watched tensor and was not recorded. Compute `y = x * x` inside the tape (x is a "
        "Variable, so watched) and the answer is 2y = 18.0."
    ),
    # 11 control flow
    "flow.intro": (
        "A tape records operations as Python runs them, so `if`, `for` and `while` need no "
        "special treatment: the tape sees the operations of the path that ran and nothing "
        "else. That has consequences at a branch's edge and in `tf.where`, shown live below "
        "beside SymPy's `Piecewise`."
    ),
    "flow.branch.header": "Only the branch taken is differentiated",
    "flow.branch.explain": (
        "The guide's example: x decides which Variable becomes the result. Move x across 0 and "
        "watch which gradient is `None`."
    ),
    "flow.branch.cond": "tf.cond instead of if",
    "flow.branch.taken": "branch taken",
    "flow.branch.none": (
        "Where SymPy says 0, the tape says `None`: no recorded operation links the branch not "
        "taken to the result. The same holds for x at every x: x reaches the result only "
        "through the comparison `x > 0`, a boolean with no gradient (mathematically the result "
        "is flat in x, with a jump at 0). Eagerly, `tf.cond` runs one branch just as `if` does."
    ),
    "flow.loop.header": "Loops: the iterations that ran",
    "flow.loop.explain": (
        "Python decides how many times the body runs; the tape records each `y * y` it runs. "
        "The comparison `y < 100.0` is not differentiated."
    ),
    "flow.loop.squarings": "times the body ran (k)",
    "flow.loop.after": (
        "For this x the loop ran {k} times, so y = x^{power} and the tape's dy/dx is that "
        "function's derivative, which is SymPy's too. Where k changes (x = 10, √10, …), y "
        "jumps: there is no derivative there, yet the tape still answers with the iterations "
        "that ran."
    ),
    "flow.piece.header": "A piecewise function at its boundary",
    "flow.piece.explain": (
        "f is x² below 1 and 3x − 2 from 1 on: continuous at 1, with a corner. Written with an "
        "`if`, the tape differentiates the branch the comparison picks. SymPy's `Piecewise` "
        "derivative does the same; its one-sided difference quotients say whether a "
        "derivative exists at all."
    ),
    "flow.piece.condition": "the comparison",
    "flow.piece.left": "from the left (SymPy)",
    "flow.piece.right": "from the right (SymPy)",
    "flow.piece.kink": (
        "The difference quotient tends to {left} from the left and {right} from the right: f "
        "has no derivative here. The tape and SymPy's `Piecewise` both return the derivative "
        "of the branch the comparison picks; change `<` to `<=` and both answers change, while "
        "the mathematics does not."
    ),
    "flow.piece.guide": (
        "“Because a gradient tape records operations as they are executed, Python control "
        "flow is naturally handled (for example, `if` and `while` statements).”"
    ),
    "flow.piece.truth": (
        "it is handled by differentiating the branch that ran. At x = 1, where f has no "
        "derivative (the quotients tend to {left} and {right}), the tape returns {strict} "
        "with `x < 1.0` and {loose} with `x <= 1.0`: a number either way, and no warning."
    ),
    "flow.where.header": "tf.where computes both branches",
    "flow.where.explain": (
        "`tf.where(x > 0, inner(x), 0.)` picks 0 where x ≤ 0, but it computes `inner(x)` "
        "everywhere, and its gradient passes through both branches: the discarded one receives "
        "a gradient of 0. The safe form gives `inner` a harmless input where x ≤ 0. Choose x:"
    ),
    "flow.where.col.inner": "inner(x)",
    "flow.where.col.naive": "tf.where(x > 0, inner(x), 0.)",
    "flow.where.col.safe": "safe form",
    "flow.where.col.exact": "SymPy's Piecewise derivative",
    "flow.where.col.zero": "gradient at 0 when 0 arrives",
    "flow.where.docs": (
        "“if the gradient of either branch of the `tf.where` generates a `NaN`, then the "
        "gradient of the entire `tf.where` will be `NaN`.” The example usually quoted is "
        "`tf.where(x > 0, tf.sqrt(x), 0.)` at x = 0."
    ),
    "flow.where.truth": (
        "the trap is real, but not for `tf.sqrt`: in TensorFlow 2.21 the gradient of `sqrt` "
        "is 0 wherever the gradient arriving is 0, so the unsafe form gives 0.0. `x ** 0.5`, "
        "`tf.math.log(x)` and `1 / x` multiply that 0 by their derivative at 0, which is "
        "infinite: 0 · ∞ = NaN (table below, at x = 0). The safe form never lets `inner` see "
        "x ≤ 0, whatever the op."
    ),
    "flow.quiz.1": "x = −3, and an `if` inside the function the tape records.",
    "flow.quiz.1.why": (
        "x > 0 is false, so only `-x` runs and is recorded: its derivative is −1. The tape "
        "returned {answer}; x * x was never recorded."
    ),
    "flow.quiz.2": "A `for` loop multiplies by x three times, at x = 2.",
    "flow.quiz.2.why": (
        "y = x · x · x · x = x⁴, and the tape recorded all three multiplications: 4x³ = 32 at "
        "x = 2. The tape returned {answer}."
    ),
    "flow.quiz.3": "The gradient of the condition, turned into a float.",
    "flow.quiz.3.why": (
        "{answer}: `x > 0` is a boolean, and a comparison has no gradient, so the cast to "
        "float32 has nothing to pass back. Conditions are invisible to gradients."
    ),
    # 12 stopping and resetting
    "stop.intro": (
        "Sometimes part of a computation should not count: a metric, a target held fixed, a "
        "value from an earlier step. The *Advanced automatic differentiation* guide shows "
        "three tools: `tape.stop_recording()` pauses the tape, `tape.reset()` throws away what "
        "it has recorded, and `tf.stop_gradient` cuts one path without touching the tape."
    ),
    "stop.cases.header": "Four ways to compute z = x² + y²",
    "stop.cases.explain": (
        "Each case computes z = x² + y² at x = 2, y = 3 and asks for dz/dx and dz/dy. The "
        "mathematics does not change, so SymPy's answer is 2x = 4 and 2y = 6 every time; what "
        "the tape recorded does. Under each case: the operations whose gradient the tape "
        "computed, in the order it computed them."
    ),
    "stop.case.everything": "recording everything",
    "stop.case.paused": "stop_recording()",
    "stop.case.reset": "reset()",
    "stop.case.stopped": "tf.stop_gradient",
    "stop.case.everything.explain": (
        "Both squares and the sum are recorded, so the backward pass goes from the addition "
        "through both multiplications to the Variables."
    ),
    "stop.case.paused.explain": (
        "`y * y` ran while the tape was paused: its value is in z, but to the tape it is a "
        "constant. One multiplication fewer on the way back, and dz/dy is `None`."
    ),
    "stop.case.reset.explain": (
        "`y * y` was recorded, then `reset()` threw it away; `x * x` and the addition come "
        "after the reset. The result is the same as pausing, reached the other way round."
    ),
    "stop.case.stopped.explain": (
        "The tape recorded everything, `y ** 2` included, but the path from z to y passes "
        "through `tf.stop_gradient`, which passes no gradient back: the backward pass never "
        "reaches `y ** 2`. `StopGradient` itself is not in the list, since it has no gradient "
        "to compute."
    ),
    "stop.ops": "Operations the backward pass of `t.gradient(z, …)` went through:",
    "stop.summary.header": "Side by side",
    "stop.col.case": "case",
    "stop.col.ops": "ops differentiated, in order",
    "stop.ops.how": (
        "Listed by the hook the main page uses for its graph of recorded ops: TensorFlow calls "
        "one gradient function per recorded op on the way back from z, and each call is noted "
        "with its op's type. `ReadVariableOp` is the reading of a Variable, recorded like any "
        "other op (`x * x` reads x twice)."
    ),
    "stop.precise.guide": (
        "“In contrast to the global tape controls above, the `tf.stop_gradient` function is "
        "much more precise. It can be used to stop gradients from flowing along a particular "
        "path, without needing access to the tape itself.”"
    ),
    "stop.precise.truth": (
        "precise about the path, but it does not save the recording: the tape still records "
        "`y ** 2` and keeps what its gradient needs. With a persistent tape, dz/dy is "
        "{dz_dy} while d(y_sq)/dy is {dy_sq_dy}. To save the memory and time as well, pause "
        "the tape."
    ),
    "stop.error.docs": (
        "`stop_recording` raises “`RuntimeError`: if the tape is not currently recording.”"
    ),
    "stop.error.truth": (
        "TensorFlow 2.21 raises **{raised}** (“Tape is not recording.”), so an "
        "`except RuntimeError:` does not catch it. `t.reset()` after the block raises the "
        "same."
    ),
    "stop.quiz.1": "x = 3, and one of the two factors goes through `tf.stop_gradient`.",
    "stop.quiz.1.why": (
        "The stopped factor counts as the constant 3, so z = 3 · x to the tape: {answer}. The "
        "mathematics, d(x²)/dx = 6, is not what the code asked for."
    ),
    "stop.quiz.2": "A constant is watched, then the tape is reset.",
    "stop.quiz.2.why": (
        "{answer}: `reset()` is like starting a new tape, and a new tape watches no constant. "
        "Call `t.watch(x)` again after the reset to get 6.0. (A Variable needs no watch: it "
        "is watched again when read.)"
    ),
    "stop.quiz.3": "Two tapes record; only the outer one is paused.",
    "stop.quiz.3.why": (
        "`outer.stop_recording()` pauses the outer tape only: the inner one recorded "
        "`x * x`, so it returns {answer}."
    ),
    # 13 custom gradients
    "custom.intro": (
        "`tf.custom_gradient` lets you write the backward pass of a function yourself: the "
        "function returns its value and a `grad` function that turns the gradient arriving "
        "at its output (`upstream`) into the gradient for its input. The guide lists the "
        "reasons: a gradient that is more stable numerically, a cached value, or a gradient "
        "you want to change, such as clipping. Each claim below is checked live."
    ),
    "custom.stable.header": "A stable log(1 + eˣ)",
    "custom.stable.explain": (
        "The `tf.custom_gradient` docs' example. In float32, eˣ overflows to `inf` above "
        "x ≈ 88.7; the plain tape's gradient then computes `inf / inf`. The custom gradient "
        "writes the derivative as 1 − 1/(1 + eˣ), which stays 1.0. Choose x:"
    ),
    "custom.col.how": "computed by",
    "custom.col.value": "log(1 + eˣ)",
    "custom.col.gradient": "d/dx",
    "custom.exact": "SymPy, exact",
    "custom.digits": "SymPy's exact value and derivative at x = {x}, to 50 digits:",
    "custom.stable.docs": (
        "“With this definition, the gradient at x=100 will be correctly evaluated as 1.0.”"
    ),
    "custom.stable.truth": (
        "the gradient, yes: {gradient}. The value is still {value}, because the forward pass "
        "computes `tf.math.log(1 + e)` with e = `inf`: a custom gradient repairs the backward "
        "pass only. `tf.math.softplus` repairs both: {softplus} and {softplus_gradient}. At "
        "x = 88 (table) the plain tape's gradient is not NaN but 0.0: 1/(1 + e) is below "
        "float32's smallest normal number and is flushed to zero."
    ),
    "custom.clip.header": "Clipping in the backward pass",
    "custom.clip.explain": (
        "The guide's `clip_gradients` is the identity going forward and clips the gradient "
        "going back. Here the loss is `scale * clip_gradients(v * v)` at v = 2. Change the "
        "scale, which is the gradient arriving at `clip_gradients`:"
    ),
    "custom.clip.scale": "scale (the gradient arriving at clip_gradients)",
    "custom.clip.clipped": "gradient through clip_gradients",
    "custom.clip.plain": "the same loss, unclipped (= SymPy's 2·scale·v)",
    "custom.clip.after": (
        "`backward` receives dy = {scale} and passes on at most 0.5; the tape then multiplies "
        "by d(v·v)/dv = 2v = 4. Clipping limits the gradient at the point where "
        "`clip_gradients` sits, not the gradient that reaches v."
    ),
    "custom.clip.guide": ('`print(t.gradient(output, v))  # calls "backward", which clips 4 to 2`'),
    "custom.clip.truth": (
        "`backward` never sees 4: it receives dy = 1 (the gradient of `output` with respect "
        "to `v * v`) and clips it to 0.5; 0.5 · 2v = {gradient}. The printed number is right, "
        "the comment is not: with a loss ten times larger, dy = 10 is clipped to 0.5 and the "
        "gradient is {ten} again."
    ),
    "custom.second.header": "A custom gradient covers one order",
    "custom.second.explain": (
        "With nested tapes, the inner `t0.gradient` runs `grad` while the outer tape `t1` "
        "records. So `t1` differentiates the ops `grad` ran, `1 - 1 / (1 + e)`, with "
        "TensorFlow's ordinary rules. At x = 100, e = `inf` and that derivative is NaN again. "
        "Switch to a `grad` built from `tf.sigmoid`, whose own gradient s·(1 − s) is computed "
        "from its output and never overflows."
    ),
    "custom.second.stable": "grad returns upstream * tf.sigmoid(x)",
    "custom.second.docs": (
        "“Nesting custom gradients can lead to unintuitive results. The default behavior does "
        "not correspond to n-th order derivatives.” (A custom gradient is often said to be "
        "ignored at second order.)"
    ),
    "custom.second.truth": (
        "it is not ignored: the second derivative is the ordinary derivative of what your "
        "`grad` computes. At x = 100 that gives {unstable} for `1 - 1 / (1 + e)` and {fixed} "
        "for `tf.sigmoid(x)`, where the exact value is {exact} (below float32's normal range, "
        "so 0.0 agrees). To make a rule of your own hold at second order, give `grad` a "
        "`tf.custom_gradient` of its own, as the docs' `op_with_fused_backprop` does."
    ),
    "custom.quiz.1": "x = 3, and a custom gradient that says 10.",
    "custom.quiz.1.why": (
        "The tape trusts your rule, right or wrong: {answer}, where d(x²)/dx is 6. Nothing "
        "checks a custom gradient against the forward pass; compare it with SymPy or with a "
        "finite difference yourself."
    ),
    "custom.quiz.2": "The guide's `clip_gradients` at v = 0.1.",
    "custom.quiz.2.why": (
        "dy = 1 arrives and is clipped to 0.5, then multiplied by 2v = 0.2: {answer}, half "
        "the true gradient 0.2, although 0.2 is far below the clipping norm."
    ),
    "custom.quiz.3": "Two inputs, and `grad` returns one gradient.",
    "custom.quiz.3.why": (
        "{answer}: `grad` must return one gradient per input (x and y), and TensorFlow checks "
        "the count when the tape calls it."
    ),
    # 14 Jacobians
    "jacobian.intro": (
        "`tape.gradient` gives the gradient of one scalar (of the sum, for several targets). "
        "The *Advanced automatic differentiation* guide's `tape.jacobian` gives every "
        "derivative of every element: the Jacobian matrix, a row per element of the target. "
        "Each value below sits beside SymPy's `jacobian` or `hessian`, at the same point."
    ),
    "jacobian.scalar.header": "A scalar source",
    "jacobian.scalar.explain": (
        "The guide's example: y = sigmoid(x + δ) for several x, and one scalar δ. The "
        "Jacobian with respect to a scalar has the target's shape: one derivative per "
        "element of y."
    ),
    "jacobian.tensor.header": "A tensor source",
    "jacobian.tensor.explain": (
        "y = (x0²·x1, 5·x0 + sin x1, x0·x1) maps two numbers to three: the Jacobian is 3 × 2, "
        "the target's shape followed by the source's. Beside each entry, SymPy's "
        "`Matrix.jacobian`."
    ),
    "jacobian.tensor.sum": (
        "`tape.gradient(y, x)` on the same tape differentiates the sum of y: each entry is a "
        "column sum of the Jacobian."
    ),
    "jacobian.batch.header": "batch_jacobian",
    "jacobian.batch.explain": (
        "A batch of four inputs, each row mapped to a row of outputs on its own. The full "
        "Jacobian relates every output row to every input row: shape (batch, outs, batch, "
        "ins), and the blocks between different rows are all zero. `batch_jacobian` computes "
        "only the diagonal blocks: (batch, outs, ins)."
    ),
    "jacobian.batch.off": "largest entry between different rows",
    "jacobian.batch.diagonal": "largest |diagonal of j − jb|",
    "jacobian.batch.sympy": (
        "Against SymPy's Jacobian at each row of the batch: {count} entries, largest "
        "difference {worst}: {verdict}."
    ),
    "jacobian.batch.every": "Every entry beside SymPy",
    "jacobian.shape.guide": (
        "“The full Jacobian of `y` with respect to `x` has a shape of `(batch, ins, batch, outs)`”."
    ),
    "jacobian.shape.truth": (
        "the target's axes come first, then the source's: `(batch, outs, batch, ins)`. Here "
        "y is {y_shape} and x is {x_shape}, and `j.shape` is {shape}. The guide's own "
        "`tf.einsum('bxby->bxy', j)` works because it reads the axes in this order."
    ),
    "jacobian.hessian.header": "A Hessian, and a Newton step with it",
    "jacobian.hessian.explain": (
        "There is no `tape.hessian`: the Hessian is the Jacobian of the gradient. The inner "
        "tape's gradient is computed while the outer tape records, then the outer tape's "
        "`t1.jacobian` differentiates it. A Newton step moves to x − H⁻¹g, by "
        "`tf.linalg.solve` (the guide adds 10⁻³·I to H against a singular matrix; this H is not "
        "singular at these points). "
        "SymPy computes the same step in exact fractions. f = x⁴ + x·y + (1 + y)²:"
    ),
    "jacobian.hessian.step_formula": "x − H⁻¹g, in exact fractions",
    "jacobian.hessian.uphill": (
        "The step went uphill: f rose from {before} to {after}. Newton's step goes to where "
        "the quadratic model's gradient vanishes, and with H = {hessian}, not positive "
        "definite, that point is a saddle of the model, not a minimum."
    ),
    "jacobian.hessian.downhill": "One Newton step: f fell from {before} to {after}.",
    "jacobian.quiz.1": "y has 2 elements, x has 3. What does the last line return?",
    "jacobian.quiz.1.why": (
        "{answer}: the target's shape (2) followed by the source's (3). Each row is the "
        "gradient of one element of y."
    ),
    "jacobian.quiz.2": "A Jacobian with respect to a Variable y does not use.",
    "jacobian.quiz.2.why": (
        "{answer}, as with `tape.gradient`: no recorded path from x to y. "
        '`unconnected_gradients="zero"` gives a 2 × 2 matrix of zeros instead.'
    ),
    "jacobian.quiz.3": "`batch_jacobian` with a target of 3 rows and a source of 2.",
    "jacobian.quiz.3.why": (
        "{answer}: `batch_jacobian` pairs row i of the target with row i of the source, so "
        "their first dimensions must match. It checks only that; whether the rows really are "
        "independent is yours to know."
    ),
    # 15 errors worth seeing
    "errors.intro": (
        "The *Introduction to gradients* guide ends with the ways a gradient goes missing "
        "without a bug in your mathematics: an op whose gradient nobody wrote, an integer or a "
        "string on the way, and a stateful object in the middle. Some raise an error, most "
        "return `None` in silence. Each snippet below runs here, as shown."
    ),
    "errors.registry.header": "No gradient registered",
    "errors.registry.explain": (
        "Every op TensorFlow records needs a gradient function in its *registry* for the "
        "backward pass. `tf.image.adjust_contrast` runs the op `AdjustContrastv2`, which has "
        "none: the forward pass works, `tape.gradient` does not."
    ),
    "errors.round.explain": (
        "An op may also be registered as **not differentiable** on purpose: its gradient "
        "function says “no gradient”, and the tape returns `None` without a word. `tf.round` is "
        "one (its true derivative is 0 almost everywhere, and undefined at the jumps):"
    ),
    "errors.registry.guide": (
        "“If you attempt to take a gradient through a float op that has no gradient "
        "registered the tape will throw an error instead of silently returning `None`.”"
    ),
    "errors.registry.truth": (
        "it does, and the error is **{raised}**, Python's own class, not one of `tf.errors`: "
        "an `except tf.errors.OpError:` lets it through. It comes from `tape.gradient`, not "
        "from the line that ran the op. The guide's second way out is to write the function "
        "with ops that have gradients:"
    ),
    "errors.byhand.explain": (
        "`adjust_contrast` moves every pixel away from the image's mean by the factor δ: "
        "(p − mean)·δ + mean. Written so, the tape can differentiate it. Choose δ:"
    ),
    "errors.byhand.same": "same image as adjust_contrast",
    "errors.dtype.header": "Integers and strings",
    "errors.dtype.explain": (
        "Only floating-point (and complex) tensors carry gradients. An integer or a string "
        "on the path from x to y cuts it. Four ways that happens, each with what TensorFlow "
        "returned and what it logged:"
    ),
    "errors.case.integer_watched": "a watched int",
    "errors.case.integer_times_float": "int × 1.5",
    "errors.case.cast_to_integer": "a cast to int32",
    "errors.case.through_a_string": "through a string",
    "errors.case.integer_watched.explain": (
        "The guide's example. `tf.constant(10)` has no decimal point, so it is int32. "
        "`g.watch(x)` logs a warning and watches it anyway; the gradient is `None`."
    ),
    "errors.case.integer_times_float.explain": (
        "TensorFlow does not convert an int32 tensor to float: `x * 1.5` fails while the "
        "tape records, so `g.gradient` is never reached. An error, at least, says where."
    ),
    "errors.case.cast_to_integer.explain": (
        "The quiet one. x is a float, the result is a float, and nothing is logged, but the "
        "int32 in the middle carries no gradient: `None`. A cast to an integer is rounding, "
        "and rounding has no useful derivative."
    ),
    "errors.case.through_a_string.explain": (
        "Nobody expects a string to carry a gradient: `as_string` and `to_number` are "
        "registered as not differentiable, and the tape returns `None`, silently."
    ),
    "errors.logged.nothing": "Nothing was logged.",
    "errors.logged.first_n": (
        "TensorFlow logs the warning about a watched integer only the first 5 times in a "
        "process (`logging.log_first_n`): on a server that has shown it five times already, "
        "the same code returns `None` and the tab says nothing was logged."
    ),
    "errors.dtype.guide": (
        "“TensorFlow doesn't automatically cast between types, so, in practice, you'll often "
        "get a type error instead of a missing gradient.”"
    ),
    "errors.dtype.truth": (
        "only where an int tensor meets a Python float: **{raised}**. An explicit `tf.cast` to "
        "an integer gives {cast}, a trip through a string {string}, with no error and no "
        "warning: the warning comes from `watch` only, and a Variable needs no `watch`. And a "
        "float tensor times an int tensor raises an error that is not a `TypeError` at all "
        "(quiz, question 2)."
    ),
    "errors.state.header": "A stateful object in the middle",
    "errors.state.explain": (
        "A tensor has a value; a `tf.Variable` has a *state*, which `assign_add` changes. "
        "The tape records reads of a Variable, not how its state came to be: after "
        "`x1.assign_add(x0)`, x1 holds x1 + x0, but to the tape it is just x1. SymPy "
        "differentiates y = (x1 + x0)² at the values before the assign (x1 = 0). Choose x0:"
    ),
    "errors.state.after": (
        "dy/dx0 is `None`: `assign_add` is not a differentiable op on the path, it writes "
        "state. dy/dx1 is right (2·(x1 + x0) with x1's old value is 2·x1 with its new one), "
        "and computing x1 + x0 as a tensor, without the assign, makes dy/dx0 right too."
    ),
    "errors.pipes.guide": (
        "“Similarly, `tf.data.Dataset` iterators and `tf.queue`s are stateful, and will stop "
        "all gradients on tensors that pass through them.”"
    ),
    "errors.pipes.truth": (
        "they do: a value that went into a queue or a dataset comes out with no path back "
        "to x. `None` both times, with no error and no warning."
    ),
    "errors.quiz.1": "x = 2.4, and one of the two factors is rounded.",
    "errors.quiz.1.why": (
        "{answer}: by the product rule, round(x)·1 + x·round′(x). `tf.round` has no gradient, "
        "so its term adds nothing, and round(2.4) = 2 is left. A `None` inside a sum is "
        "skipped, not passed on; here that is even right, since round′(2.4) = 0."
    ),
    "errors.quiz.2": "A float32 tensor times an int32 tensor, under a tape.",
    "errors.quiz.2.why": (
        "**{answer}**: two tensors of different dtypes are not converted, and `Mul` refuses "
        "the pair while the tape records. It is not a `TypeError` (it is one of `tf.errors`), "
        "so `except TypeError:` does not catch it. `tf.cast(n, tf.float32)` repairs it."
    ),
    "errors.quiz.3": "The position of the largest element, cast to float.",
    "errors.quiz.3.why": (
        "{answer}: `tf.argmax` returns an int64 position, which carries no gradient, and the "
        "cast back to float32 cannot bring one back. (Mathematically the derivative is 0 "
        "almost everywhere: a small change to x does not move the largest element.)"
    ),
}
