"""Errors a user can meet: a catalogue, one code per message, each with its fix (after spaCy's errors.py).

A user who meets ``error PX104: empty file (fix: give a file with the article's text)`` can search
the code in ``docs/errors.md`` (generated from this module: ``python -m parallax.errors``; a test
keeps the two in sync). The CLI prints ``str(error)``, one line, never a traceback.

Adding a message is one line in ``E`` (the code is the attribute's name, the text may hold
``{fields}``)::

    PX123 = Entry("what went wrong with {path}", "what the user does about it")

and raising it is ``raise InputError(E.PX123, path=path)``. ``error.message`` is then
``"what went wrong with …: what the user does about it"`` (the form a skipped input's reason takes);
a class raised with free text (``raise InputError("…: fix")``) keeps its class's code.

Ranges: PX0xx the system (a file cannot be written), PX1xx an input item is skipped, PX2xx the
command or request is wrong, PX3xx nothing could be analysed, PX4xx the server is busy, PX5xx the
configuration is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


@dataclass
class Entry:
    """One catalogued message: what went wrong (a ``str.format`` template) and the fix."""

    what: str
    fix: str
    code: str = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.code = name


class ParallaxError(Exception):
    """Base class: ``str()`` is the one line shown to the user, ``message`` the text without the code."""

    code: str = "PX000"
    fix: str = "report it with the command that gave it: this error has no catalogued fix"

    def __init__(self, message: str | Entry, /, **fields: Any) -> None:
        if isinstance(message, Entry):
            self.code = message.code
            self.what = message.what.format(**fields)
            self.fix = message.fix.format(**fields)
            self.message = f"{self.what}: {self.fix}"
            line = f"error {self.code}: {self.what} (fix: {self.fix})"
        else:  # free text names the input and the fix itself ("…: give a file"), by convention
            self.what = self.message = message
            line = f"error {self.code}: {message}"
        super().__init__(line)

    def __reduce__(self) -> tuple[Any, ...]:
        # Across processes (worker pools, Dask) the error keeps its code and fix, not only its line.
        return (_restore, (type(self), self.args[0], self.code, self.what, self.fix, self.message))


def _restore(
    cls: type[ParallaxError], line: str, code: str, what: str, fix: str, message: str
) -> ParallaxError:
    error = cls.__new__(cls)
    Exception.__init__(error, line)
    error.code, error.what, error.fix, error.message = code, what, fix, message
    return error


class InputError(ParallaxError):
    """One input item cannot be used; the run skips it and goes on."""

    code = "PX100"
    fix = "the reason names the item and what to change in it; the other items are still read"


class UsageError(ParallaxError):
    """The command line or request is wrong; nothing was processed."""

    code = "PX200"
    fix = "change the command or request as the message says (`parallax COMMAND --help` lists the options)"


class NoArticlesError(ParallaxError):
    """Every input item was skipped."""

    code = "PX300"
    fix = "fix the inputs named in the skipped lines above it"


class RefusedURLError(InputError):
    """A URL points at a private, loopback or link-local address (or is not http/https)."""

    code = "PX110"
    fix = "give a public http(s) URL (or start the server with --allow-private-urls)"


class ConfigError(UsageError):
    """A --config file cannot be read or names a setting that does not exist."""

    code = "PX500"
    fix = "correct the TOML file: its sections and keys are the fields of parallax.config.Config"


# --- reliability (issue 16): one class per message ---------------------------------------------


class TooManyRecordsError(UsageError):
    """One analysis request carries more article records than ``web.max_records``."""

    code = "PX208"
    fix = "send at most web.max_records articles in one analysis (one story)"

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"more than {limit:,} articles in one analysis: send at most {limit:,} "
            "(one story; limit: web.max_records)"
        )


class NotADatabaseError(UsageError):
    """``--db`` names a file that SQLite cannot read as a database."""

    code = "PX209"
    fix = "give a story database built by `parallax cluster ... --db FILE`"

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(
            f"{path} is not a database ({problem}): give a story database built by "
            "`parallax cluster ... --db FILE`"
        )


class NoDatabaseError(UsageError):
    """A command that reads a database was given a path where none exists (it is not created)."""

    code = "PX210"
    fix = "check the path, or build one with `parallax cluster ... --db FILE`"

    def __init__(self, path: str) -> None:
        super().__init__(
            f"no database at {path}: check the path, or build one with `parallax cluster ... --db {path}`"
        )


class PortInUseError(UsageError):
    """``parallax serve`` cannot listen on the address and port it was given."""

    code = "PX211"
    fix = "stop what uses the port or give --port N"

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

    code = "PX303"
    fix = "report it with the articles: each passes alone"

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

    code = "PX126"
    fix = "give uncompressed article records or a normal gzip file"

    def __init__(self, ratio: int, compressed: int, expanded: int) -> None:
        super().__init__(
            f"gzip data expands more than {ratio}x ({compressed:,} bytes gave {expanded:,}): not article "
            "records; the lines before this point were read (limit: ingest.max_gzip_ratio)"
        )


class E:
    """The catalogue: every message with a code of its own."""

    # --- PX0xx: the system ---
    PX001 = Entry("{detail}", "check the path, its permissions and the free disk space")
    # --- PX1xx: one input item is skipped (ingest) ---
    PX101 = Entry("expected a JSON object, got {got}", "write one article object per line")
    PX102 = Entry('field "{name}" must be a string, got {got}', "fix the record")
    PX103 = Entry('record has neither "text" nor "html"', "add the article's text or HTML")
    PX104 = Entry("empty file", "give a file with the article's text")
    PX105 = Entry("empty file", "give a JSONL file with one article record per line")
    PX106 = Entry(
        "file of {size:,} bytes is over the {limit:,}-byte limit for one article",
        "give one file per article (limit: ingest.max_item_bytes)",
    )
    PX107 = Entry("damaged gzip data ({detail})", "re-compress the file or give it uncompressed")
    PX108 = Entry("no article records (only blank lines)", "give one JSON object per line")
    PX109 = Entry("invalid JSON ({detail} at column {column})", "fix or remove the line")
    PX111 = Entry("unsupported file type {kind}", "give {supported} files")
    PX112 = Entry("unsupported URL scheme '{scheme}'", "give an http(s) URL or a local path")
    PX113 = Entry("empty page", "check the URL or save the article and give the file")
    PX114 = Entry("unsupported content type '{media_type}'", "give the URL of an HTML article page")
    PX115 = Entry("HTTP {status} {phrase}", "check the URL or save the page and give the file")
    PX116 = Entry("more than {limit} redirects", "give the page's final URL")
    PX117 = Entry("no answer within {timeout:g} s", "try again later or save the page and give the file")
    PX118 = Entry(
        "unreachable ({detail})", "check the address and your network, or save the page and give the file"
    )
    PX119 = Entry("download failed ({detail})", "save the page and give the file")
    PX120 = Entry("refused: {host} is a private or local address ({address})", "give a public URL")
    PX121 = Entry("undecodable {encoding} text ({detail} at byte {start})", "re-save the file as UTF-8")
    PX122 = Entry("binary content (NUL bytes)", "give a text, HTML or JSONL file saved as UTF-8")
    PX123 = Entry("undecodable bytes (not UTF-8 and no known encoding fits)", "re-save the file as UTF-8")
    PX124 = Entry("no text (empty or only whitespace)", "give a file with the article's text")
    PX125 = Entry(
        "binary content ({controls} control characters in {length})", "give a text, HTML or JSONL file"
    )
    # --- PX2xx: the command is wrong, nothing was processed ---
    PX201 = Entry("no input given", "name files, folders, URLs or '-', or use --db with --story/--all")
    PX202 = Entry("--db needs exactly one of --story ID or --all", "give --db with --story ID or with --all")
    PX203 = Entry("cannot write {path}", "use a .json, .md or .html file name")
    PX204 = Entry(
        "cannot reach the Dask scheduler at {address} ({detail})",
        "start `dask scheduler` or drop --scheduler/{variable} to run in-process",
    )
    PX205 = Entry("cannot open database {db!r} ({detail})", "give a file path or postgresql://…")
    PX206 = Entry("cannot open database {db!r}: {detail}", "check the server, its address and credentials")
    PX207 = Entry("no story {story!r} in this database", "`parallax stories --db …` lists them")
    # --- PX3xx: nothing could be analysed ---
    PX301 = Entry("no article could be read", "see the reasons listed for each skipped input")
    PX302 = Entry("no article could be read ({reasons})", "fix the inputs named there")
    # --- PX4xx: the server ---
    PX400 = Entry(
        "the server is busy with other analyses (web.max_pending_jobs are waiting)", "try again in a minute"
    )
    # --- PX5xx: the configuration ---
    PX501 = Entry("cannot read config {path}: {detail}", "give an existing TOML file")
    PX502 = Entry("config {path}: {detail}", "write it as TOML (https://toml.io)")
    PX503 = Entry(
        "config {path}: unknown setting {key!r}",
        "use a section and key of parallax.config.Config (src/parallax/config.py lists them)",
    )
    PX504 = Entry("config {path}: {key}: {detail}", "give a value of the type the setting has")


def catalogue() -> list[tuple[str, str, str, str]]:
    """Every code with its kind, message and fix: the error classes first, then the catalogue."""
    rows: list[tuple[str, str, str, str]] = []

    def walk(cls: type[ParallaxError]) -> None:
        rows.append((cls.code, cls.__name__, (cls.__doc__ or "").strip(), cls.fix))
        for sub in cls.__subclasses__():
            if sub.__module__ == __name__:  # not what happens to be imported: the docs stay stable
                walk(sub)

    walk(ParallaxError)
    for entry in vars(E).values():
        if isinstance(entry, Entry):
            rows.append((entry.code, "", entry.what, entry.fix))
    return sorted(rows)


def _fields(template: str) -> str:
    """``{size:,}`` reads ``{size}`` in the docs."""
    return re.sub(r"\{(\w+)[^}]*\}", r"{\1}", template)


def markdown() -> str:
    """docs/errors.md: the catalogue as a table a user can search for a code."""
    lines = [
        "# Error codes",
        "",
        "Generated from `src/parallax/errors.py` by `python -m parallax.errors > docs/errors.md`",
        "(tests/test_errors.py keeps it in sync). Every error parallax prints is one line:",
        "`error PX104: empty file (fix: give a file with the article's text)`. `{…}` stands for the",
        "input the message names. A code that names a class is the code of every message raised with",
        "that class and free text.",
        "",
        "| code | class | message | fix |",
        "|---|---|---|---|",
    ]
    for code, kind, what, fix in catalogue():
        cells = [code, f"`{kind}`" if kind else "", _fields(what), _fields(fix)]
        lines.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(markdown())
