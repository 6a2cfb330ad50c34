"""Figures: the data of the plots (drawn by the browser through Vega-Lite), the matplotlib
fallbacks, and the tape graph in Graphviz's DOT. Free of Streamlit; imports `core`, `teach`
and `text`.
"""
