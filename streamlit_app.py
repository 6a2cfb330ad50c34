"""diffexplain: the router. Run with `streamlit run streamlit_app.py`.

The pages live in `pages/`; `diffexplain/ui/router.py` holds their list, the language switch
and the guard around every page. The page shell and SymPy's derivatives appear first;
TensorFlow loads once per server while they are on screen.
"""

from diffexplain.ui.router import run_app

run_app()
