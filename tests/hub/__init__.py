"""Helpers for tests/test_jupyterhub.py: a real JupyterHub with real Unix accounts."""
