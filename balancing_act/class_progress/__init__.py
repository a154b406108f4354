"""The class's progress on the Hub: a JupyterHub service that keeps the self-check attempts
students' kernels send (:mod:`.store`), sums them up for the class page (:mod:`.summary`,
:mod:`.page`) and serves the pages and the API (:mod:`.service`)."""
