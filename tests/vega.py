"""Reading a Vega-Lite spec (`chart.to_dict()`) in tests: its layers, marks and data."""

import pandas as pd


def layers(spec, data=None):
    """The layers of a chart's spec, nested layers flattened (each with the data it inherits),
    in drawing order."""
    for layer in spec.get("layer", []):
        inherited = layer.get("data", data or spec.get("data"))
        if "layer" in layer:
            yield from layers(layer, inherited)
        else:
            yield {**layer, "data": inherited} if inherited else layer


def mark(layer):
    """A layer's mark type ("line", "point", ...)."""
    return layer["mark"] if isinstance(layer["mark"], str) else layer["mark"]["type"]


def data(spec, layer):
    """The rows a layer draws, from the spec's named datasets."""
    return pd.DataFrame(spec["datasets"][layer["data"]["name"]])
