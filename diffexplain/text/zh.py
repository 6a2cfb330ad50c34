"""讲义页面的中文文本（键与 `en.py` 相同）。"""

TEXT = {
    # 所有讲义页共用
    "common.notes_say": "讲义上说：",
    "common.truth": "TensorFlow 实际的行为：",
    "common.no_error": "没有报错：TensorFlow 接受了这个值。",
    "common.raised": "TensorFlow 抛出了 **{type_name}**：",
    "common.raised_metric": "抛出 {type_name}",
    "common.previous": "上一页：{title}",
    "common.next": "下一页：{title}",
    "present.toggle": "演示模式",
    "present.help": (
        "用于投影：字号更大，侧边栏收起，页面一次只显示一节。按键：← 和 →（或 PageUp 和 "
        "PageDown）在各节之间切换。带 `?present=1` 的链接会直接以此模式打开。"
    ),
    "present.previous": "上一节",
    "present.previous.help": "上一节（← 或 PageUp）",
    "present.next": "下一节",
    "present.next.help": "下一节（→ 或 PageDown）",
    "present.exit": "退出演示模式：显示整页，侧边栏恢复",
    "common.code": "实际运行的代码（改动控件就会重新运行）：",
    "common.output": "打印与返回的结果：",
    "common.printed": "打印结果：",
    "common.no_output": "（没有打印任何内容）",
    "common.how_it_runs": "页面如何运行这段代码并读取结果",
    "common.download.note": (
        "由 diffexplain 生成。用 `python`（或在 Jupyter 中）运行它，会打印出页面上显示的结果。"
    ),
    "common.download.notebook": "本页代码：笔记本（.ipynb）",
    "common.download.script": "本页代码：脚本（.py）",
    "common.yes": "是",
    "common.no": "否",
    "common.col.name": "名称",
    "common.col.kind": "类",
    "common.col.shape": "形状",
    "common.col.dtype": "dtype",
    "common.col.trainable": "可训练",
    "common.guide_says": "指南上说：",
    "common.docs_say": "TensorFlow 的 API 文档说：",
    "common.col.what": "计算的量",
    "common.col.tape": "磁带（float32）",
    "common.col.formula": "SymPy 的导数",
    "common.col.exact": "精确值",
    "common.col.verdict": "结论",
    "common.agree": "✅ 一致",
    "common.differ": "❌ 不一致",
    "common.verdict.none": "None：没有记录的路径",
    "quiz.header": "小测验：预测磁带返回什么",
    "quiz.explain": (
        "打开答案之前先想好：是一个数、`None`，还是报错？答案没有事先写好：打开时才会在这里"
        "实际运行这段代码。"
    ),
    "quiz.reveal": "显示答案",
    "quiz.returned": "这段代码返回",
    # 01 常量与变量
    "constvar.intro": (
        "TensorFlow 用两种“容器”装数字。**`tf.constant`** 是创建时就定死数值的张量：只能用它算"
        "出*新的*张量，不能改它本身。**`tf.Variable`** 像一个盒子，里面装着一个张量，可以原地改"
        "写。模型的权重放在 Variable 里；对浮点类型、可训练的 Variable，`GradientTape` 不用吩咐"
        "就会跟踪。"
    ),
    "constvar.create.header": "同样的数，两种容器",
    "constvar.create.values": "数字写成",
    "constvar.create.explain": (
        "字面量决定 dtype：`1.0` 得到 float32，`1` 得到 int32。`print` 显示常量为 "
        "`tf.Tensor(…)`，显示变量为 `<tf.Variable …>`。"
    ),
    "constvar.create.dtype": "dtype",
    "constvar.create.trainable": "v.trainable",
    "constvar.create.gradient": "sum(v²) 的梯度",
    "constvar.int.notes": (
        "用 `v = tf.Variable([1, 2, 3])` 作为（可训练）变量的例子，接着 `v.assign([4, 5, 6])`。"
    ),
    "constvar.int.truth": (
        "不带小数点的这些数会得到一个 **int32** 变量。它的 `trainable` 仍然是 `True`，`assign` "
        "也能用，但磁带从不对整数求导：梯度是 `None`。想训练的变量请写 `[1.0, 2.0, 3.0]`（或传 "
        "`dtype=tf.float32`）。切换上面的选项，两种情况都能看到。"
    ),
    "constvar.change.header": "试着修改常量",
    "constvar.change.value": "左上角的新值",
    "constvar.change.explain": (
        "每种尝试都真的运行了；下面的文字就是 TensorFlow 抛出的异常，被捕获后显示出来。"
    ),
    "constvar.change.item": "`c[0][0] = …`，讲义的写法",
    "constvar.change.tuple": "`c[0, 0] = …`，NumPy 的写法",
    "constvar.change.assign": "`c.assign(…)`",
    "constvar.change.rebuilt": (
        "可行的做法：生成一个新张量。`tf.tensor_scatter_nd_update` 返回 `{rebuilt}`，而 `c` 仍"
        "然是 `{unchanged}`。"
    ),
    "constvar.autodiff.header": "磁带会对常量求导吗？",
    "constvar.autodiff.notes": (
        "对比表里，`tf.constant` 和 `tf.Variable` 一样在“自动微分支持”一栏打了 ✅。"
    ),
    "constvar.autodiff.truth": (
        "只有告诉磁带要监视常量，它才会对常量求导。没有 `tape.watch(x)` 时 x² 的梯度是 `None`；"
        "有了它，x = 3 处是 6.0。（详见第 5 页。）"
    ),
    "constvar.autodiff.without": "常量，不 watch",
    "constvar.autodiff.with": "常量，tape.watch(x)",
    "constvar.scene.header": "讲义中的典型场景",
    "constvar.scene.explain": (
        "学习率这类设置保持为常量；权重和偏置是变量，优化器才能更新它们，磁带也才能对它们求梯度。"
    ),
    "constvar.scene.inputs": "输入数",
    "constvar.scene.outputs": "输出数",
    # 02 assign
    "assign.intro": (
        "变量用三个方法**原地**修改：`.assign(new)` 替换数值，`.assign_add(d)` 加上 `d`，"
        "`.assign_sub(d)` 减去 `d`。变量还是同一个对象（优化器一直引用着它），变的只是里面的数"
        "值。只有 `tf.Variable` 有这些方法：在常量上调用会抛出 `AttributeError`（见第 1 页）。"
    ),
    "assign.update.header": "三个方法",
    "assign.update.method": "方法",
    "assign.update.operand": "传给方法的值",
    "assign.update.before": "之前",
    "assign.update.after": "之后",
    "assign.returns.header": "这些方法返回什么",
    "assign.returns.explain": (
        "讲义只用这些方法的效果，从不看它们的返回值。但在 notebook 里，以 `v.assign_add(…)` 结尾"
        "的单元格会显示 `<tf.Variable 'UnreadVariable' …>`：它不是 `v`，不是需要保存的新变量，也"
        "不是副本，而是 `v` 的一个类似变量的视图，其值随 `v` 而变。继续使用 `v` 即可。传入 "
        "`read_value=False` 时，这些方法返回 `None`。"
    ),
    "assign.returns.follows": "v.assign(全零) 之后的返回值",
    "assign.accept.header": "哪些新值会被接受？",
    "assign.accept.explain": (
        "选一个方法、一个变量和一个新值：这个组合会真的运行，显示变量的新内容或 TensorFlow 的异常。"
    ),
    "assign.accept.variable": "变量",
    "assign.accept.new": "新值",
    "assign.new.python_ints": "[4, 5, 6]：Python 整数",
    "assign.new.python_floats": "[4.5, 5.5, 6.5]：Python 浮点数",
    "assign.new.too_short": "[4, 5]：长度不够",
    "assign.new.scalar": "10：一个标量",
    "assign.new.int32_tensor": "int32 张量",
    "assign.new.float64_tensor": "float64 张量",
    "assign.accept.after": "之后的 v",
    "assign.shape.notes": "新值的形状必须和变量一致，否则报错。",
    "assign.shape.truth": (
        "没错，而且不止于此。**不做广播**，标量也不行：把 `10` 赋给长度为 3 的向量是形状错误。"
        "**dtype 也得匹配**：Python 列表会被转换（`tf.Variable([1.0, 2.0, 3.0]).assign([4, 5, "
        "6])` 得到 `[4.0, 5.0, 6.0]`），但其他 dtype 的张量会被拒绝（`ValueError`），浮点数也放"
        "不进 int32 变量（`TypeError`）。形状规则有一个例外：用 `shape=tf.TensorShape(None)` 创"
        "建的变量可以改变形状。"
    ),
    "assign.gradient.header": "梯度能穿过 assign 吗？",
    "assign.gradient.notes": (
        "表格里 `.assign()`、`.assign_add()`、`.assign_sub()` 的“支持梯度传播”都是 ✅，并说在 "
        "`tf.GradientTape()` 中使用时依然可以正常反向传播。"
    ),
    "assign.gradient.truth": (
        "赋值不是可微运算。执行 `w.assign(3 * u)` 之后，磁带把 `w` 当作装着新值的输入，而不是 "
        "`u` 的函数：虽然 y = 9u²，**dy/du 却是 None**；不用 assign 的同样算式给出 18u。dy/dw "
        "则按 w 的新值计算。assign 应该用来*应用*梯度（在磁带之外），而不是放进要求导的计算里。"
    ),
    "assign.gradient.u": "u",
    "assign.gradient.through": "经过 w.assign(3u) 的 dy/du",
    "assign.gradient.without": "w = 3u（不用 assign）的 dy/du",
    "assign.gradient.dw": "assign 之后的 dy/dw",
    "assign.step.header": "assign 该用在哪里：一步梯度下降",
    "assign.step.explain": (
        "讲义中的训练步骤：磁带给出 d(损失)/dW，然后在磁带之外用 `W.assign_sub(lr * grad)` 让 "
        "W 往下坡走。从 W = 5、学习率 0.1 出发，梯度是 4.0，W 变成 4.6。"
    ),
    "assign.step.w": "W 的初值",
    "assign.step.lr": "学习率",
    "assign.step.loss": "损失",
    "assign.step.gradient": "d(损失)/dW",
    # 03 GradientTape 基础
    "tape.intro": (
        "`tf.GradientTape` 像一台录像机。在 `with tf.GradientTape() as tape:` 里面，TensorFlow "
        "记下作用在被监视张量上的每一个运算（可训练的变量会被自动监视）。之后 "
        "`tape.gradient(target, source)` 把录像倒着放，逐个运算应用链式法则，返回在当时取值处的 "
        "d target / d source。只要自己写训练循环，就会用到它。"
    ),
    "tape.steps": "三步：**1.** 打开磁带；**2.** 在里面做前向计算；**3.** 离开代码块后求梯度。",
    "tape.basic.header": "y = x²，所以 dy/dx = 2x",
    "tape.basic.x": "x",
    "tape.basic.y": "y",
    "tape.basic.dy_dx": "dy/dx",
    "tape.print.notes": (
        "第一个例子最后是 `print(dy_dx.numpy())`，并写输出为 `tf.Tensor(6.0, shape=(), "
        "dtype=float32)`。"
    ),
    "tape.print.truth": (
        "`.numpy()` 把张量变成 NumPy 数字，所以这一行只打印 **{printed_numpy}**。"
        "`tf.Tensor(…)` 的形式是不加 `.numpy()` 的 `print(dy_dx)` 打印的。两者的实时结果："
    ),
    "tape.scalar.header": "目标不是标量时",
    "tape.scalar.notes": "`tape.gradient(target, sources)` 的 target 必须是一个标量。",
    "tape.scalar.truth": (
        "标量（损失）是常见情形，但不是必需的。目标是向量时，磁带返回其各元素**之和**的梯度，所"
        "以 `tape.gradient(v * v, v)` 等于 `tape.gradient(tf.reduce_sum(v * v), v)`。想要每个元"
        "素各自的梯度，请用 `tape.jacobian`。"
    ),
    "tape.scalar.y": "y = v * v",
    "tape.scalar.of_vector": "y 的梯度",
    "tape.scalar.of_sum": "sum(y) 的梯度",
    # 04 persistent
    "persistent.intro": (
        "普通磁带只能用一次：第一次调用 `tape.gradient` 就会释放记录的内容，再调用会报错。"
        "`tf.GradientTape(persistent=True)` 只要磁带对象还在就保留记录，一次前向计算可以回答多"
        "个问题。"
    ),
    "persistent.twice.header": "一盘磁带，两个问题：y = x²，z = 2y",
    "persistent.twice.persistent": "persistent=True",
    "persistent.twice.x": "x",
    "persistent.twice.dy_dx": "dy/dx = 2x",
    "persistent.twice.dz_dx": "dz/dx = 4x",
    "persistent.twice.explain": (
        "关掉 `persistent`：第一个答案照样得到，第二次调用抛出 `RuntimeError`（代码捕获并打印"
        "了它，见代码旁）。"
    ),
    "persistent.partials.header": "z = x² + y²：两个偏导数",
    "persistent.partials.one_call": "一次调用：tape.gradient(z, [x, y])",
    "persistent.partials.dz_dx": "∂z/∂x = 2x",
    "persistent.partials.dz_dy": "∂z/∂y = 2y",
    "persistent.partials.notes": "没有 `persistent=True` 时，先求 ∂z/∂x 再求 ∂z/∂y 会报错。",
    "persistent.partials.truth": (
        "对*第二次调用*来说没错。不过一次调用就可以传入来源列表：`tape.gradient(z, [x, y])` 用"
        "普通磁带就能同时得到两个偏导数，在 (4, 3) 处是 8.0 和 6.0。`persistent=True` 是为多次"
        "调用（例如多个目标）准备的，而不是为多个来源。"
    ),
    "persistent.del.header": "`del tape` 做了什么",
    "persistent.del.notes": "用完持久化磁带后必须手动 `del tape` 释放资源（“重要！”）。",
    "persistent.del.truth": (
        "`del tape` 删除的是一个*名字*，不是磁带本身。当最后一个引用消失时，Python 才释放磁带及"
        "其保存的中间张量：只有在没有别的引用时 `del` 才会导致释放；而在函数里创建的磁带，函数"
        "返回时会自动释放。所以 `del tape` 在这个名字本来会一直存在的地方才有用：notebook、模块"
        "顶层，或者求完梯度后还要做大量计算的函数（在那里它在这一行就释放磁带，而不是等到函数返"
        "回）。写在函数最后一行则什么也不改变。之前算出的梯度始终有效。"
    ),
    "persistent.del.keep_alias": "保留另一个引用：`others = [tape]`",
    "persistent.del.dy_dx": "dy/dx，在 del 之前算出",
    "persistent.del.alive": "del 之后磁带还在吗？",
    "persistent.del.alive_later": "others.clear() 之后还在吗？",
    "persistent.del.function.header": "在函数里创建的磁带",
    "persistent.del.function": "在函数里创建、没有 `del` 的磁带，函数返回后还在吗？**{answer}**。",
    # 05 watch
    "watch.intro": (
        "磁带不会记录一切：它只跟踪*被监视*的张量。可训练的 `tf.Variable` 一旦在磁带里被读取，"
        "就会被自动监视。其他的（`tf.constant`、之前计算的结果、用 `trainable=False` 创建的变量"
        "）都要用 `tape.watch(x)` 点名。对未被监视的张量所做的运算不留痕迹，梯度返回 `None`。"
    ),
    "watch.demo.header": "监视与否：y = x²",
    "watch.kind": "x 是",
    "watch.kind.constant": "tf.constant",
    "watch.kind.variable": "tf.Variable",
    "watch.kind.frozen_variable": "tf.Variable(trainable=False)",
    "watch.dtype": "dtype",
    "watch.watch": "tape.watch(x)",
    "watch.accessed": "watch_accessed_variables=True",
    "watch.x": "x",
    "watch.gradient": "dy/dx",
    "watch.watched": "tape.watched_variables()",
    "watch.followed": "磁带跟踪了 x：dy/dx = 2x。",
    "watch.none.integer": (
        "`None`：x 是整数。磁带只对浮点（和复数）张量求导；监视整数只会打出警告“The dtype of "
        "the watched tensor must be floating”。"
    ),
    "watch.none.unwatched": (
        "`None`：没有人监视 x。常量需要 `tape.watch(x)`；`trainable=False` 的变量也需要；"
        "`watch_accessed_variables=False` 时任何变量都需要。"
    ),
    "watch.records.header": "磁带自己跟踪什么",
    "watch.records.notes": (
        "磁带会录制“涉及可训练变量 (`tf.Variable`)”的计算步骤，并“自动监控所有 `tf.Variable`”。"
    ),
    "watch.records.truth": (
        "它记录作用在任何*被监视*张量上的运算：被监视的常量和变量一样可以求导。而且并非每个变量"
        "都会被自动监视：`trainable=False` 的变量会被跳过，除非手动 watch；"
        "`GradientTape(watch_accessed_variables=False)` 只监视你点名的张量。三种情况（float32，"
        "x = 3）的实时结果："
    ),
    "watch.table.kind": "x 是",
    "watch.table.watch": "tape.watch(x)",
    "watch.table.gradient": "dy/dx",
    "watch.table.watched": "watched_variables()",
    "watch.int.note": (
        "int32 变量会出现在 `tape.watched_variables()` 里，梯度却是 `None`：被监视并不能让整数"
        "可导。"
    ),
    # 06 None 梯度
    "none.intro": (
        "当磁带认为目标不依赖于来源、也就是两者之间没有记录下来的路径时，`tape.gradient` 返回 "
        "`None` 而不是数字。这不是错误，所以才让人困惑：`None` 往往到后面才出问题，比如在更新步"
        "骤里变成 `TypeError: unsupported operand type(s) for *: 'float' and 'NoneType'`。先看"
        "讲义中的四种情况，每种都配有修正写法；然后是一个可以自己动手的沙盒。"
    ),
    "none.cases.header": "讲义中的四种情况",
    "none.as_written": "讲义描述的写法",
    "none.repaired": "修正后",
    "none.case.no_path.title": "1 · 来源到目标之间没有路径",
    "none.case.no_path.repair": (
        "如果 y 确实不依赖 x，导数就是 0：用 "
        "`unconnected_gradients=tf.UnconnectedGradients.ZERO` 直接要这个 0。"
    ),
    "none.case.integer.title": "2 · 整数类型的变量",
    "none.case.integer.repair": "把变量改成浮点数：`tf.Variable(3.0)`。",
    "none.case.numpy.title": "3 · 绕道 NumPy",
    "none.case.numpy.repair": "留在 TensorFlow 里：用 `tf.square(x)` 代替 `np.square(x.numpy())`。",
    "none.case.numpy.mistake": (
        "更常见的失误是在磁带里直接对变量写 `np.square(x)`。NumPy 先把 x 转成数组，返回的是 "
        "`{y_type}`，不是张量，磁带无从查找：这时 `tape.gradient` 不会返回 `None`，而是抛出错误。"
    ),
    "none.case.numpy.mistake.title": "3 · 在磁带里写 np.square(x)",
    "none.case.outside.title": "4 · 在磁带之外计算",
    "none.case.outside.repair": "像 `y2` 那样，在 `with` 代码块里计算目标。",
    "none.outside.notes": "第四种原因是变量“被放置在 `with tape` 代码块之外创建或计算”。",
    "none.outside.truth": (
        "只有在外面*计算*才有影响。在磁带外创建变量是正常做法，讲义自己的例子就是这样：x 在外面"
        "创建，而在里面计算的 `y2 = x + 1` 梯度是 **{repaired}**。（讲义接着对同一个磁带问了两次；"
        "除非它是 `persistent=True`，第二次调用会抛出 `RuntimeError`，所以上面的代码用了 "
        "`persistent=True`。）"
    ),
    "none.sandbox.header": "沙盒：自己把它弄坏",
    "none.sandbox.explain": (
        "开关全关是健康的情形：y = x · x，x = 3，梯度 6.0。每个开关会在下面的代码里添加、修改或"
        "移动一行；随意组合：显示的代码就是运行的代码，旁边是它打印的内容。"
    ),
    "none.switch.constant": "x = tf.constant(…)，而不是 tf.Variable",
    "none.switch.watch": "tape.watch(x)",
    "none.switch.integer": "用 int32 代替 float32",
    "none.switch.replace_with_tensor": "磁带之前 x = x + 1",
    "none.switch.numpy_detour": "y 绕道 NumPy：x.numpy()",
    "none.switch.outside_tape": "在磁带之前计算 y",
    "none.switch.assign_add_inside": "在磁带里 x.assign_add(1)",
    "none.switch.stop_gradient": "y = tf.stop_gradient(y)",
    "none.switch.stop_recording": "在 tape.stop_recording() 里计算 y",
    "none.switch.zero_if_unconnected": "unconnected_gradients=ZERO",
    "none.sandbox.result": "tape.gradient(y, x)",
    "none.sandbox.healthy": "没有任何原因成立：从 x 到 y 的路径被完整记录了。",
    "none.sandbox.causes": "为什么没有梯度：",
    "none.sandbox.notes": "另外值得知道：",
    "none.cause.integer": "**整数类型。** x 是 int32；无论是否监视，磁带都不对整数求导。",
    "none.cause.replaced_by_tensor": (
        "**变量被张量替换了。** 磁带之外的 `x = x + 1` 让名字 `x` 指向一个新的普通张量，而没有"
        "人监视它。（训练循环里的经典错误：要修改变量，请写 `x.assign_add(1)`。）"
    ),
    "none.cause.constant_not_watched": (
        "**常量没有被监视。** 只有变量会被自动监视；请调用 `tape.watch(x)`。"
    ),
    "none.cause.numpy_detour": (
        "**绕道 NumPy。** `x.numpy()` 离开了 TensorFlow；结果作为一个新常量回来，和 x 之间没有"
        "记录的联系。"
    ),
    "none.cause.outside_tape": "**在磁带之外计算。** y 在磁带开始录制之前就算好了。",
    "none.cause.stop_recording": "**暂停了录制。** 在 `tape.stop_recording()` 里什么也不记录。",
    "none.cause.stop_gradient": (
        "**`tf.stop_gradient`。** 它的输出在求导时被当作常量：路径是故意切断的。"
    ),
    "none.note.no_assign_on_tensor": (
        "`assign_add` 只有 `tf.Variable` 才有：在常量或普通张量上调用会抛出 `AttributeError`，"
        "根本算不到梯度。"
    ),
    "none.note.assign_moves_value": (
        "`assign_add` 不会报错，也不是 `None` 的原因：磁带不对赋值本身求导，它读的是 x 的*新值"
        "*（{moved}），所以梯度是 2 · {moved} = {gradient}，而不是 2 · {at}。"
    ),
    "none.note.assign_not_a_cause": (
        "`assign_add` 不会报错，也不是 `None` 的原因：磁带读的是 x 的*新值*（{moved}），本来会在"
        "这个值处对 y 求导。`None` 来自上面列出的原因。"
    ),
    "none.note.gradient_for_the_new_tensor": (
        "在 `x = x + 1` 之后再 watch，得到的是对*新张量* x + 1（{moved}）的梯度：2 · {moved} = "
        "{gradient}，而不是对算出它的那个 x 的梯度。"
    ),
    "none.note.watch_on_variable_is_harmless": (
        "对变量调用 `tape.watch` 没有坏处：它本来就会被监视。"
    ),
    "none.note.zero_instead_of_none": (
        "用了 `unconnected_gradients=ZERO`，同样缺失的路径给出 0 而不是 `None`：对优化器很方便"
        "，却掩盖了上面的原因。"
    ),
    # 07 高阶导数
    "higher.intro": (
        "在外层磁带录制期间算出的梯度，本身也是一段被记录的计算，所以外层磁带可以再对它求导。两"
        "层嵌套得到二阶导数，层数更多就得到更高阶。旁边是 SymPy 给出的精确导数。"
    ),
    "higher.nested.header": "嵌套磁带：y = x³",
    "higher.sympy.code": "用 SymPy 求同样的导数",
    "higher.x": "x",
    "higher.inside": "在外层磁带里计算 dy_dx（讲义的写法）",
    "higher.tape.header": "嵌套磁带（TensorFlow，float32）",
    "higher.sympy.header": "精确导数（SymPy）",
    "higher.dy_dx": "dy/dx",
    "higher.d2y_dx2": "d²y/dx²",
    "higher.agree": "在 x = {x} 处，磁带与 SymPy 一致：{first} 和 {second}。",
    "higher.differ": "在 x = {x} 处，磁带与 SymPy 不一致。",
    "higher.outside": (
        "`dy_dx` 是在外层磁带 `t1` 停止录制之后才算的，`t1` 到它没有路径，所以二阶导数是 "
        "`None`。这一行的缩进很关键。"
    ),
    "higher.nesting.notes": (
        "磁带“还能嵌套使用”来计算二阶导数；例子把 `t0.gradient` 放在外层 `with` 代码块里，但没"
        "有说明为什么。"
    ),
    "higher.nesting.truth": (
        "只嵌套 `with` 语句还不够：外层磁带需要*记录下*内层的梯度计算。`t0.gradient(y, x)` 必须"
        "在 `t1` 仍在录制时、也就是在它的代码块里运行。放到代码块之后，`dy_dx` 仍是 {first}，但 "
        "`t1.gradient(dy_dx, x)` 是 `None`。切换上面的开关就能看到。"
    ),
    "higher.misplaced": "t0.gradient 放在 t1 代码块之后的 d²y/dx²",
    "higher.line.header": "等于 0 的二阶导数会以 None 返回",
    "higher.line.explain": (
        "对 y = 3x，无论 x 是多少，dy/dx 都是 3。外层磁带确实记录了内层的梯度计算，但其中没有一"
        "个运算读取 x，所以 `t1.gradient` 找不到通往 x 的路径，返回 `None` 而不是 0。如果你要的"
        "是 0，就明确要求：`unconnected_gradients=tf.UnconnectedGradients.ZERO`。"
    ),
    "higher.line.dy_dx": "y = 3x：dy/dx",
    "higher.line.d2y_dx2": "y = 3x：d²y/dx²",
    "higher.line.zero": "用 ZERO 的 d²y/dx²",
    "higher.link": "在主页面打开这个例子：[x³，x = {x}，二阶]({url})",
    # 09 速查表
    "summary.intro": (
        "讲义的速查表，再加上学生问得最多的问题。每一行列出相关的调用，链接到对应的页面，并在一段"
        "简短的程序里用到它们：右边的框是这段程序实时运行时打印的内容。"
    ),
    "summary.row.constvar": "常量还是变量",
    "summary.row.assign": "原地修改变量",
    "summary.row.record": "开始录制",
    "summary.row.gradient": "计算梯度",
    "summary.row.watch": "监视张量",
    "summary.row.persistent": "多次求梯度",
    "summary.row.higher": "高阶导数",
    "summary.row.none": "什么时候是 None，为什么",
    "summary.none.how": (
        "没有记录的路径：x 没用上、整数类型、绕道 NumPy、在磁带外计算、常量未监视、stop_gradient"
    ),
    "summary.open": "打开",
    # 主页面（pages/00_explain.py）与结果显示（diffexplain/ui/display.py）
    "main.caption": (
        "输入一个函数。SymPy 精确求导；TensorFlow 用嵌套的 `GradientTape` 在某一点算出同样的导数；"
        "表格告诉你两者是否一致。"
    ),
    "main.function": "函数",
    "main.function.help": (
        "运算符 + − * / ^，隐式乘法（2x、x(1−x)），函数 sin cos tan exp log sqrt abs tanh sigmoid "
        "relu …，常数 pi 和 e。不带括号的函数作用于后面的整个乘积：sin 2x 是 sin(2x)，"
        "e^2x 是 e^(2x)。方括号里的列表 [x*y, sin(x)] 是向量值函数：得到它的雅可比矩阵。"
        "按回车更新。"
    ),
    "main.examples": "示例",
    "main.examples.placeholder": "选一个示例…",
    "main.order": "阶数",
    "main.differentiating": "SymPy 正在求导…",
    "main.loading_tf": "正在加载 TensorFlow（每个服务器只加载一次，约 5 秒）…",
    "main.defaulted": "没有给 {names} 赋值：按 1.0 计算。",
    "main.exact.header": "精确导数（SymPy）",
    "main.exact.raw": "{name}：`diff` 直接给出的形式（化简前）",
    "main.agreement.header": "对照：嵌套 GradientTape（{dtype}）与精确值",
    "main.graph.header": "磁带记录下的运算",
    "main.verdict.agree": (
        "全部 {rows} 个值在 {dtype} 舍入误差内一致"
        "（|自动微分 − 精确值| ≤ {absolute} + {relative}·|精确值|）。"
    ),
    "main.verdict.differ": "{rows} 个值中有 {count} 个不一致：{names}。原因见表格下方的说明。",
    "main.verdict.unknown": (
        "{rows} 个精确值中有 {count} 个未知：{names}。它们没有一位数字能及时确定，"
        "因此不评判磁带在那里的值；原因见表格下方的说明。"
    ),
    "main.exact.unknown": "未知",
    "vector.first_order": (
        "函数列表只求一次导：它的一阶导数组成雅可比矩阵，所以这里不使用阶数（{order}）。"
    ),
    "vector.exact.header": "精确雅可比矩阵（SymPy 的 jacobian）",
    "vector.tape.header": "磁带的雅可比矩阵（tape.jacobian，{dtype}）",
    "vector.tape.explain": (
        "各分量堆叠成一个张量 `y = tf.stack([f1, …])`，各变量堆叠成 `x`；"
        "`tape.jacobian(y, x)` 对 `y` 的每个分量做一次反向传播，每次得到矩阵 ∂fᵢ/∂xⱼ 的一行"
        "（TensorFlow 用 `pfor` 把这些反向传播向量化，作为一批一起运行）。"
        "`tape.gradient(y, x)` 只会给出各列之和。"
    ),
    "vector.agreement.header": "一致性：tape.jacobian（{dtype}）与精确值，逐个元素比较",
    "vector.col.formula": "精确公式",
    "vector.col.note": "说明",
    "main.col.exact": "精确值（SymPy）",
    "main.col.autodiff": "自动微分（磁带）",
    "main.col.rel_error": "相对误差",
    "main.col.agree": "一致",
    "main.graph.every_op": "显示全部运算",
    "main.graph.every_op.help": "同时显示簿记运算（Const、Shape、Reshape 等）",
    "main.graph.step": "按 TensorFlow 执行的顺序逐个查看运算",
    "main.graph.too_big": (
        "{count} 个运算太多，画不清楚（上限 {limit}）：请降低阶数或换一个小一点的函数。"
        "下面的统计数字仍然有效。"
    ),
    "main.graph.hint": (
        "在框内滚动可移动查看计算图，用上方的滑块缩放，或用全屏按钮查看整张图；"
        "把鼠标移到节点上可看到完整的求导法则。"
    ),
    "main.graph.current": "第 {id} 个运算：{op}，属于{stage}",
    "main.graph.download": "下载计算图（DOT）",
    "main.graph.forward": "前向：{count} 个运算",
    "main.graph.tape": "磁带 t{tape} 反向：{count} 个运算",
    "main.graph.bookkeeping": "（含簿记运算）",
    "main.graph.none": "没有记录到计算图。",
    # 计算图缺失或只显示部分磁带的原因（budget.MAX_GRAPH_OPS）
    "graph.too_big": (
        "全部 {order} 层磁带的计算图约有 {ops} 个运算，太多，无法及时记录（最多 {limit} 个）："
        "这里显示前向计算和磁带 t0 到 t{last}（{count} 个运算）。上面的表格有每一阶的结果。"
    ),
    "graph.none_fits": (
        "磁带的计算图约有 {ops} 个运算，即使只看最内层的磁带 t0 也太多，"
        "无法及时记录（最多 {limit} 个）。上面的表格有每一阶的结果。"
    ),
    "graph.time": (
        "服务器太忙，没能在 {seconds} 秒内记录计算图；上面的表格有全部数值。刷新页面可以再试一次。"
    ),
    "graph.failed": "计算图无法记录（{error}）。",
    "main.graph.op": "第 {id} 个运算",
    "main.graph.legend": "颜色：",
    "main.graph.wide": "横跨整页",
    "main.graph.wide.help": "让计算图占满整页宽度，步骤显示在它下方；关闭时它在步骤旁边。",
    "main.graph.zoom": "缩放",
    "main.graph.zoom.help": "100% 时标签为正常阅读大小；在图框内滚动可移动查看整张图。",
    "main.graph.alt": "磁带记录下的运算图：每个方框是一个运算及其值和法则，箭头从输入指向运算。",
    # 计算图的各阶段与用文字表述的法则（diffexplain/figures/draw.py 读取）
    "graph.stage.inputs": "输入",
    "graph.stage.forward": "前向计算",
    "graph.stage.tape": "磁带 t{tape} 反向（{order} 阶）",
    "graph.rule.general_power": "一般幂法则",
    "graph.rule.paths_add_up": "各路径的梯度相加",
    "graph.rule.seed": "起点：∂out/∂out = 1",
    "graph.rule.none_as_zero": "梯度为 None，按 0 处理",
    "graph.rule.none_returned": "tape.gradient 返回 None：按 0",
    "graph.rule.add_n": "和的法则：每一项都得到上游梯度",
    "graph.rule.constant": "常数：导数为 0",
    "graph.rule.flat_step": "阶跃函数是平的：导数为 0（0 点除外）",
    "main.url.order": "链接里的阶数 {value} 不是 1 到 {max} 之间的整数：改用 2。",
    "main.url.dtype": "链接里的 dtype {value} 不是 float32 或 float64：改用 float64。",
    "main.try_again": "重试",
    "main.error.internal": "计算时我们这边出了问题，错误已记录。请换一个函数试试，或刷新页面。",
    # 逐步求导（与磁带对应）和有两种读法的输入（issue 10）
    "steps.header": "逐步求导，与磁带一一对应",
    "steps.intro": (
        "每一阶导数都一次只用一条法则。一阶导数的顺序与磁带计算 f 的运算相同：每一步都列出反向"
        "传播（最内层的磁带 t0）中执行这条法则的运算；在下面选择一步，就能在图中点亮这些运算。"
        "更高阶的导数则对上一阶导数的公式（即本页显示的形式）求导。"
    ),
    "steps.values_not_formulas": (
        "磁带从不写出公式。它在你给的点上用具体的数执行 f 的各个运算，再对每个运算把它的求导法则"
        "用在记录下的数上：得到的是导数*在这一点的值*。本页上的公式（表格里的、下面步骤里的）都"
        "来自 SymPy；一阶导数的步骤把 SymPy 的每条法则和磁带中用数执行同一法则的运算并排列出。"
    ),
    "steps.working": "正在推导步骤…",
    "steps.no_graph": "没有记录到计算图，所以步骤无法指出磁带中的运算。",
    "steps.timeout": "这个函数的步骤推导耗时太长；上面的导数仍然成立。",
    "steps.cut_short": "这次运行已没有时间推导步骤；下一次运行（改动任意输入或刷新页面）会再试。",
    "steps.check.symbolic": "✅ 已核对：最后一步与 SymPy 的 `diff` 完全相等（两者之差化简为 0）。",
    "steps.check.numeric": (
        "✅ 已数值核对：最后一步在 {points} 个随机点上与 SymPy 的 `diff` 相等"
        "（SymPy 未能及时把两者之差化简为 0）。"
    ),
    "steps.check.none": "⚠️ 无法确认最后一步与 SymPy 的 `diff` 相等。",
    "steps.value": "在 {point} 处，步骤给出 {value}；磁带给出 {tape}。",
    "steps.too_many": "共 {count} 步，只显示了 {shown} 步；下面的列表包含全部步骤。",
    "steps.ops": "磁带运算：{ops}",
    "steps.ops.none": "不需要磁带运算：常量或变量本身不需要",
    "steps.select": "在图中点亮某一步的运算",
    "steps.select.placeholder": "选择一步…",
    "steps.node": "某个反向运算执行的是哪一步？",
    "steps.node.placeholder": "选择磁带 t0 的一个运算…",
    "steps.node.option": "运算 {id}：{op}",
    "steps.node.step": "运算 {id}（{op}）执行的是{rule}：",
    "steps.node.no_step": "运算 {id}（{op}）不属于某一个步骤：{rule}",
    "steps.rule.constant": "常数法则",
    "steps.rule.variable": "变量本身",
    "steps.rule.sum": "和的法则",
    "steps.rule.difference": "差的法则",
    "steps.rule.negation": "常数倍（负号）",
    "steps.rule.constant_multiple": "常数倍法则",
    "steps.rule.product": "乘积法则",
    "steps.rule.quotient": "商的法则",
    "steps.rule.power": "幂法则",
    "steps.rule.sqrt": "平方根",
    "steps.rule.exponential": "指数法则",
    "steps.rule.log_differentiation": "对数求导法",
    "steps.rule.chain": "链式法则",
    "steps.rule.function": "{function} 的导数",
    "steps.reading.function_power": (
        "**{fragment}**：不带括号的函数会把幂一起带上，所以我们把 sin x^2 读作 sin(x²)。"
        "如果想要函数的幂，请写成 **{suggestion}**。"
    ),
    "steps.reading.function_product": (
        "**{fragment}**：和大多数计算器一样，不带括号的函数作用于后面的整个乘积，"
        "e 或数的幂也是这样：我们把 sin 2x 读作 sin(2x)，把 e^2x 读作 e^(2x)。"
        "如果只想要第一个因子，请写成 **{suggestion}**。"
    ),
    "steps.reading.argument_ends": (
        "**{fragment}**：不带括号时，函数的参数（或 e、数的幂的指数）到 *、/ 或括号就结束："
        "我们把 sin x / 2 读作 sin(x)/2，把 e^x(x+1) 读作 eˣ·(x+1)。"
        "如果想全部放进去，请写成 **{suggestion}**。"
    ),
    "steps.reading.power_product": (
        "**{fragment}**：变量或括号的幂只带上紧跟的一个因子，所以我们把 x^2y 读作 x²·y"
        "（而 e^2x 是 e^(2x)）。如果想要整个乘积作指数，请写成 **{suggestion}**。"
    ),
    "steps.reading.fraction": (
        "**{fragment}**：除号和省略的乘号从左到右计算，所以我们把 2/3x 读作 (2/3)·x。"
        "如果想除以整个乘积，请写成 **{suggestion}**。"
    ),
    "steps.reading.product_not_call": (
        "**{fragment}**：字母后面跟括号表示相乘（x(x+1) 就是 x·(x+1)）；"
        "只有 sin、exp 这样有名字的函数才作用于括号，f(x)、g(x) 会被拒绝。"
    ),
    "steps.reading.euler": (
        "**{fragment}**：e 是欧拉数（2.71828…），所以 e^x 是指数函数。"
        "如果想要一个变量，请换一个字母。"
    ),
    "steps.reading.negative_power": (
        "**{fragment}**：幂比负号结合得更紧，所以我们把 -x^2 读作 −(x²)。"
        "如果想要 −x 的幂，请写成 **{suggestion}**。"
    ),
    "steps.reading.power_tower": (
        "**{fragment}**：幂从右往左结合，所以我们把 x^2^3 读作 x^(2^3)。"
        "如果想要 (x²)³，请写成 **{suggestion}**。"
    ),
    "steps.reading.digit_name": (
        "**{fragment}**：字母后面紧跟数字是一个变量（x3 是单独的一个变量，显示为 x₃）。"
        "如果想要 x 乘以 3，请写成 **{suggestion}**；如果想要 x³，请写成 x^3。"
    ),
    "steps.reading.other": "另一种读法：${latex}$",
    "steps.which": "查看哪个导数的步骤",
    "steps.differentiates": (
        "{name} 是 {parent} 对 {wrt} 的导数：这些步骤对本页显示的 {parent} 求导："
    ),
    "steps.untied": (
        "这些步骤不对应磁带中的任何运算。它们对 {parent} 的公式求导；磁带从不这样做：磁带 {tape} "
        "求导的是它里面的磁带（{inner}）在你给的点上计算 {parent} 的*值*时记录下的反向运算。"
        "这些运算并不是公式中的运算，所以无法和这些步骤一一对应。"
    ),
    "steps.refused.size": (
        "没有 {name}（{order} 阶）的步骤：它需要超过 {limit} 步，太多了，无法一条法则一条法则地"
        "跟下去。它的值在上面的表格里。"
    ),
    "steps.refused.time": "没有 {name}（{order} 阶）的步骤：已没有时间推导。它的值在上面的表格里。",
    "steps.refused.rule": (
        "没有 {name} 的步骤：它所求导的公式用到了 {function}，这里没有它的求导法则（对 |u| 或 "
        "relu 求导后会出现它：在 0 以外是常数，在 0 处没有导数）。它的值在上面的表格里。"
    ),
    # 08 训练循环
    "train.intro": (
        "讲义最后用 `tf.GradientTape` 训练了一个线性回归 y = W·x + b。这里把同一个循环一轮"
        "一轮地运行：每一轮（epoch）都拿磁带算出的梯度和 SymPy 精确求出的梯度对照；SymPy "
        "还直接解出最小二乘的精确答案，让你看清梯度下降究竟走到了哪里。所有设置都是控件，不需要输入代码。"
    ),
    "train.loop.header": "讲义中的训练循环，用你的设置",
    "train.data": "数据集",
    "train.data.notes17": "17 个点，手动 assign_sub（讲义二）",
    "train.data.notes3": "y = 2x + 1 上的 3 个点，SGD 优化器（讲义一）",
    "train.update": "更新方式",
    "train.update.assign_sub": "W.assign_sub(lr * dW)（手动）",
    "train.update.optimizer": "optimizer.apply_gradients（优化器）",
    "train.lr": "学习率",
    "train.epochs": "训练轮数（epoch）",
    "train.start": "W 的初始值",
    "train.start.random": "tf.random.normal([1])，固定种子",
    "train.start.value": "自己指定",
    "train.seed": "随机种子",
    "train.w0": "初始 W",
    "train.b0": "初始 b",
    "train.running": "正在训练 {epochs} 轮…",
    "train.button.restart": "从头开始（第 0 轮）",
    "train.button.one": "训练一轮",
    "train.button.all": "再训练 {epochs} 轮",
    "train.epoch": "轮次",
    "train.loss": "损失（MSE）",
    "train.exact_help": "最小二乘精确解：{value}",
    "train.verdict.not_started": (
        "第 0 轮：W = {w}，b = {b}，损失 {loss}。点击 **训练一轮** 迈出第一步。"
    ),
    "train.verdict.converged": (
        "训练 {epochs} 轮后梯度下降已经到达：W = {w}，b = {b} 与最小二乘精确解 W = {w_exact}，"
        "b = {b_exact} 相差不到 1 %（损失 {loss}，可能的最小值 {loss_exact}）。"
    ),
    "train.verdict.close": (
        "训练 {epochs} 轮后梯度下降已经接近，但还没到：W = {w}，b = {b}（损失 {loss}），"
        "精确解是 W = {w_exact}，b = {b_exact}（损失 {loss_exact}）。"
    ),
    "train.verdict.far": (
        "训练 {epochs} 轮后梯度下降**离收敛还很远**：现在 W = {w}，b = {b}（损失 {loss}），"
        "而最小二乘精确解是 W = {w_exact}，b = {b_exact}（损失 {loss_exact}）。"
    ),
    "train.verdict.diverged": (
        "发散了：学习率 {lr} 时，每一步越过最小值的距离比它纠正的还多，W 和 b 一轮比一轮摆得更远"
        "（现在 W = {w}，b = {b}，损失 {loss}）。在这个损失上，只有学习率小于 "
        "2/λ_max = {largest_rate} 时梯度下降才稳定。"
    ),
    "train.why_slow": (
        "为什么这么慢？这个损失函数是一条又长又窄的山谷：横向的弯曲程度是纵向的 {ratio} 倍"
        "（Hessian 矩阵的两个特征值）。为了陡峭方向不发散，学习率必须小于 {largest_rate}；"
        "而在 lr = {lr} 时，沿平缓方向每轮只缩短剩余距离的 {shrink} %：大约要 {needed} 轮"
        "才能进入 1 % 以内。"
    ),
    "train.plot.no_loss": "还没有训练：损失曲线从第一轮开始。",
    "train.plot.caption": (
        "图中：数据，以及目前这些轮次之后的直线（红色）和最小二乘精确直线（虚线）；"
        "每轮开始时的损失及其精确最小值（虚线）；左边是每一轮的 (W, b) 画在损失的等高线上，"
        "星号是精确最小值。"
    ),
    "train.figure.data": "数据",
    "train.figure.after_epochs": "{epochs} 轮之后",
    "train.figure.after_one_epoch": "1 轮之后",
    "train.figure.least_squares": "最小二乘精确解",
    "train.figure.loss_title": "每轮的损失",
    "train.figure.keras_title": "Keras 模型：每轮的损失",
    "train.figure.batches": "各批次",
    "train.figure.loss": "损失",
    "train.figure.minimum": "最小值",
    "train.figure.epoch": "轮次",
    "train.figure.path": "路径",
    "train.figure.start": "起点",
    "train.figure.now": "当前",
    "train.figure.exact": "精确最小值",
    "train.notes3.notes": "循环让 w 和 b 接近真实值 w = 2，b = 1。",
    "train.notes3.truth": (
        "讲义从 w = 2.0，b = 1.0 出发，而这*本身*就是精确解：损失为 0，两个梯度都恰好是 0，"
        "优化器走 100 步什么也不会改变。换一个起点（比如 w = 0，b = 0）就能看到学习的过程："
        "lr 0.1 的 SGD 走 100 步后，离答案大约在 0.01 以内。"
    ),
    "train.notes17.notes": "学习率 0.01 训练 100 轮后，循环打印“训练完成!”和最终模型。",
    "train.notes17.truth": (
        "“完成”只表示循环结束了，并不表示 W 和 b 已经到达。按讲义的设置，100 轮后沿损失山谷"
        "平缓方向的距离还剩大约 {left} %；要到达 W = {w_exact}，b = {b_exact} 的 1 % 以内"
        "大约需要 {needed} 轮。加大学习率也帮不了多少：超过 {largest_rate}，陡峭方向就会发散。"
    ),
    "train.exact.header": "精确答案（SymPy）",
    "train.exact.text": (
        "不需要迭代：损失是 W 和 b 的二次函数，最小值就在两个偏导数同时为 0 的地方。SymPy "
        "把数据当作精确分数（“3.3”就是 33/10）来构造 L，求导，再解这两个线性方程："
    ),
    "train.exact.minimum": "可能达到的最小损失是 {loss_exact}：梯度下降只能逐步逼近它。",
    "train.check.header": "每一轮都检查梯度",
    "train.check.text": (
        "每一轮都把磁带给出的 dL/dW 和 dL/db 与 SymPy 对同一个损失求出的导数比较，"
        "后者在同样的 float32 W、b 和同样的 float32 数据上精确计算："
    ),
    "train.check.agree": (
        "全部 {epochs} 轮中磁带与 SymPy 都一致：最大差异是 {largest}，属于 float32 的舍入误差"
        "（该轮允许的范围：{tolerance}）。"
    ),
    "train.check.differ": (
        "{epochs} 轮中至少有一轮，磁带与 SymPy 的差异超出了 float32 舍入所允许的范围"
        "（差异 {largest}，允许 {tolerance}）。发散的训练就会这样：数值溢出成 inf 和 nan。"
    ),
    "train.check.table": "每一轮的参数、损失和两种梯度",
    "train.code.text": (
        "下面是讲义中的循环，填入了上面的设置，右边是它运行时打印的内容。每个按钮都会用新的轮数"
        "从第 0 轮重新运行它，所以代码和输出描述的始终是整个训练过程。列表 `history` 记下每一轮的 "
        "W、b、损失和梯度：本页的数字、图和梯度核对都从它读取。随机的初始 W 显示为该种子抽到的数。"
    ),
    "train.keras.header": "现代模板：Keras 模型、tf.data 和自定义循环",
    "train.keras.intro": (
        "实际项目中，参数放在 Keras 模型里，批次来自 `tf.data.Dataset`，由优化器代替 "
        "`assign_sub`。循环仍然是三步：在磁带下前向传播、`tape.gradient`、更新。"
        "这里一个只有一个神经元的模型 `Dense(1)` 从 256 个带噪声的点学习 y = 3x − 1。"
    ),
    "train.keras.batch": "批大小",
    "train.keras.running": "正在训练 Keras 模型…",
    "train.keras.kernel": "学到的 W（kernel）",
    "train.keras.bias": "学到的 b（bias）",
    "train.keras.true": "生成数据时用的是 {value}",
    "train.keras.result": (
        "在 {samples} 个样本上走了 {batches} 步梯度下降：模型学到 y ≈ {kernel}·x {bias}，"
        "接近数据背后的 3x − 1（噪声使它不会完全相同）。灰色：每个批次的损失；"
        "红色：每轮结束后在全部数据上的损失。"
    ),
    # 对照表下方的说明（diffexplain/core/agree.py 用这些分句拼成）
    "note.join": "；",
    "note.none": (
        "TensorFlow 的 tape.gradient 返回了 None（从变量到这个表达式没有记录的路径）：即为 0"
    ),
    "note.corner.none": (
        "这一点是 {part} 的尖角：差商从左侧趋于 {left}，从右侧趋于 {right}，所以这个导数不存在"
    ),
    "note.corner.no_limit": "这一点是 {part} 的尖角，差商在这里没有极限，所以这个导数不存在",
    "note.corner.exists": (
        "这一点是 {part} 的尖角，公式里的 sign(0) = 0、step(0) = 0 只是约定："
        "导数是差商的极限，两侧都趋于 {value}"
    ),
    "note.cause.cancellation_all": (
        "{node} 在这里是两个几乎相等的数相减：它们的差比各自的舍入误差还小，"
        "{dtype} 的全部 {total} 位有效数字都相消了，剩下的只有舍入误差"
    ),
    "note.definition.exists": "导数公式在这里没有值：这是差商的极限，也就是导数的定义",
    "note.definition.sides": "差商从左侧趋于 {left}，从右侧趋于 {right}，所以这个导数不存在",
    "note.definition.none": "导数公式和差商在这里都没有极限，所以这个导数不存在",
    "note.no_limit.paths": (
        "f 在这一点没有极限，因此没有值：沿 {a_path} 趋于 {a}，沿 {b_path} 却趋于 {b}"
    ),
    "note.no_limit.path": "f 在这一点没有极限，因此没有值：沿 {path} 就没有极限",
    "note.limit.unproven": (
        "f 在这一点是 0/0，而 SymPy 无法证明多元极限：沿所试的每条曲线（{paths}）f 都趋于 "
        "{value}，但曲线上一致并不能证明什么（x²y/(x⁴ + y²) 沿过 (0, 0) 的每条直线都趋于 0，"
        "沿 y = x² 却趋于 1/2）"
    ),
    "note.limit.undecided": "f 在这一点是 0/0，SymPy 没能及时求出它沿任何曲线的极限",
    "note.parent_none": "被求导的那个导数在这里不存在，所以这个导数也不存在",
    "note.axis_slope": (
        "f 在这一点没有能确定的值（见 f 那一行）；这个偏导数是 f 只沿 {variable} 方向的斜率，"
        "以 f 沿这条直线的极限代替它在该点的值（教材在这种点上正是这样定义 f 的）"
    ),
    "note.unknown.digits": (
        "精确值未知：它的公式在这一点相消的位数，超过了区间算术（最多 8192 位）能及时恢复的，"
        "没有一位数字是确定的，因此不评判磁带的值"
    ),
    "note.unknown.limit": "精确值未知：SymPy 没能及时求出给出它的极限，因此不评判磁带的值",
    "note.opposite_sign": "在绝对容差之内，但符号相反：磁带的值没有一位是对的",
    "note.tape_convention": (
        "磁带照样返回 {value}：TensorFlow 在非光滑部分的切换点按约定取斜率"
        "（|u|′ = sign(0) = 0，relu′(0) = 0）"
    ),
    "note.tape_convention.wrong": (
        "磁带在非光滑部分的切换点按约定取斜率（|u|′ = sign(0) = 0，relu′(0) = 0）；"
        "而这里函数是可导的，这个约定给出了错误的值"
    ),
    "note.limit_as_typed": (
        "按输入的公式，这一点没有值：表中的精确值是一个极限，而磁带逐个运算地计算公式，无法求极限"
    ),
    "note.cause.divide_by_zero": "按输入的公式，{node} 在这一点是 {form}",
    "note.cause.overflow": (
        "{node} 在这里超出了 {dtype} 的范围（精确值约为 {about}；{dtype} 最大只到 {largest}），"
        "磁带接着用 ±inf 计算"
    ),
    "note.cause.underflow": "{node} 在 {dtype} 中下溢为 0（精确值约为 {about}）",
    "note.cause.cancellation": (
        "{node} 在这里是两个几乎相等的数相减：{dtype} 的 {total} 位有效数字中约有 {digits} 位"
        "相消，剩下的主要是舍入误差"
    ),
    "note.cause.pow_zero": (
        "TensorFlow 的 Pow 运算对 {node} 的梯度是 {exponent}·{base}^({exponent} − 1)，"
        "它本身又是一个 Pow；在 {base} = 0 处再求导，就得到 0·0⁻¹ = 0·∞，也就是 nan"
    ),
    "note.cause.off_corner": (
        "{dtype} 无法精确表示这个点：磁带实际所在的 {point} 处，{switch} 是 {value} 而不是 0，"
        "所以磁带在 {part} 的尖角旁边计算，而不是在尖角上"
    ),
    "note.cause.off_corner_left": (
        "{dtype} 无法精确表示这个点：磁带实际所在的 {point} 处，{switch} 是 {value} 而不是 0，"
        "所以磁带在 {part} 的尖角左侧紧挨着计算，那里的斜率是 {slope}"
    ),
    "note.cause.off_corner_right": (
        "{dtype} 无法精确表示这个点：磁带实际所在的 {point} 处，{switch} 是 {value} 而不是 0，"
        "所以磁带在 {part} 的尖角右侧紧挨着计算，那里的斜率是 {slope}"
    ),
    "note.vector_crosstalk": (
        "tape.jacobian 对 {row} 的反向传播经过整个堆叠后的计算图："
        "{others} 的运算在这里收到的上游梯度为 0，而 0·∞ 是 NaN，"
        "因为 {others} 在这一点的值或斜率是无穷大或无定义"
    ),
    "note.differs": "差异超出了 {dtype} 舍入误差所能解释的范围",
    "note.why.complex": "精确值在这里不是实数",
    "note.why.undefined": "精确值在这里不存在（极点、0/0 或尖角）",
    "note.why.no_function": "f 在这一点没有有限的实数值，所以这个导数不存在",
    "note.both_undefined": "两个值都没有定义",
    "note.autodiff_still": "自动微分仍然返回 {value}",
    "note.too_small": "精确值约为 {about}，比 {dtype} 能表示的最小数还接近 0，所以显示为 0",
    "note.too_large": "精确值是有限的，但超出了 {dtype} 的表示范围",
    "note.infinite": "精确值在这里是无穷大（单侧极限）",
    "note.both_equal": "两者都是 {value}",
    "note.autodiff_gives": "自动微分给出 {value}",
    "note.autodiff_where_finite": "精确值有限，自动微分却给出 {value}",
    # 求导的三种方式（pages/three_ways.py）
    "ways.title": "⚖️ 求导的三种方式",
    "ways.intro": (
        "同一个函数，用三种方式求导。**符号求导**（SymPy）给出精确的公式，但公式可能急剧膨胀。"
        "**数值求导**（有限差分）只需要 f 的函数值，但必须选一个步长 h，而任何 h 都会损失有效数字。"
        "**自动微分**（TensorFlow 的磁带）对实际执行的运算应用链式法则：除舍入误差外是精确的，每个"
        "运算只多花几个运算的代价，可以用前向模式，也可以用反向模式。"
    ),
    "ways.function": "函数",
    "ways.function.help": (
        "与主页相同的语法：+ − * / ^、隐式乘法（2x）、sin cos exp log sqrt tanh sigmoid relu 等函"
        "数，以及常数 pi 和 e。按回车更新。"
    ),
    "ways.order": "最高阶数",
    "ways.to_main": "在主页中打开这个函数",
    "ways.loading": "正在加载 TensorFlow 并求导（第一次需要几秒钟）…",
    "ways.tab.swell": "表达式膨胀",
    "ways.tab.finite": "有限差分",
    "ways.tab.modes": "前向模式与反向模式",
    "ways.swell.intro": (
        "`sympy.diff` 会把每个重复出现的子表达式再完整写一遍，所以乘积法则可能让公式每求一层导就翻"
        "一倍；而磁带对每个运算只记录一次，并重复使用它的值。下面列出每一阶中最大的导数的规模（"
        "以 `sympy.count_ops` 计）：`diff` 直接给出的形式、化简后的形式，以及公共子表达式消除（"
        "`sympy.cse` 给重复的部分起名字）之后的形式，并与嵌套磁带求出该阶及以下全部导数所执行的运"
        "算数相比较。"
    ),
    "ways.swell.yours": "你的函数，1 到 {order} 阶",
    "ways.swell.measuring": "SymPy 正在度量公式的规模…",
    "ways.swell.timeout": "SymPy 未能在时限内完成公共子表达式消除：该列从略。",
    "ways.swell.caption": (
        "磁带运算数：TensorFlow 执行的全部运算（包括 Const、Shape 等簿记运算），以及其中真正做计算"
        "的运算。第 k 阶的计数包括前向计算和磁带 t0 到 t(k−1)。"
    ),
    "ways.swell.tape_larger": (
        "这里没有膨胀：在 {order} 阶，diff 直接给出的 SymPy 公式有 {formula} 个运算，"
        "而磁带执行了 {tape} 个。反复求导正是磁带变大的地方：每一层外层磁带都要对内层"
        "磁带记录的一切（包括它的反向传播）再求导，所以无论 f 是什么，运算数每多一阶就成倍"
        "增加；而像 sin(x)·eˣ 这样的短函数，它的各阶导数一直很短。表达式膨胀说的是深层嵌套"
        "函数的一次求导，公式会把嵌套的部分重复写出：下面的 logistic 映射展示了两者的交叉点。"
    ),
    "ways.swell.formula_larger": (
        "出现膨胀：在 {order} 阶，diff 直接给出的 SymPy 公式有 {formula} 个运算，比磁带执行的 "
        "{tape} 个运算还多，尽管两者算的是同一个导数。"
    ),
    "ways.series.raw": "SymPy，diff 的原始结果",
    "ways.series.simplified": "SymPy，化简后",
    "ways.series.expanded": "SymPy，展开后",
    "ways.series.cse": "SymPy，cse 之后",
    "ways.series.tape": "磁带，全部运算",
    "ways.series.tape_compute": "磁带，计算运算",
    "ways.series.program": "循环程序的磁带，计算运算",
    "ways.col.order": "阶数",
    "ways.axis.order": "导数的阶数",
    "ways.axis.iterations": "迭代次数 n",
    "ways.axis.ops": "规模（运算数，对数坐标）",
    "ways.logistic.header": "Logistic 映射：lₙ₊₁ = 4 lₙ (1 − lₙ)",
    "ways.logistic.intro": (
        "出自 Baydin 等人的综述 *Automatic differentiation in machine learning: a survey*（JMLR "
        "2018）表 1：从 l₁ = x 出发反复迭代。每一步都用到 lₙ 两次，所以 lₙ 的公式长度翻倍，而乘积法"
        "则让它的导数增长得更快。程序员写出的循环 `l = 4*l*(1 - l)` 每一步只需固定的几个运算，它的"
        "磁带也是如此。"
    ),
    "ways.logistic.slider": "迭代次数 n",
    "ways.logistic.value_ops": "l{n} 有 {ops} 个运算，太长，无法排版显示。",
    "ways.logistic.raw": "diff 直接给出的 lₙ'：{ops} 个运算",
    "ways.logistic.expanded": "展开后的 lₙ'（Baydin 表中的化简形式）：{ops} 个运算",
    "ways.logistic.too_long": "太长，无法排版显示：它的规模见下表。",
    "ways.logistic.caption": (
        "磁带各列分别统计：按解析得到的公式求 lₙ'（SymPy 会把嵌套的乘积展平，运算数约按 n² 增"
        "长），以及按循环程序求 lₙ'（每次迭代固定数量的运算）。公共子表达式消除能挽回 diff 重复书写"
        "的大部分内容。"
    ),
    "ways.logistic.crossover": (
        "交叉点：n 较小时磁带更大（即使公式很小，它也要记录簿记运算和一次反向传播）。"
        "diff 写出的 lₙ' 在 n = {raw} 时超过磁带的运算数，展开后的多项式在 n = {expanded} "
        "时超过；经过 cse 之后，SymPy 的规模与磁带真正做计算的运算数相近，因为给重复部分"
        "起名字正是磁带本来就在做的事。"
    ),
    "ways.logistic.use": "在上方对 l{n} 求导",
    "ways.logistic.no_text": (
        "n = {n} 时，lₙ 的文本超过了解析器 400 个字符的上限（n ≤ 6 时可以放下）：这里的规模来自直接"
        "构造的 SymPy 表达式。"
    ),
    "ways.finite.intro": (
        "有限差分用一个小步长 h 代替极限。**前向差分** (f(x+h) − f(x))/h 的误差约为 h·|f''|/2（*截"
        "断误差*：被舍弃的泰勒项）；**中心差分** (f(x+h) − f(x−h))/2h 的误差约为 h²·|f'''|/6。两者"
        "还都会因*舍入*损失约 ε·|f|/h：f(x+h) 与 f(x) 的大部分数字相同，相减之后只剩下其余的部分。"
        "因此在对数–对数坐标中，误差随 h 的变化呈 V 字形，没有哪个步长是精确的。"
    ),
    "ways.finite.variable": "对哪个变量求导",
    "ways.finite.step": "步长 h",
    "ways.finite.no_exact": (
        "关于 {name} 的精确导数在这一点没有有限值：没有可以用来衡量误差的基准。"
    ),
    "ways.finite.exact": "精确值（SymPy）：{name} = {value}。在所选步长下：",
    "ways.col.forward": "前向差分",
    "ways.col.forward_error": "前向差分误差",
    "ways.col.central": "中心差分",
    "ways.col.central_error": "中心差分误差",
    "ways.col.autodiff": "自动微分（磁带）",
    "ways.col.autodiff_error": "自动微分误差",
    "ways.finite.legend.forward": "前向差分，{dtype}",
    "ways.finite.legend.central": "中心差分，{dtype}",
    "ways.finite.legend.autodiff": "自动微分，{dtype}",
    "ways.finite.legend.chosen": "所选 h",
    "ways.finite.axis.step": "步长 h",
    "ways.finite.axis.error": "|近似值 − 精确值|",
    "ways.finite.zero": "对数坐标轴上没有 0：恰好为 0 的误差画在 {floor} 处。",
    "ways.finite.explain": (
        "在每个 V 的底部右侧，截断误差占主导：前向差分的误差按 h 减小，中心差分按 h² 减小（斜率是两"
        "倍）。底部左侧则是舍入误差占主导，按 1/h 增长，直到 x + h 被舍入成 x、差分变为 0。经验法则"
        "给出的最佳步长是：前向差分取 √ε，中心差分取 ∛ε（当 |x| > 1 时再乘以 |x|）：float32 为 "
        "{f32_forward} 和 {f32_central}，float64 为 {f64_forward} 和 {f64_central}。自动微分（点"
        "线）根本没有步长：除了所执行运算的舍入误差之外，它是精确的。"
    ),
    "ways.modes.intro": (
        "两种模式对同样的运算应用链式法则，只是方向相反。**前向模式**（"
        "`tf.autodiff.ForwardAccumulator`）让一个切向量（沿某一个输入方向的导数）与函数值一起流过整"
        "个函数：每个输入需要一遍计算。**反向模式**（`tf.GradientTape`）先计算函数，然后每个输出做"
        "一遍反向传播，就得到对所有输入的导数。"
    ),
    "ways.col.variable": "变量",
    "ways.col.forward_mode": "前向模式",
    "ways.col.reverse_mode": "反向模式",
    "ways.col.exact": "精确值（SymPy）",
    "ways.col.difference": "|前向 − 反向|",
    "ways.modes.none": (
        "两者都用 float64 计算，在舍入误差范围内一致（运算相加的顺序不同时，可能差最后几位）。若 f "
        "不依赖某个输入，两种模式都返回 None，这里显示为 0。"
    ),
    "ways.col.mode": "模式",
    "ways.col.passes": "遍数",
    "ways.col.ops_all": "运算数（全部）",
    "ways.col.ops_compute": "运算数（计算）",
    "ways.col.ops_per_pass": "每遍的计算运算数",
    "ways.modes.forward": "前向（ForwardAccumulator）",
    "ways.modes.reverse": "反向（GradientTape）",
    "ways.modes.rule": (
        "**经验法则。** 对 f: ℝⁿ → ℝᵐ，前向模式需要 n 遍（每个输入一遍），反向模式需要 m 遍（每个输"
        "出一遍）；每一遍的代价是计算一次 f 的若干倍。你的函数有 n = {n} 个输入、m = {m} 个输出：前"
        "向模式需要 {n} 遍，反向模式需要 {m} 遍。一个有一百万个权重的损失函数n = 10⁶、m = 1，这就是"
        "训练使用反向模式的原因；只有一个输入、却有很多输出的曲线则正好相反。"
    ),
    "ways.modes.caption": (
        "运算数来自把每种模式追踪成计算图，包括 ForwardAccumulator 用来计算每个运算切向量的小函数。"
        "TensorFlow 的切向量规则并不都是最精简的（对 x^c 它也会对指数 c 求导），所以每一遍中前向模"
        "式执行的运算可能比反向模式多。"
    ),
    # 多个变量：梯度、Hessian 矩阵、等高线（ui/multivariable_panel.py）
    "multi.header": "多个变量：梯度与 Hessian 矩阵",
    "multi.intro": (
        "梯度 ∇f 汇集了一阶偏导数，Hessian 矩阵 H 汇集了二阶偏导数：Hᵢⱼ = ∂²f/∂xᵢ∂xⱼ。这里用第二种"
        "方法计算 H，即梯度的雅可比矩阵（在持久化的外层磁带上调用 "
        "`tape.jacobian(gradient, x)`），并与 SymPy 的精确偏导数比较。"
    ),
    "multi.computing": "正在计算 Hessian 矩阵…",
    "multi.gradient.header": "梯度 ∇f",
    "multi.hessian.header": "Hessian 矩阵 H = jacobian(∇f)",
    "multi.col.entry": "项",
    "multi.col.exact": "精确值（SymPy）",
    "multi.col.autodiff": "自动微分（磁带）",
    "multi.col.agree": "一致",
    "multi.symmetric.exact": "H 是对称的：每一对都精确满足 Hᵢⱼ = Hⱼᵢ。",
    "multi.symmetric.rounding": "H 在舍入误差范围内对称：|Hᵢⱼ − Hⱼᵢ| 的最大值为 {gap}。",
    "multi.symmetric.undefined": "H 的某些项在这一点没有值，因此无法检查对称性。",
    "multi.symmetric.not": (
        "H 在这里不对称：|Hᵢⱼ − Hⱼᵢ| 达到 {gap}。在 f 不是二阶连续可微的地方，混合偏导数不必相等。"
    ),
    "multi.schwarz": (
        "Schwarz 定理：在二阶偏导数连续的地方，求导的次序无关紧要。雅可比矩阵分别计算了上下两半，所"
        "以对称性是一项检验，而不是一个假设。"
    ),
    "multi.heatmap.title": "自动微分得到的 Hessian 矩阵（{dtype}）",
    "multi.pair": "绘图所用的变量",
    "multi.contour.header": "f 在该点附近的图像（{x} 与 {y}）",
    "multi.contour.arrow": "∇f（方向；长度经过缩放）",
    "multi.contour.flat": "此处 ∇f = 0：没有最陡上升方向",
    "multi.contour.empty": "f 在这个范围内没有实数值",
    "multi.contour.caption": "梯度指向上坡方向，并与经过该点的等高线垂直。",
    "multi.contour.held": "其他变量固定为 {values}。",
    # 给我看代码（ui/code_panel.py）
    "code.header": "给我看代码",
    "code.intro": (
        "一个独立的 Python 脚本，计算的正是本页显示的内容：SymPy 构造 f 并精确求导，嵌套的 "
        "`tf.GradientTape` 用 {dtype} 计算同样的导数，最后用一张表把两者并排打印出来。可以粘贴到 "
        "notebook 中运行，也可以下载后执行 `python diffexplain_derivatives.py`。"
    ),
    "code.download": "下载脚本",
    "code.note": (
        "公式是从解析后的表达式打印出来的，而不是从输入框复制的。TensorFlow 那一行按与本应用相同的"
        "顺序执行相同的运算，所以打印出的数值也相同。需要安装 `sympy` 和 `tensorflow`。"
        "每次调用 `gradient` 都传入了 "
        "`unconnected_gradients=ZERO`：当记录下的运算中没有路径把结果和某个输入连起来时（比如 f 里"
        "没有 y 时的 ∂f/∂y），磁带返回 `None`（即“梯度为何是 None？”一讲所讲的），而 SymPy 给出 0，"
        "并且外一层磁带无法对 `None` 求导。ZERO 让磁带给出 0，两列才能对照；它会掩盖那个 "
        "`None`，所以在这里特意说明。"
    ),
    "main.graph.none_gradient": (
        "对 {names}，tape.gradient 返回了 None：记录下的运算中没有路径"
        "把变量和被求导的量连起来，所以图里那里只是一个常数 0。"
    ),
    "plots.header": "f 及其导数在 {name} = {point} 附近的图像",
    "plots.interval": "该点两侧的区间",
    "plots.computing": "正在计算曲线（精确值与磁带值）…",
    "plots.caption": (
        "实线：精确值（SymPy 的导数，按 30 位有效数字求值）。圆圈：float64 嵌套 "
        "GradientTape 的结果，{points} 个网格点中每 {every} 个取一个，全部在一次批量的磁带"
        "计算中得到。曲线断开处没有实数值（极点、负数的对数）；在极点处曲线断开，而不是跨过去连起来。"
    ),
    "plots.undefined_but_taped": (
        "在 {count} 个网格点上，精确值不存在，磁带却返回了一个数：磁带只是逐个运算套用求导法则，"
        "并不检查函数在那里是否有定义。"
    ),
    "plots.error_caption": (
        "对数坐标下的 |自动微分 − 精确值|：float32 大约保留 7 位有效数字，float64 大约 16 位。"
        "误差恰好为 0 的点画在 1e-20 处的点线上；任一值不是有限数的点不画。"
        "虚线：该 dtype 的机器精度。"
    ),
    "plots.timeout": "精确曲线的计算超过了 {seconds} 秒：请选更窄的区间或更低的阶数来查看图像。",
    "plots.input_error": "这个输入没有图像：{message}",
    "plots.failed": "无法为这个函数画图（{error}）。上面的表格不受影响。",
    "plots.one_variable": "只为单变量函数画图。",
    # input: 拒绝函数或点的原因（由 parse.py 和 explanation.py 给出）
    # practice page
    "practice.title": "🎯 练习",
    "practice.intro": (
        "对生成的函数求导，或预测生成的 TensorFlow 代码中 `tape.gradient` 返回什么。"
        "每套题都由页面地址中的一个数（种子）决定：分享地址，大家就会拿到同样的题目。"
        "你的得分只保存在这个浏览器标签页中，服务器上不保存任何内容。"
    ),
    "practice.kind": "练习类型",
    "practice.kind.calculus": "求导",
    "practice.kind.tape": "预测梯度",
    "practice.level": "难度",
    "practice.level.power_chain": "幂法则与链式法则",
    "practice.level.product_quotient": "乘积法则与商法则",
    "practice.level.trig_exp_log": "三角、指数与对数",
    "practice.level.several_variables": "多元函数",
    "practice.level.second_derivatives": "二阶导数",
    "practice.seed": "题组编号",
    "practice.seed.help": "同一个编号在任何电脑上都给出同样的题目。",
    "practice.share": "浏览器地址栏中的地址会打开这套题的这一题：可以发给全班。",
    "practice.score": "得分",
    "practice.score.help": "第一次就答对的题数 / 已答题数，只在本次会话中。",
    "practice.next": "下一题",
    "practice.new_set": "换一套题",
    "practice.calculus.task": "**第 {number} 题。** 求下面函数的 {derivative}：",
    "practice.show.hint": "显示提示",
    "practice.show.steps": "显示步骤",
    "practice.show.graph": "显示磁带的计算图",
    "practice.hint.power": "幂法则，逐项求导：d(xⁿ)/dx = n·xⁿ⁻¹，常数因子保留。",
    "practice.hint.chain": "链式法则：外层函数在内层函数处的导数，乘以内层函数的导数。",
    "practice.hint.product": "乘积法则：(u·v)′ = u′·v + u·v′。",
    "practice.hint.quotient": "商法则：(u/v)′ = (u′·v − u·v′)/v²。",
    "practice.hint.partial": (
        "把另一个变量当作常数。求 ∂²/∂x∂y 时，先对 x 求导，再对结果关于 y 求导。"
    ),
    "practice.hint.second": "先求一次导数并化简，再对结果求一次导数。",
    "practice.tape.task": "**第 {number} 题。** 这段代码运行后 `result` 是什么？",
    "practice.tape.kind": "`result` 是",
    "practice.tape.kind.number": "一个数",
    "practice.tape.kind.none": "None",
    "practice.tape.kind.error": "抛出错误",
    "practice.tape.value": "这个数（选“一个数”时填写）",
    "practice.tape.right": "正确：TensorFlow 给出 {actual}。",
    "practice.tape.wrong": "TensorFlow 实际上不是这样：它给出 {actual}。",
    "practice.tape.why.plain": "浮点型 `tf.Variable` 会被自动监视，所以磁带返回 x 处的 dy/dx。",
    "practice.tape.why.constant": (
        "除非调用 `tape.watch(x)`，否则 `tf.constant` 不会被监视：磁带中没有从 x 到 y 的路径，"
        "返回 None。"
    ),
    "practice.tape.why.watch": "`tape.watch(x)` 让磁带记录对常量所做的运算，所以返回 dy/dx。",
    "practice.tape.why.int": (
        "磁带只对浮点张量求导：整数 x（`tf.constant(3)`、`tf.Variable(3)`）的梯度是 None，"
        "无论是否被监视。"
    ),
    "practice.tape.why.numpy": (
        "`x.numpy()` 离开了 TensorFlow：y 是一个新的常量，磁带无法把它与 x 连起来，"
        "所以梯度是 None。"
    ),
    "practice.tape.why.assign": (
        "磁带保存的是运算执行时的值：在 y 之后 `assign` 不改变 y 的梯度；"
        "在 y 之前 `assign` 会改变计算 y 所用的值。"
    ),
    "practice.tape.why.second_call": (
        "没有 `persistent=True` 的磁带在第一次调用 `tape.gradient` 后就释放了记录："
        "第二次调用会抛出 RuntimeError。persistent 的磁带可以再次回答。"
    ),
    "practice.tape.why.persistent": "`persistent=True` 保留了记录，所以第二次调用返回同样的梯度。",
    # answer checking (main page panel, practice page, CLI)
    "answer.page.title": "✔️ 检查我的答案",
    "answer.panel.title": "检查我的答案",
    "answer.panel.intro": (
        "输入你求出的这个函数的导数：判定会告诉你是否正确；如果不正确，会指出在哪里不同，"
        "以及从推导的哪一步开始偏离。"
    ),
    "answer.panel.order": "阶数",
    "answer.panel.wrt": "导数",
    "answer.panel.answer": "你的 {derivative}",
    "answer.panel.placeholder": "例如 2x sin(x) + x^2 cos(x)",
    "answer.panel.help": "按输入函数的方式输入：同样的名称、规则和限制。",
    "answer.panel.check": "检查",
    "answer.panel.checking": "正在检查你的答案…",
    "answer.panel.empty": "请先输入你的答案。",
    "answer.panel.not": "而不是",
    "answer.panel.show_derivative": "显示导数",
    "answer.correct": "✅ 正确：你的答案就是导数。{method}",
    "answer.method.symbolic": "（SymPy 证明了两者相等。）",
    "answer.method.numeric": (
        "（SymPy 的 simplify 无法证明，因此在 {points} 个点上用 40 位有效数字比较了数值，"
        "包括每个变号点或奇点的两侧。）"
    ),
    "answer.correct_where_defined": "✅ 在函数有定义的地方正确，只有孤立点例外：{details}。",
    "answer.wrong": "❌ 不是导数：在 {point} 处导数为 {expected}，你的答案给出 {given}。",
    "answer.at": "在 {point} 处导数公式给出 {expected}，你的答案为 {given}",
    "answer.undefined": "无定义",
    "answer.hint.sign": "你的答案是导数的相反数：检查一下符号。",
    "answer.hint.factor": "你的答案是导数的常数倍：某个系数不对。",
    "answer.hint.constant": "你的答案与导数相差一个常数：导数中没有 + C，常数的导数是 0。",
    "answer.step": (
        "偏离之处：对 {before} 使用“{rule}”应得 {after}；如果这一步得到的是 {fits}，"
        "就会得出你的答案。"
    ),
    "answer.step.top": "偏离之处：第一条法则“{rule}”用于 {before} 时就应得 {after}。",
    "answer.undecided.too_few_points": "❔ 无法判断：在所试的点中，函数取实数值的点太少。",
    "answer.undecided.timeout": "❔ 无法判断：检查超时。",
    "answer.derivative": "导数：{derivative}",
    "input.not_text": "请以文本形式输入 x 的函数，例如 sin(x)*exp(x)",
    "input.vector_api": (
        "像 [x*y, sin(x)] 这样的方括号列表是向量值函数：它的一阶导数组成雅可比矩阵，"
        "由 explain_vector() 计算"
        "（python -m diffexplain 和主页两种都接受）"
    ),
    "input.vector_here": (
        "像 [x*y, sin(x)] 这样的方括号列表是向量值函数：请在主页输入，主页会显示它的雅可比矩阵"
        "（其他页面请输入单个函数；分组请用圆括号 ( )）"
    ),
    "input.vector_opening": "函数列表以 '[' 开头，例如 [x*y, sin(x)]",
    "input.vector_closing": "第 {column} 列开始的列表末尾没有用 ']' 闭合",
    "input.vector_nested": (
        "第 {column} 列的 '[' 或 ']'：列表里不能再套列表；请输入一个函数列表，例如 [x*y, sin(x)]"
    ),
    "input.vector_empty": "列表是空的：请写出其中的函数，例如 [x*y, sin(x)]",
    "input.vector_empty_component": (
        "列表的第 {number} 个函数（第 {column} 列）是空的：请删去多余的逗号"
    ),
    "input.vector_too_many": (
        "列表有 {count} 个函数，最多允许 {limit} 个（多出的那个从第 {column} 列的逗号之后开始）"
    ),
    "input.empty": "请输入 x 的函数，例如 sin(x)*exp(x)",
    "input.too_long": "函数有 {length} 个字符，最多允许 {limit} 个",
    "input.line": "函数必须写在一行内（第 {column} 列有控制字符）",
    "input.character": "第 {column} 列的字符“{char}”（{code}）不允许使用{hint}",
    "input.invisible": "第 {column} 列有一个不可见字符（{code}），不允许使用{hint}",
    "input.symbol": "第 {column} 列的“{char}”不属于公式{hint}",
    "input.dot": "第 {column} 列的“.”不是数字的一部分；公式没有属性",
    "input.python": "第 {column} 列的“{name}”是 Python 代码，不属于公式{hint}",
    "input.name_too_long": "第 {column} 列的名字“{name}”超过 {limit} 个字符",
    "input.sympy": "第 {column} 列的“{name}”是 SymPy 的名字，不属于这里的公式{hint}",
    "input.did_you_mean": "未知函数“{name}”——你是不是想写“{suggestion}”？{hint}",
    "input.case": "这里不认识“{name}”——你是不是想写“{suggestion}”？{hint}",
    "input.glued": "“{name}”在这里既不是函数也不是变量——你是不是想写“{suggestion}”？",
    "input.variables": "最多允许 {limit} 个变量；第 {column} 列的“{name}”多了一个",
    "input.digits": "第 {column} 列的数字超过 {limit} 位",
    "input.huge_number": "第 {column} 列的数字太大或太小（超过 {limit} 位）",
    "input.decimal_point": "一个数字最多只能有一个小数点（第 {column} 列）",
    "input.needs_argument": "{name} 需要一个参数，例如 {name}(x)",
    "input.inverse": "第 {column} 列的 {name}^-1 有歧义：1/{name}(x) 是倒数{hint}",
    "input.inverse_hint": "，{inverse}(x) 是反函数",
    "input.ends_early": "函数在第 {column} 列的“{after}”之后就结束了：后面还需要内容",
    "input.unexpected": "第 {column} 列出现了意外的“{found}”：这里应当是数字、变量或“(”",
    "input.number_after": "请在第 {column} 列的数字“{number}”前加上运算符，例如 *",
    "input.empty_parens": "第 {column} 列的括号是空的：请在里面写点内容，例如 (x + 1)",
    "input.unclosed": "第 {column} 列的“(”没有闭合：请补上“)”",
    "input.unmatched": "第 {column} 列的“)”没有对应的“(”",
    "input.unknown_function": (
        "第 {column} 列是未知函数“{name}”：diffexplain 求导的是你写出来的公式，"
        "例如 x^2 + sin(x){hint}"
    ),
    "input.derivative_request": (
        "第 {column} 列的“{fragment}”是在要求求导：diffexplain 对你输入的内容求导，"
        "所以只需输入：{suggestion}（阶数在阶数框里设置）"
    ),
    "input.example_function": "函数本身，例如 sin(x)",
    "input.decimal_comma": "第 {column} 列的“,”：请用小数点：{number}",
    "input.comma": "第 {column} 列的“,”只能用在 log(u, b) 里，表示以 b 为底 u 的对数",
    "input.one_argument": "{name} 只接受一个参数；只有 log(u, b) 接受两个（第 {column} 列）",
    "input.log_arguments": "log 最多接受两个参数，即 log(u, b)（第 {column} 列）",
    "input.depth": "函数嵌套超过 {limit} 层（第 {column} 列）",
    "input.exponent": "第 {column} 列的指数太大：变量的指数最多为 {limit}",
    "input.constant": "第 {column} 列的数会超过 {limit} 位",
    "input.constants": "函数中有一个数超过 {limit} 位",
    "input.evaluate": "无法算出第 {column} 列的值；请换一种写法",
    "input.undefined_somewhere": "函数无定义或取复数值（除以零之类）",
    "input.undefined": "函数在第 {column} 列无定义（除以零之类）",
    "input.complex": "这里只支持实函数：第 {column} 列的值是复数",
    "input.point": "点 {shown} 不是可用的数：{reason}",
    "input.point_type": "点必须是一个数，而不是 {shown}",
    "input.point_variables": "其中含有变量 {names}",
    "input.point_range": "它必须是介于 -{limit:g} 和 {limit:g} 之间的实数",
    "input.hint.equals": "；只写等号右边，例如写 x^2 而不是 y = x^2",
    "input.hint.brackets": "；分组请用圆括号 ( )",
    "input.hint.abs": "；|x| 请写成 abs(x)",
    "input.hint.factorial": "；不支持阶乘",
    "input.hint.complex": "；不支持复数",
    "input.hint.infinity": "；不支持无穷大",
    "input.hint.instead": "；你是不是想写 {formula}？",
    "input.hint.times": "；如果想相乘，请写成 {name}*( )",
    "input.hint.prime": "；diffexplain 会自己求导：请输入函数本身，例如 x^2，再选择阶数",
    "input.hint.lamda": "；希腊字母 λ 请写成 lamda 或 λ",
    "input.hint.greek_capital": "；这里不识别大写希腊字母：请写出名字，例如 {name}",
    "input.hint.available": "可用的函数：{functions}。",
    "input.answer": "无法读取你的答案：{reason}",
    "input.answer_variables": "你的答案用到了函数中没有的 {names}（函数的变量：{variables}）",
    "input.answer_order": "阶数必须是 1 到 {limit} 之间的整数，而不是 {shown}",
    "input.answer_wrt_needed": "函数有多个变量（{names}）：请说明对哪个变量求导，例如 x",
    "input.answer_wrt": (
        "求导变量请写成用逗号分隔的变量名，最多 {limit} 个，例如 x 或 x,y（而不是 {shown}）"
    ),
    "input.answer_wrt_order": (
        "{count} 个变量表示 {count} 阶导数，而不是 {order} 阶：不填阶数，或填 {count}"
    ),
    "input.no_variable": "函数中没有变量“{name}”；它的变量是：{names}",
    "input.partials": (
        "{variables} 个变量到 {order} 阶共有 {count} 个偏导数（最多 {limit} 个）：请降低阶数"
    ),
    "input.sympy_time": (
        "SymPy 没能及时算完 {order} 阶导数（{reason}）：请降低阶数或换一个更小的函数"
    ),
    "input.sympy_failed": "SymPy 无法处理这个函数（{failure}）；请换一种写法",
    "input.budget.time": "超过了 {seconds:g} 秒",
    "input.budget.memory": "需要的内存超出了允许的范围",
    "input.budget.stopped": "SymPy 计算进程意外停止，已重新启动",
    "input.budget.abandoned": "已经没有人在等待这个结果",
    "input.tape_ops": (
        "这个函数的 {order} 阶导数需要磁带运行约 {ops:,} 个运算，超过了 {seconds:g} 秒内能完成的 "
        "{limit:,} 个：{fits} 阶可以（约 {fits_ops:,} 个运算）"
    ),
    "input.tape_ops_none": (
        "这个函数的 {order} 阶导数需要磁带运行约 {ops:,} 个运算，连 1 阶也超过了 {seconds:g} 秒内"
        "能完成的 {limit:,} 个：请换一个更小的函数"
    ),
    "input.tape_time": (
        "服务器太忙，没能在 {seconds:g} 秒内完成 {order} 阶的磁带计算：请稍后再试，或选择更低的阶数"
    ),
    "input.request_time": "服务器太忙，没能在 {seconds:g} 秒内给出结果：请稍后再试",
    "input.worker_lost": (
        "服务器上的 SymPy 计算进程在处理这个函数时意外停止（已重新启动）：请重试"
    ),
    "input.hessian_time": (
        "SymPy 没能及时算完二阶偏导数（{reason}）：请在上方选择 2 阶或更高，或换一个更小的函数"
    ),
    "note.input_rounding": (
        "{dtype} 无法精确表示这个点：磁带实际在 {point} 处计算，那里的精确值是 {value}，"
        "与磁带一致；差异来自输入的舍入，而不是求导"
    ),
    # 示例下拉框
    "preset.square": "x² 在 3 处（讲义：dy/dx = 6）",
    "preset.cube": "x³ 在 3 处（嵌套磁带：27 和 18）",
    "preset.persistent": "x² + y² 在 (4, 3) 处（persistent 磁带：8 和 6）",
    "preset.sin_exp": "sin(x)·eˣ",
    "preset.two_variables": "x·y + y²",
    "preset.vector": "[x·y, sin x]：向量值函数及其雅可比矩阵",
    "preset.neuron": "sigmoid(w·x + b)，一个神经元",
    "preset.x_to_the_x": "x^x（对数求导法）",
    "preset.corner": "|x| 在 0 处：尖点",
    "preset.infinite_slope": "√x 在 0 处：斜率无穷大",
    "preset.pole": "1/x 在 0 处：极点",
    "preset.not_real": "log(x) 在 −1 处：不是实数",
    "preset.tanh": "tanh(x) 求到 4 阶",
    "preset.float32_point": "sin(x) 在 12345.6 处用 float32：点本身就被舍入了",
    "plots.figure.exact": "精确值（SymPy）",
    "plots.figure.autodiff": "自动微分（磁带，{dtype}）",
    "plots.figure.no_value": "{name} 在这里没有实数值",
    "plots.figure.error_title": "|自动微分 − 精确值|，{dtype}",
    "plots.figure.error_axis": "绝对误差（0 → 1e-20）",
    "plots.figure.zero": "误差恰好为 0",
    "preset.by_definition": "x² sin(1/x) 在 0 处：按定义 f′(0) = 0，但导数公式在那里没有极限",
    "preset.smooth_corners": (
        "relu(x) + log(1 + e^−|x|) 在 0 处：函数光滑，但磁带的 relu′(0) = 0 让 f′ 算错了"
    ),
    # 10 控制磁带（以下是 TensorFlow 指南的内容）
    "control.intro": (
        "讲义讲到 `tape.watch` 为止。TensorFlow 的指南《梯度和自动微分简介》讲得更多：磁带可以"
        "只监视你点名的张量，并告诉你它监视了哪些变量；可以对磁带里算出的中间结果求导；可以一次"
        "接受多个目标；还可以用 0 代替 `None`。下面每个值都是现场计算的，旁边是 SymPy 的精确导"
        "数。"
    ),
    "control.watch.header": "只监视你点名的",
    "control.watch.explain": (
        "默认情况下，磁带会监视代码读取的每个可训练变量。`watch_accessed_variables=False` 关闭"
        "这一行为：磁带只跟踪 `tape.watch` 点名的张量。下面是指南的例子，x0 = 0，x1 由你选："
    ),
    "control.watch.none": (
        "x0 没有被监视，所以磁带没有记录任何从 x0 通向 `ys` 的运算：梯度是 `None`，尽管在 "
        "x0 = 0 处导数 cos(x0) 等于 1。打开 `watch_accessed_variables`，磁带就会监视两个变量。"
    ),
    "control.listed.guide": (
        "“可以用 `GradientTape.watched_variables` 方法列出磁带正在监视的变量。”"
    ),
    "control.listed.truth": (
        "`watched_variables()` 只列出 **Variable**。用 `tape.watch` 监视的常量确实被监视了"
        "（它的梯度能算出来），但不在这个列表里。"
    ),
    "control.intermediate.header": "对中间结果求梯度",
    "control.intermediate.explain": (
        "求导的对象不一定是输入：磁带里算出的张量也可以。这里 y = x² 是在磁带里算的，所以 "
        "`tape.gradient(z, y)` 就是 dz/dy = 2y。（持久磁带可以回答两个问题。）"
    ),
    "control.targets.header": "多个目标，或向量目标",
    "control.targets.explain": (
        "梯度是针对一个标量的。给 `tape.gradient` 多个目标（列表、字典，或含多个元素的张量），"
        "它对每个求导对象返回的是这些目标**之和**的梯度。"
    ),
    "control.targets.sum": (
        "所以字典给出 (y0 + y1)′ = 2x − 1/x²，x·[3, 4] 在任何 x 处都给出 3 + 4 = 7。要每个元素"
        "各自的导数，请求雅可比矩阵（见《雅可比矩阵》一页）。"
    ),
    "control.unconnected.header": "None 还是 0",
    "control.unconnected.explain": (
        '目标与某个求导对象无关时，磁带返回 `None`。`unconnected_gradients="zero"`（或 '
        "`tf.UnconnectedGradients.ZERO`）则返回与求导对象形状相同的 0，适合接下来要拿梯度做运算"
        "的代码。"
    ),
    "control.quiz.1": "两个目标组成的字典的梯度，x = 1。",
    "control.quiz.1.why": (
        "磁带把目标相加：d(x² + x³)/dx = 2x + 3x²，在 x = 1 处是 5。磁带返回的是 {answer}。"
    ),
    "control.quiz.2": "磁带被告知不要监视变量，也没有调用 `tape.watch`。",
    "control.quiz.2.why": (
        "什么都没被监视，所以什么都没被记录：{answer}。加上 `tape.watch(x)`，答案就是 2x = 6.0。"
    ),
    "control.quiz.3": "y 在磁带开始之前就算好了。它能作为求导对象吗？",
    "control.quiz.3.why": (
        "{answer}：y 在磁带出现之前就算好了，也没人监视它，所以 `y * y` 没有读取任何被监视的"
        "张量，没有被记录。把 `y = x * x` 放进磁带里（x 是变量，会被监视），答案就是 "
        "2y = 18.0。"
    ),
    # 11 控制流
    "flow.intro": (
        "磁带在 Python 执行运算时把它们记录下来，所以 `if`、`for`、`while` 不需要特别处理：磁带"
        "只看到实际执行的那条路径上的运算。这在分支的边界上和 `tf.where` 里会带来后果，下面现场"
        "演示，旁边是 SymPy 的 `Piecewise`。"
    ),
    "flow.branch.header": "只对走过的分支求导",
    "flow.branch.explain": (
        "指南的例子：x 决定哪个变量成为结果。把 x 移过 0，看哪个梯度变成 `None`。"
    ),
    "flow.branch.cond": "用 tf.cond 代替 if",
    "flow.branch.taken": "走过的分支",
    "flow.branch.none": (
        "SymPy 给出 0 的地方，磁带给出 `None`：没有任何被记录的运算把没走的分支连到结果上。x "
        "也一样，在任何 x 处都是：x 只通过比较 `x > 0` 影响结果，而布尔值没有梯度（数学上结果"
        "对 x 是平的，在 0 处跳变）。即时执行时，`tf.cond` 和 `if` 一样只运行一个分支。"
    ),
    "flow.loop.header": "循环：实际跑过的迭代",
    "flow.loop.explain": (
        "循环体运行几次由 Python 决定；磁带记录每一次运行的 `y * y`。比较 `y < 100.0` 不参与求导。"
    ),
    "flow.loop.squarings": "循环体运行的次数（k）",
    "flow.loop.after": (
        "对这个 x，循环运行了 {k} 次，所以 y = x^{power}，磁带的 dy/dx 就是这个函数的导数，"
        "SymPy 的也是。在 k 发生变化的地方（x = 10、√10、…），y 会跳变，那里没有导数，但磁带"
        "仍然按实际跑过的迭代给出答案。"
    ),
    "flow.piece.header": "分段函数在分界点",
    "flow.piece.explain": (
        "f 在 1 以下是 x²，从 1 开始是 3x − 2：在 1 处连续，但有一个拐角。用 `if` 写时，磁带"
        "对比较选中的那个分支求导。SymPy 的 `Piecewise` 求导也是如此；它的单侧差商告诉我们导数"
        "到底存不存在。"
    ),
    "flow.piece.condition": "比较方式",
    "flow.piece.left": "左侧（SymPy）",
    "flow.piece.right": "右侧（SymPy）",
    "flow.piece.kink": (
        "差商从左侧趋于 {left}，从右侧趋于 {right}：f 在这里没有导数。磁带和 SymPy 的 "
        "`Piecewise` 都返回比较所选分支的导数；把 `<` 改成 `<=`，两者的答案都会变，而数学本身"
        "没有变。"
    ),
    "flow.piece.guide": (
        "“由于梯度磁带在运算执行时记录它们，Python 的控制流（例如 `if` 和 `while` 语句）自然"
        "就能处理。”"
    ),
    "flow.piece.truth": (
        "所谓“处理”，是对实际运行的分支求导。在 x = 1 处 f 没有导数（差商分别趋于 {left} 和 "
        "{right}），磁带在 `x < 1.0` 时返回 {strict}，在 `x <= 1.0` 时返回 {loose}：无论哪种"
        "都是一个数，而且没有任何警告。"
    ),
    "flow.where.header": "tf.where 会计算两个分支",
    "flow.where.explain": (
        "`tf.where(x > 0, inner(x), 0.)` 在 x ≤ 0 处选 0，但它在所有位置都计算了 "
        "`inner(x)`，而且梯度会经过两个分支：被丢弃的分支收到的梯度是 0。安全写法在 x ≤ 0 处"
        "给 `inner` 一个无害的输入。选择 x："
    ),
    "flow.where.col.inner": "inner(x)",
    "flow.where.col.naive": "tf.where(x > 0, inner(x), 0.)",
    "flow.where.col.safe": "安全写法",
    "flow.where.col.exact": "SymPy 的 Piecewise 导数",
    "flow.where.col.zero": "传入 0 时在 0 处的梯度",
    "flow.where.docs": (
        "“如果 `tf.where` 任一分支的梯度产生 `NaN`，整个 `tf.where` 的梯度就是 `NaN`。”常被"
        "引用的例子是 x = 0 处的 `tf.where(x > 0, tf.sqrt(x), 0.)`。"
    ),
    "flow.where.truth": (
        "这个陷阱是真的，但对 `tf.sqrt` 不成立：在 TensorFlow 2.21 中，只要传入的梯度是 0，"
        "`sqrt` 的梯度就是 0，所以不安全的写法给出 0.0。`x ** 0.5`、`tf.math.log(x)` 和 "
        "`1 / x` 则把这个 0 乘上它们在 0 处的导数，而那是无穷大：0 · ∞ = NaN（见下表，x = 0）。"
        "安全写法从不让 `inner` 看到 x ≤ 0，不管是哪个运算。"
    ),
    "flow.quiz.1": "x = −3，磁带记录的函数里有一个 `if`。",
    "flow.quiz.1.why": (
        "x > 0 不成立，所以只有 `-x` 被执行和记录：它的导数是 −1。磁带返回了 {answer}；"
        "x * x 从未被记录。"
    ),
    "flow.quiz.2": "一个 `for` 循环乘了三次 x，x = 2。",
    "flow.quiz.2.why": (
        "y = x · x · x · x = x⁴，磁带记录了全部三次乘法：在 x = 2 处 4x³ = 32。磁带返回了 "
        "{answer}。"
    ),
    "flow.quiz.3": "条件本身（转成浮点数）的梯度。",
    "flow.quiz.3.why": (
        "{answer}：`x > 0` 是布尔值，比较运算没有梯度，所以转成 float32 之后也没有东西可以"
        "传回去。条件对梯度是不可见的。"
    ),
    # 12 暂停与重置
    "stop.intro": (
        "有时计算中的一部分不应计入梯度：一个评估指标、一个固定不动的目标、上一步留下的值。"
        "《高级自动微分》指南给出三种工具：`tape.stop_recording()` 暂停磁带，`tape.reset()` "
        "丢掉已经记录的内容，`tf.stop_gradient` 切断一条路径而不碰磁带。"
    ),
    "stop.cases.header": "计算 z = x² + y² 的四种方式",
    "stop.cases.explain": (
        "每种情况都在 x = 2、y = 3 处计算 z = x² + y²，并求 dz/dx 和 dz/dy。数学没有变，所以 "
        "SymPy 每次都给出 2x = 4 和 2y = 6；变的是磁带记录了什么。每种情况下面列出：磁带计算了"
        "哪些运算的梯度，按计算的先后顺序。"
    ),
    "stop.case.everything": "全部记录",
    "stop.case.paused": "stop_recording()",
    "stop.case.reset": "reset()",
    "stop.case.stopped": "tf.stop_gradient",
    "stop.case.everything.explain": (
        "两个平方和加法都被记录了，所以反向传播从加法出发，经过两次乘法，到达两个变量。"
    ),
    "stop.case.paused.explain": (
        "`y * y` 是在磁带暂停时运行的：它的值在 z 里，但对磁带来说它是常量。回程少了一次乘法，"
        "dz/dy 是 `None`。"
    ),
    "stop.case.reset.explain": (
        "`y * y` 被记录了，然后 `reset()` 把它丢掉；`x * x` 和加法在重置之后。结果与暂停相同，"
        "只是走的是另一条路。"
    ),
    "stop.case.stopped.explain": (
        "磁带记录了一切，包括 `y ** 2`，但从 z 到 y 的路径经过 `tf.stop_gradient`，它不往回"
        "传梯度：反向传播永远到不了 `y ** 2`。`StopGradient` 本身不在列表里，因为它没有梯度"
        "可算。"
    ),
    "stop.ops": "`t.gradient(z, …)` 的反向传播经过的运算：",
    "stop.summary.header": "并排比较",
    "stop.col.case": "情况",
    "stop.col.ops": "求导经过的运算（按顺序）",
    "stop.ops.how": (
        "由主页面的“记录的运算图”所用的同一个钩子列出：从 z 往回走时，TensorFlow 对每个被记录"
        "的运算调用一次梯度函数，每次调用都记下该运算的类型。`ReadVariableOp` 是读取变量，和其他"
        "运算一样被记录（`x * x` 读了两次 x）。"
    ),
    "stop.precise.guide": (
        "“与上面作用于整个磁带的控制相比，`tf.stop_gradient` 函数要精确得多。它可以阻止梯度沿"
        "某一条路径流动，而且不需要访问磁带本身。”"
    ),
    "stop.precise.truth": (
        "对路径确实精确，但它并不省下记录：磁带仍然记录 `y ** 2`，并保留其梯度需要的东西。用"
        "持久磁带可以看到，dz/dy 是 {dz_dy}，而 d(y_sq)/dy 是 {dy_sq_dy}。想同时省下内存和时"
        "间，就暂停磁带。"
    ),
    "stop.error.docs": "`stop_recording` 会抛出“`RuntimeError`：如果磁带当前没有在录制。”",
    "stop.error.truth": (
        "TensorFlow 2.21 抛出的是 **{raised}**（“Tape is not recording.”），所以 "
        "`except RuntimeError:` 接不住它。在代码块之后调用 `t.reset()` 也一样。"
    ),
    "stop.quiz.1": "x = 3，两个因子之一经过 `tf.stop_gradient`。",
    "stop.quiz.1.why": (
        "被截断的因子被当作常数 3，所以对磁带来说 z = 3 · x：{answer}。数学上的 d(x²)/dx = 6 "
        "并不是这段代码要求的。"
    ),
    "stop.quiz.2": "先监视一个常量，然后重置磁带。",
    "stop.quiz.2.why": (
        "{answer}：`reset()` 相当于换一个新磁带，新磁带不监视任何常量。重置之后再调用一次 "
        "`t.watch(x)` 就能得到 6.0。（变量不需要 watch：读取时会被重新监视。）"
    ),
    "stop.quiz.3": "两个磁带在录制，只有外层的暂停了。",
    "stop.quiz.3.why": (
        "`outer.stop_recording()` 只暂停外层磁带：内层磁带记录了 `x * x`，所以返回 {answer}。"
    ),
    # 13 自定义梯度
    "custom.intro": (
        "`tf.custom_gradient` 让你自己写一个函数的反向传播：函数返回它的值和一个 `grad` 函数，"
        "`grad` 把到达输出的梯度（`upstream`）变成输入的梯度。指南列出的理由有：数值上更稳定的"
        "梯度、缓存的中间值，或者想修改的梯度（比如裁剪）。下面每个说法都现场验证。"
    ),
    "custom.stable.header": "数值稳定的 log(1 + eˣ)",
    "custom.stable.explain": (
        "`tf.custom_gradient` 文档里的例子。在 float32 中，x ≈ 88.7 以上 eˣ 溢出为 `inf`；"
        "普通磁带的梯度于是要算 `inf / inf`。自定义梯度把导数写成 1 − 1/(1 + eˣ)，它保持为 "
        "1.0。选择 x："
    ),
    "custom.col.how": "计算方式",
    "custom.col.value": "log(1 + eˣ)",
    "custom.col.gradient": "d/dx",
    "custom.exact": "SymPy，精确",
    "custom.digits": "SymPy 在 x = {x} 处的精确值和导数，50 位有效数字：",
    "custom.stable.docs": "“用这个定义，x=100 处的梯度会被正确地算成 1.0。”",
    "custom.stable.truth": (
        "梯度确实是：{gradient}。但函数值仍然是 {value}，因为前向计算 `tf.math.log(1 + e)` "
        "时 e = `inf`：自定义梯度只修好了反向传播。`tf.math.softplus` 两者都修好了：{softplus} "
        "和 {softplus_gradient}。在 x = 88 处（见表），普通磁带的梯度不是 NaN 而是 0.0："
        "1/(1 + e) 小于 float32 最小的正规数，被冲刷为 0。"
    ),
    "custom.clip.header": "在反向传播中裁剪",
    "custom.clip.explain": (
        "指南的 `clip_gradients` 前向是恒等映射，反向时裁剪梯度。这里损失是 "
        "`scale * clip_gradients(v * v)`，v = 2。改变 scale，也就是到达 `clip_gradients` "
        "的梯度："
    ),
    "custom.clip.scale": "scale（到达 clip_gradients 的梯度）",
    "custom.clip.clipped": "经过 clip_gradients 的梯度",
    "custom.clip.plain": "同一损失、不裁剪（= SymPy 的 2·scale·v）",
    "custom.clip.after": (
        "`backward` 收到 dy = {scale}，最多往回传 0.5；然后磁带再乘以 d(v·v)/dv = 2v = 4。"
        "裁剪限制的是 `clip_gradients` 所在位置的梯度，而不是最终到达 v 的梯度。"
    ),
    "custom.clip.guide": '`print(t.gradient(output, v))  # calls "backward", which clips 4 to 2`',
    "custom.clip.truth": (
        "`backward` 从来没见过 4：它收到的是 dy = 1（`output` 对 `v * v` 的梯度），把它裁剪"
        "为 0.5；0.5 · 2v = {gradient}。打印的数字是对的，注释是错的：损失放大十倍时，dy = 10 "
        "被裁剪成 0.5，梯度仍然是 {ten}。"
    ),
    "custom.second.header": "自定义梯度只管一阶",
    "custom.second.explain": (
        "使用嵌套磁带时，内层的 `t0.gradient` 在外层磁带 `t1` 录制期间运行 `grad`。所以 `t1` "
        "用 TensorFlow 的普通规则对 `grad` 运行的运算 `1 - 1 / (1 + e)` 求导。在 x = 100 处 "
        "e = `inf`，这个导数又成了 NaN。切换到用 `tf.sigmoid` 写的 `grad`：它自己的梯度 "
        "s·(1 − s) 由输出算出，不会溢出。"
    ),
    "custom.second.stable": "grad 返回 upstream * tf.sigmoid(x)",
    "custom.second.docs": (
        "“嵌套自定义梯度可能导致不直观的结果。默认行为并不对应 n 阶导数。”（常有人说自定义"
        "梯度在二阶时被忽略。）"
    ),
    "custom.second.truth": (
        "并没有被忽略：二阶导数是你的 `grad` 所算内容的普通导数。在 x = 100 处，"
        "`1 - 1 / (1 + e)` 给出 {unstable}，`tf.sigmoid(x)` 给出 {fixed}，精确值是 {exact}"
        "（低于 float32 的正规数范围，所以 0.0 算一致）。要让你自己的规则在二阶也成立，就给 "
        "`grad` 再套一个 `tf.custom_gradient`，就像文档里的 `op_with_fused_backprop` 那样。"
    ),
    "custom.quiz.1": "x = 3，自定义梯度说是 10。",
    "custom.quiz.1.why": (
        "磁带相信你的规则，不管对错：{answer}，而 d(x²)/dx 是 6。没有任何东西会拿前向计算去"
        "检查自定义梯度；请自己用 SymPy 或有限差分核对。"
    ),
    "custom.quiz.2": "指南的 `clip_gradients`，v = 0.1。",
    "custom.quiz.2.why": (
        "到达的 dy = 1 被裁剪为 0.5，再乘以 2v = 0.2：{answer}，只有真实梯度 0.2 的一半，"
        "尽管 0.2 远小于裁剪的范数。"
    ),
    "custom.quiz.3": "两个输入，`grad` 只返回一个梯度。",
    "custom.quiz.3.why": (
        "{answer}：`grad` 必须为每个输入（x 和 y）各返回一个梯度，磁带调用它时 TensorFlow "
        "会检查个数。"
    ),
    # 14 雅可比矩阵
    "jacobian.intro": (
        "`tape.gradient` 给出一个标量的梯度（多个目标时是它们之和的梯度）。《高级自动微分》指南"
        "里的 `tape.jacobian` 给出每个元素的每个导数：雅可比矩阵，目标的每个元素对应一行。下面"
        "每个值旁边都是 SymPy 的 `jacobian` 或 `hessian` 在同一点的结果。"
    ),
    "jacobian.scalar.header": "标量求导对象",
    "jacobian.scalar.explain": (
        "指南的例子：对几个 x 计算 y = sigmoid(x + δ)，δ 是一个标量。对标量求的雅可比矩阵形状与"
        "目标相同：y 的每个元素一个导数。"
    ),
    "jacobian.tensor.header": "张量求导对象",
    "jacobian.tensor.explain": (
        "y = (x0²·x1, 5·x0 + sin x1, x0·x1) 把两个数映射成三个数：雅可比矩阵是 3 × 2，先是目标"
        "的形状，再是求导对象的形状。每个元素旁边是 SymPy 的 `Matrix.jacobian`。"
    ),
    "jacobian.tensor.sum": (
        "在同一个磁带上，`tape.gradient(y, x)` 对 y 的和求导：每个分量是雅可比矩阵一列的和。"
    ),
    "jacobian.batch.header": "batch_jacobian",
    "jacobian.batch.explain": (
        "一批四个输入，每一行各自映射成一行输出。完整的雅可比矩阵把每一行输出和每一行输入都联系"
        "起来：形状是 `(batch, outs, batch, ins)`，不同行之间的块全是 0。`batch_jacobian` 只计算"
        "对角线上的块：`(batch, outs, ins)`。"
    ),
    "jacobian.batch.off": "不同行之间的最大元素",
    "jacobian.batch.diagonal": "|j 的对角块 − jb| 的最大值",
    "jacobian.batch.sympy": (
        "与 SymPy 在每一行上的雅可比矩阵比较：{count} 个元素，最大差 {worst}：{verdict}。"
    ),
    "jacobian.batch.every": "每个元素与 SymPy 并排",
    "jacobian.shape.guide": "“`y` 对 `x` 的完整雅可比矩阵形状是 `(batch, ins, batch, outs)`”。",
    "jacobian.shape.truth": (
        "先是目标的轴，再是求导对象的轴：`(batch, outs, batch, ins)`。这里 y 是 {y_shape}，x 是 "
        "{x_shape}，`j.shape` 是 {shape}。指南自己的 `tf.einsum('bxby->bxy', j)` 能用，正是因为"
        "它按这个顺序读轴。"
    ),
    "jacobian.hessian.header": "海森矩阵，以及用它走一步牛顿法",
    "jacobian.hessian.explain": (
        "没有 `tape.hessian`：海森矩阵就是梯度的雅可比矩阵。内层磁带的梯度在外层磁带录制期间"
        "计算，然后外层磁带的 `t1.jacobian` 对它求导。牛顿法一步走到 x − H⁻¹g，用 `tf.linalg.solve`"
        "（指南给 H 加上 10⁻³·I 以防矩阵奇异；在这些点上 H 并不奇异）。SymPy 用精确分数算同一"
        "步。f = x⁴ + x·y + (1 + y)²："
    ),
    "jacobian.hessian.step_formula": "x − H⁻¹g，精确分数",
    "jacobian.hessian.uphill": (
        "这一步往上走了：f 从 {before} 升到 {after}。牛顿法走到二次模型梯度为零的地方；H = "
        "{hessian} 不是正定的，那个点是模型的鞍点，而不是最小值。"
    ),
    "jacobian.hessian.downhill": "走一步牛顿法：f 从 {before} 降到 {after}。",
    "jacobian.quiz.1": "y 有 2 个元素，x 有 3 个。最后一行返回什么？",
    "jacobian.quiz.1.why": (
        "{answer}：先是目标的形状（2），再是求导对象的形状（3）。每一行是 y 的一个元素的梯度。"
    ),
    "jacobian.quiz.2": "对一个 y 没有用到的变量求雅可比矩阵。",
    "jacobian.quiz.2.why": (
        "{answer}，和 `tape.gradient` 一样：从 x 到 y 没有记录的路径。"
        '`unconnected_gradients="zero"` 则给出一个 2 × 2 的零矩阵。'
    ),
    "jacobian.quiz.3": "目标有 3 行、求导对象有 2 行时调用 `batch_jacobian`。",
    "jacobian.quiz.3.why": (
        "{answer}：`batch_jacobian` 把目标的第 i 行和求导对象的第 i 行配对，所以两者的第一维必须"
        "相同。它只检查这一点；各行是否真的相互独立，要你自己清楚。"
    ),
    # 15 值得一看的错误
    "errors.intro": (
        "《梯度和自动微分简介》指南最后列出了梯度丢失的几种方式，而你的数学并没有错：某个运算"
        "没人写过梯度、路径上有整数或字符串、中间有一个有状态的对象。有的会报错，多数只是"
        "悄悄返回 `None`。下面每段代码都在这里按原样运行。"
    ),
    "errors.registry.header": "没有注册梯度",
    "errors.registry.explain": (
        "TensorFlow 记录的每个运算，在反向传播时都需要其*注册表*中的梯度函数。"
        "`tf.image.adjust_contrast` 运行的运算是 `AdjustContrastv2`，它没有梯度函数：前向计算"
        "正常，`tape.gradient` 却不行。"
    ),
    "errors.round.explain": (
        "一个运算也可以被特意注册为**不可微**：它的梯度函数说“没有梯度”，磁带就一声不响地返回 "
        "`None`。`tf.round` 就是这样（它真正的导数几乎处处为 0，在跳跃点没有定义）："
    ),
    "errors.registry.guide": (
        "“如果你试图对一个没有注册梯度的浮点运算求梯度，磁带会抛出错误，而不是悄悄返回 `None`。”"
    ),
    "errors.registry.truth": (
        "确实如此，错误是 **{raised}**，这是 Python 自己的异常类，不属于 `tf.errors`："
        "`except tf.errors.OpError:` 捕获不到它。它来自 `tape.gradient`，而不是运行该运算的"
        "那一行。指南给出的第二条出路，是用有梯度的运算改写这个函数："
    ),
    "errors.byhand.explain": (
        "`adjust_contrast` 把每个像素按系数 δ 拉离图像的均值：(p − mean)·δ + mean。这样写出来，"
        "磁带就能对它求导。选择 δ："
    ),
    "errors.byhand.same": "与 adjust_contrast 的图像相同",
    "errors.dtype.header": "整数和字符串",
    "errors.dtype.explain": (
        "只有浮点（和复数）张量携带梯度。从 x 到 y 的路径上出现整数或字符串，路径就断了。下面是"
        "四种情形，各附 TensorFlow 返回了什么、记录了什么日志："
    ),
    "errors.case.integer_watched": "被监视的整数",
    "errors.case.integer_times_float": "整数 × 1.5",
    "errors.case.cast_to_integer": "转换为 int32",
    "errors.case.through_a_string": "经过字符串",
    "errors.case.integer_watched.explain": (
        "指南的例子。`tf.constant(10)` 没有小数点，所以是 int32。`g.watch(x)` 记录一条警告，"
        "但仍然监视它；梯度是 `None`。"
    ),
    "errors.case.integer_times_float.explain": (
        "TensorFlow 不会把 int32 张量转换成浮点数：`x * 1.5` 在磁带记录时就失败了，根本到不了 "
        "`g.gradient`。好在报错至少说明了位置。"
    ),
    "errors.case.cast_to_integer.explain": (
        "最安静的一种。x 是浮点数，结果也是浮点数，也没有任何日志，但中间的 int32 不携带梯度："
        "`None`。转换成整数就是取整，而取整没有有用的导数。"
    ),
    "errors.case.through_a_string.explain": (
        "没人指望字符串携带梯度：`as_string` 和 `to_number` 被注册为不可微，磁带悄悄返回 `None`。"
    ),
    "errors.logged.nothing": "没有记录任何日志。",
    "errors.logged.first_n": (
        "关于监视整数的警告，TensorFlow 在一个进程里只记录前 5 次（`logging.log_first_n`）："
        "在已经显示过五次的服务器上，同样的代码返回 `None`，这个标签页会显示没有记录任何日志。"
    ),
    "errors.dtype.guide": (
        "“TensorFlow 不会在类型之间自动转换，所以在实践中，你往往会得到一个类型错误，而不是"
        "缺失的梯度。”"
    ),
    "errors.dtype.truth": (
        "只有当整数张量遇到 Python 浮点数时才这样：**{raised}**。显式 `tf.cast` 到整数得到 "
        "{cast}，经过字符串得到 {string}，既不报错也没有警告：警告只来自 `watch`，而 Variable "
        "不需要 `watch`。浮点张量乘整数张量引发的错误也根本不是 `TypeError`（见小测验第 2 题）。"
    ),
    "errors.state.header": "中间有一个有状态的对象",
    "errors.state.explain": (
        "张量有值；`tf.Variable` 有*状态*，`assign_add` 会改变它。磁带记录的是对变量的读取，"
        "而不是它的状态从何而来：`x1.assign_add(x0)` 之后，x1 存的是 x1 + x0，但对磁带来说它"
        "只是 x1。SymPy 在赋值之前的值（x1 = 0）处对 y = (x1 + x0)² 求导。选择 x0："
    ),
    "errors.state.after": (
        "dy/dx0 是 `None`：`assign_add` 不是路径上的可微运算，它写入状态。dy/dx1 是对的（用 x1 "
        "旧值算的 2·(x1 + x0) 等于用新值算的 2·x1）；不用赋值，而把 x1 + x0 作为张量计算，"
        "dy/dx0 也就对了。"
    ),
    "errors.pipes.guide": (
        "“类似地，`tf.data.Dataset` 迭代器和 `tf.queue` 都是有状态的，会阻断流经它们的张量上"
        "的所有梯度。”"
    ),
    "errors.pipes.truth": (
        "确实如此：放进队列或数据集的值，出来时已没有通往 x 的路径。两次都是 `None`，既不报错"
        "也没有警告。"
    ),
    "errors.quiz.1": "x = 2.4，两个因子中有一个被取整。",
    "errors.quiz.1.why": (
        "{answer}：按乘积法则，round(x)·1 + x·round′(x)。`tf.round` 没有梯度，它那一项什么也"
        "不加，剩下 round(2.4) = 2。和式中的 `None` 被跳过，而不是传下去；在这里这甚至是对的，"
        "因为 round′(2.4) = 0。"
    ),
    "errors.quiz.2": "在磁带下，float32 张量乘 int32 张量。",
    "errors.quiz.2.why": (
        "**{answer}**：两个不同 dtype 的张量不会被转换，`Mul` 在磁带记录时就拒绝了这一对。它"
        "不是 `TypeError`（它属于 `tf.errors`），所以 `except TypeError:` 捕获不到。"
        "`tf.cast(n, tf.float32)` 可以修好它。"
    ),
    "errors.quiz.3": "最大元素的位置，转换为浮点数。",
    "errors.quiz.3.why": (
        "{answer}：`tf.argmax` 返回 int64 的位置，不携带梯度，再转换回 float32 也带不回梯度。"
        "（从数学上说，导数几乎处处为 0：x 的微小变化不会改变最大元素的位置。）"
    ),
}
