"""Charts as the browser gets them: a Vega-Lite spec whose data is already in Arrow, built once
per input (inside the callers' `st.cache_data`) and sent as it is on every rerun.

`st.altair_chart` validates the chart against the Vega-Lite schema and converts its data on
every run; `st.vega_lite_chart` converts only data that is not Arrow yet. Building the spec once
made a warm rerun of the main page about twice as cheap.
"""

from __future__ import annotations

from typing import Any


def vega_spec(chart: Any) -> dict:
    """The Vega-Lite spec of an Altair chart, each named dataset as Arrow IPC bytes.

    The bytes come from Streamlit's own converter (`dataframe_util`, not public API), the one
    `st.vega_lite_chart` would run on every rerun; if it ever moves, the data stays as values
    and Streamlit converts it itself, as before.
    """
    spec = chart.to_dict()
    try:
        from streamlit.dataframe_util import convert_anything_to_arrow_bytes
    except ImportError:
        return spec
    if "datasets" in spec:
        spec["datasets"] = {
            name: convert_anything_to_arrow_bytes(values)
            for name, values in spec["datasets"].items()
        }
    return spec
