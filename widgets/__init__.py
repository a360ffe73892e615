"""Voice & Influence Workbook: content model, results store and the widgets of each page.

Dependencies point one way: ``content`` and ``results`` import nothing from ipywidgets;
``ui`` and ``pages`` build views on top of them.
"""

__version__ = "0.1.0"
