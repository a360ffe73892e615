"""The one exception whose message people see.

A page shows ``Refused``'s message as it is: it says, in plain words, what could not be done and
what to do. Any other exception, a ValueError from a library included (json, a PDF maker), is
an internal error: logged with the action that failed, and shown as a plain apology instead.
"""

from __future__ import annotations


class Refused(ValueError):
    """What a person typed or asked for cannot be accepted; the message says what to fix."""


class StoreError(Refused):
    """The results store could not do what was asked; its message is plain words for people
    (the engine's own error is logged, not shown)."""
