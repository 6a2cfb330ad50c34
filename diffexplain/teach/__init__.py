"""Teaching views built on the core: how a formula was read, expression swell, finite
differences, forward and reverse mode, the Hessian, code to copy, a student's answer checked
(`answer`), generated exercises (`exercises`), and the lecture and guide pages' live lessons
(`lessons/`). Free of Streamlit; imports only `core` and `text`.
"""
