"""Streamlit helpers shared by the router and the pages; the only package that imports Streamlit."""
