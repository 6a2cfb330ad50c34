"""ui/charts: a chart's spec built once, its data already in the form the browser reads."""

import altair as alt
import pandas as pd
import pyarrow as pa

from diffexplain.ui.charts import vega_spec


def test_each_dataset_becomes_arrow_holding_the_same_values():
    frame = pd.DataFrame({"x": [0.0, 0.5, 1.0], "y": [1.0, None, 3.0]})
    chart = alt.layer(
        alt.Chart(frame).mark_line().encode(x="x", y="y"),
        alt.Chart(pd.DataFrame({"x": [0.5]})).mark_rule().encode(x="x"),
    )
    spec = vega_spec(chart)
    assert spec["layer"][0]["mark"]["type"] == "line"
    assert len(spec["datasets"]) == 2
    tables = [pa.ipc.open_stream(data).read_all() for data in spec["datasets"].values()]
    assert sorted(table.num_rows for table in tables) == [1, 3]
    line = next(table for table in tables if table.num_rows == 3)
    assert line.column("x").to_pylist() == [0.0, 0.5, 1.0]
    assert line.column("y").to_pylist()[0::2] == [1.0, 3.0]


def test_a_chart_without_named_data_is_left_alone():
    chart = alt.Chart(alt.Data(values=[{"a": 1}])).mark_point().encode(x="a:Q")
    spec = vega_spec(chart)
    assert "datasets" not in spec and spec["data"] == {"values": [{"a": 1}]}
