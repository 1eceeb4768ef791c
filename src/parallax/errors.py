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


class NotADatabaseError(UsageError):
    """``--db`` names a file that SQLite cannot read as a database."""

    code = "P202"

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(
            f"{path} is not a database ({problem}): give a story database built by "
            "`parallax cluster ... --db FILE`"
        )


class NoDatabaseError(UsageError):
    """A command that reads a database was given a path where none exists (it is not created)."""

    code = "P203"

    def __init__(self, path: str) -> None:
        super().__init__(
            f"no database at {path}: check the path, or build one with `parallax cluster ... --db {path}`"
        )


class PortInUseError(UsageError):
    """``parallax serve`` cannot listen on the address and port it was given."""

    code = "P204"

    def __init__(self, host: str, port: int, problem: str) -> None:
        super().__init__(
            f"cannot listen on {host} port {port} ({problem}): stop what uses it or give --port N"
        )


NESTED_JSON = "JSON nested too deeply to be an article record: write one flat object per line"


def step_failed(step: str, error: BaseException) -> str:
    """The reason an article is skipped when one step of its analysis raised (a defect to report)."""
    detail = str(error).splitlines()[0][:120] if str(error).strip() else ""
    name = type(error).__name__
    return (
        f"{step} failed on this article ({name}{': ' + detail if detail else ''}): skipped, the other "
        "articles were kept; please report it with the article"
    )


class AnalysisFailedError(ParallaxError):
    """The cross-article part of an analysis failed although each article passes alone."""

    code = "P301"

    def __init__(self, step: str, error: BaseException) -> None:
        detail = str(error).splitlines()[0][:120] if str(error).strip() else ""
        super().__init__(
            f"the analysis failed while {step} ({type(error).__name__}{': ' + detail if detail else ''}), "
            "though each article passes alone: please report it with the articles"
        )


def article_cut(length: int, limit: int) -> str:
    """The warning for an article longer than ``corpus.max_body_chars``: analysed up to the limit."""
    return (
        f"article of {length:,} characters: only its first {limit:,} are analysed "
        "(limit: corpus.max_body_chars; split it into several articles to analyse the rest)"
    )


def invalid_url(problem: str) -> str:
    """The reason a URL whose host cannot be encoded (full-width or IDNA-invalid letters) is skipped."""
    return f"not a valid URL ({problem}): check the host name, or save the page and give the file"


def html_too_deep(depth: int, limit: int) -> str:
    """Why a page nested past the HTML parser's depth has no text (its body is below the limit)."""
    return (
        f"HTML nested {depth} elements deep: the parser reads only {limit} levels, so the article "
        "text below them is lost; save the article's text and give the file"
    )


class GzipBombError(InputError):
    """A compressed input expands far beyond what text compresses to (``ingest.max_gzip_ratio``)."""

    code = "P111"

    def __init__(self, ratio: int, compressed: int, expanded: int) -> None:
        super().__init__(
            f"gzip data expands more than {ratio}x ({compressed:,} bytes gave {expanded:,}): not article "
            "records; the lines before this point were read (limit: ingest.max_gzip_ratio)"
        )
