"""Small view parts every page shares: safe callbacks, labelled free text, downloads, messages.

Import ipywidgets as ``ipw`` so it is never confused with this ``widgets`` package.
"""
