"""Command-line interface: a thin shell over the library API (``parallax.analyze`` and friends).

Errors are printed as one line naming the input and the fix, never as a traceback. Exit status:
0 when at least one item was processed, 2 for a usage error, 1 otherwise.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from parallax import pipeline
from parallax.errors import ParallaxError, UsageError
from parallax.models import Report, Skipped

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="parallax: how one news story is told by many outlets.",
    pretty_exceptions_enable=False,
)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)

Inputs = Annotated[
    list[str], typer.Argument(help="files, folders, .jsonl/.jsonl.gz, http(s) URLs, or '-' for stdin")
]
Output = Annotated[Path | None, typer.Option("--output", "-o", help="output file")]


def _fail(error: Exception, status: int) -> None:
    stderr.print(f"parallax: {error}", markup=False)
    raise typer.Exit(status)


@contextmanager
def _errors() -> Iterator[None]:
    """Turn library errors into one line on stderr and the contract's exit status."""
    try:
        yield
    except UsageError as error:
        _fail(error, 2)
    except ParallaxError as error:
        _fail(error, 1)
    except OSError as error:
        _fail(error, 1)


def _report_skipped(skipped: list[Skipped]) -> None:
    for item in skipped:
        stderr.print(f"skipped {item.source}: {item.reason}", markup=False)


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[str], None]]:
    """A spinner naming the current step, on a terminal only (never in --json or pipe output)."""
    if not enabled or not stderr.is_terminal:
        yield lambda step: None
        return
    with stderr.status("starting") as status:
        yield lambda step: status.update(step)


def _write_lines(records: list[dict[str, Any]], output: Path | None) -> None:
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if output is None:
        sys.stdout.write(text)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")


@app.command()
def analyze(
    inputs: Inputs,
    output: Output = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the JSON report on stdout")] = False,
) -> None:
    """The full analysis of one story told by several articles."""
    from parallax.report import write_report

    with _errors():
        with _progress(not as_json) as progress:
            report = pipeline.analyze(inputs, progress=progress)
        _report_skipped(report.skipped)
        if as_json:
            sys.stdout.write(report.model_dump_json(indent=2) + "\n")
        if output is not None:
            write_report(report, output)
            stderr.print(f"report written to {output}", markup=False)
        if not as_json and output is None:
            _print_summary(report)


def _print_summary(report: Report) -> None:
    console = Console()
    console.print(f"[bold]{report.story.title or 'Story'}[/bold]  ({report.story.article_count} articles)")
    for article in report.articles:
        console.print(
            f"  {article.id}: {article.outlet.name or '?'} — {article.title or '(no title)'}", markup=False
        )
    for sentence in report.summary:
        cites = ", ".join(f"{c.article}/{c.sentence}" for c in sentence.citations)
        console.print(f"• {sentence.text} [dim][{cites}][/dim]")


@app.command()
def extract(inputs: Inputs, output: Output = None) -> None:
    """Cleaning only: body text, title, outlet, date and removed boilerplate, one JSON line per article."""
    with _errors():
        articles, skipped = pipeline.extract(inputs)
        _report_skipped(skipped)
        _write_lines([a.model_dump(mode="json", exclude={"sentences"}) for a in articles], output)
        if not articles:
            raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the report."""
    sys.stdout.write(json.dumps(Report.model_json_schema(), indent=2) + "\n")


@app.command()
def quotes(inputs: Inputs, output: Output = None) -> None:
    """Quotations and their speakers, article by article, on the text as given (no cleaning)."""
    with _errors():
        raise UsageError("`parallax quotes` is not available yet in this version")


@app.command()
def cluster(inputs: Inputs, output: Output = None) -> None:
    """Near-duplicate detection and grouping of many articles into stories."""
    with _errors():
        raise UsageError("`parallax cluster` is not available yet in this version")


@app.command()
def stories() -> None:
    """List the stories stored in a database."""
    with _errors():
        raise UsageError("`parallax stories` is not available yet in this version")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="address to bind (127.0.0.1: this machine only)")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on")] = 8000,
    db: Annotated[str | None, typer.Option(help="story database to browse on the Stories page")] = None,
    data_dir: Annotated[
        Path | None, typer.Option(help="where reports are kept (default: a temporary folder removed at exit)")
    ] = None,
    allow_private_urls: Annotated[
        bool, typer.Option(help="let the server fetch private, loopback and link-local addresses")
    ] = False,
) -> None:
    """The web application: analyse a story in the browser, browse stored stories, JSON API."""
    from dataclasses import replace

    import uvicorn

    from parallax.web import Settings, create_app

    with _errors():
        loopback = host in ("127.0.0.1", "localhost", "::1")
        settings = Settings(data_dir=data_dir, db=db, allow_private_urls=allow_private_urls)
        application = create_app(settings if loopback else replace(settings, hosts=None))
        if not loopback:
            stderr.print(
                f"warning: listening on {host}: anyone who can reach it can run analyses", markup=False
            )
        stderr.print(f"parallax is running at http://{host}:{port}/ (Ctrl+C to stop)", markup=False)
        uvicorn.run(application, host=host, port=port, log_level="warning")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
