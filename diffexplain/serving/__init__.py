"""Running the app as processes: one `streamlit run` server on a free port (`server`), and
several replicas behind nginx (`cluster`, `python -m diffexplain.serving.cluster`). Imports
nothing else of the package: what it runs is `streamlit_app.py`.
"""
