"""Errors a user can meet, each one line that names the input and the fix.

Codes are stable so that messages can be searched for; the CLI prints ``str(error)`` and never a
traceback.
"""

from __future__ import annotations


class ParallaxError(Exception):
    """Base class: ``str()`` is the one line shown to the user."""

    code = "P000"

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(f"[{self.code}] {message}")


class InputError(ParallaxError):
    """One input item cannot be used; the run skips it and goes on."""

    code = "P100"


class UsageError(ParallaxError):
    """The command line or request is wrong; nothing was processed."""

    code = "P200"


class NoArticlesError(ParallaxError):
    """Every input item was skipped."""

    code = "P300"


class RefusedURLError(InputError):
    """A URL points at a private, loopback or link-local address (or is not http/https)."""

    code = "P110"


# --- reliability (issue 16): one class per message ---------------------------------------------


class TooManyRecordsError(UsageError):
    """One analysis request carries more article records than ``web.max_records``."""

    code = "P201"

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"more than {limit:,} articles in one analysis: send at most {limit:,} "
            "(one story; limit: web.max_records)"
        )
