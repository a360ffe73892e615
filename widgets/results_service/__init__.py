"""The results service: under JupyterHub, the only program that reads or writes the results
database. Staff pages send submissions and ask for what they may see through it, with the
person's hub token; who is asking, and what they may see, comes from the hub, never from what a
page sends.

    python -m widgets.results_service     (started by JupyterHub: deploy/jupyterhub_config.py)
"""
