"""The lecture demos: plain functions, no Streamlit, whose source the lecture pages show."""
