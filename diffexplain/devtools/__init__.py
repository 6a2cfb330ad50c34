"""Tools for the people who build the app, not part of it: the benchmark
(`python -m diffexplain.devtools.bench`), the class benchmark (`...devtools.load`), its students
without a browser (`protocol_client`) and the per-panel profile of a page run (`page_profile`).
"""
