"""The pipeline from a typed formula to an Explanation, free of Streamlit.

parse (whitelist parser) → symbolic (SymPy, in a killable worker) and tape (nested
GradientTapes) → record (the ops the tapes ran, as a graph) → agree (the two side by side, in
words) → explanation (`explain()`). Imports only `diffexplain.text` from outside itself.
"""
