"""What a builder raises when the controls leave nothing to draw or compute.

Widgets show its text in place of the chart, never a traceback. It lives apart from the widget
shell so that computations (the balance index, say) can raise it without importing Altair.
"""


class EmptySelection(Exception):
    """Raised when the controls select nothing; the text is shown to the student."""


# Internal: nothing of this module is part of the package's top-level names.
__all__ = []
