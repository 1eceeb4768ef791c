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
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from parallax.errors import E, ParallaxError, PortInUseError, UsageError

if TYPE_CHECKING:  # imported in the commands that use them: `parallax --help` loads no model
    from parallax.config import Config
    from parallax.models import RawArticle, Report, Skipped

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
Reports = Annotated[
    list[Path] | None,
    typer.Option("--output", "-o", help="report file: .json, .md or .html; repeat for several formats"),
]
Database = Annotated[
    str | None, typer.Option("--db", help="corpus database: a SQLite file path or postgresql://…")
]
Scheduler = Annotated[
    str | None,
    typer.Option(
        "--scheduler", help="Dask scheduler tcp://host:port (default: $PARALLAX_SCHEDULER, else in-process)"
    ),
]
ConfigFile = Annotated[
    Path | None,
    typer.Option("--config", help="TOML file of settings: sections and keys of parallax.config.Config"),
]


def _load_config(path: Path | None) -> Config:
    """The --config file's settings (the measured defaults for what it leaves out)."""
    from parallax.config import DEFAULT, load_config

    return DEFAULT if path is None else load_config(path)


def _fail(error: Exception, status: int) -> None:
    """One line: ``error PX201: no input given (fix: …)``, the code searchable in docs/errors.md."""
    line = str(error) if isinstance(error, ParallaxError) else str(ParallaxError(E.PX001, detail=error))
    stderr.print(line, markup=False)
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
    inputs: Annotated[
        list[str] | None,
        typer.Argument(help="files, folders, .jsonl/.jsonl.gz, http(s) URLs, or '-' for stdin"),
    ] = None,
    outputs: Reports = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the JSON report on stdout")] = False,
    db: Database = None,
    story: Annotated[str | None, typer.Option("--story", help="with --db: analyse this stored story")] = None,
    all_stories: Annotated[
        bool, typer.Option("--all", help="with --db: analyse every stored story told by 2+ outlets")
    ] = False,
    scheduler: Scheduler = None,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="with --db --all: local analysis processes (default: one per core; not with --scheduler)",
        ),
    ] = None,
    config_file: ConfigFile = None,
) -> None:
    """The full analysis of one story told by several articles."""
    from parallax import pipeline
    from parallax.report import renderer_for

    outputs = outputs or []
    with _errors():
        for path in outputs:
            renderer_for(path)
        config = _load_config(config_file)
    if db is not None or story is not None or all_stories:
        _analyze_stored(db, story, all_stories, scheduler, outputs, as_json, config, workers)
        return
    with _errors():
        if not inputs:
            raise UsageError(E.PX201)
        with _progress(not as_json) as progress:
            report = pipeline.analyze(inputs, config, progress=progress)
        _report_skipped(report.skipped)
        if as_json:
            sys.stdout.write(report.model_dump_json(indent=2) + "\n")
        _write_reports(report, outputs)
        if not as_json and not outputs:
            _print_summary(report)


def _write_reports(report: Report, outputs: list[Path]) -> None:
    from parallax.report import write_report

    for path in outputs:
        write_report(report, path)
        stderr.print(f"report written to {path}", markup=False)


def _print_summary(report: Report, console: Console | None = None) -> None:
    """The terminal view: articles, the cited summary, naming choices, verbs and the timeline.

    Article text goes in as ``Text`` objects, never as markup, so brackets in it print as-is.
    """
    from rich.table import Table
    from rich.text import Text

    from parallax.report.views import NEUTRAL_VERBS, build_views

    console = console or Console(highlight=False)
    views = build_views(report)
    story = report.story
    heading = Text(story.title or "Story", style="bold")
    dates = " to ".join(str(d) for d in dict.fromkeys([story.first_published, story.last_published]) if d)
    heading.append(f"  {story.article_count} articles" + (f", {dates}" if dates else ""), style="dim")
    console.print(heading)
    articles = Table(show_header=False, box=None, padding=(0, 1))
    for article in report.articles:
        articles.add_row(Text(str(views.numbers[article.id]), style="bold"), Text(views.label(article.id)),
                         Text(article.title or "(no title)", style="dim"))  # fmt: skip
    console.print(articles)
    console.print(Text("\nSummary", style="bold underline"))
    for sentence in report.summary:
        line = Text("• ")
        line.append(sentence.text)
        cites = " ".join(
            f"{views.numbers.get(c.article, c.article)}:{c.sentence}" for c in sentence.citations
        )
        line.append(f"  [{cites}]", style="dim")
        console.print(line)
    if not report.summary:
        console.print(Text("(no sentence could be cited)", style="dim"))
    terms = views.term_rows()
    if terms:
        console.print(Text("\nHow each outlet names what happened", style="bold underline"))
        table = Table("about", *(views.label(a) for a in views.article_ids), show_lines=False)
        for row in terms[:3]:
            cells = [Text(", ".join(t for t, _ in row.cells.get(a, []))) for a in views.article_ids]
            table.add_row(Text(row.referent), *cells)
        console.print(table)
    verbs = views.verbs()
    judging = {a: [v for v, _ in uses if v not in NEUTRAL_VERBS] for a, uses in verbs.items()}
    if any(judging.values()):
        console.print(Text("\nAttribution verbs beyond “said”", style="bold underline"))
        for ident in views.article_ids:
            if judging.get(ident):
                line = Text(f"{views.label(ident)}: ", style="bold")
                line.append(", ".join(judging[ident]))
                console.print(line)
    if report.timeline:
        console.print(Text("\nTimeline", style="bold underline"))
        for event in report.timeline[:12]:
            line = Text(f"{event.date:<10} ", style="bold")
            line.append(event.text)
            console.print(line)
    console.print(Text("\nWrite the full report with -o report.html (or .md, .json).", style="dim"))


@app.command()
def extract(inputs: Inputs, output: Output = None) -> None:
    """Cleaning only: body text, title, outlet, date and removed boilerplate, one JSON line per article."""
    from parallax import pipeline

    with _errors():
        articles, skipped = pipeline.extract(inputs)
        _report_skipped(skipped)
        _write_lines([a.model_dump(mode="json", exclude={"sentences"}) for a in articles], output)
        if not articles:
            raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the report."""
    from parallax.models import Report

    sys.stdout.write(json.dumps(Report.model_json_schema(), indent=2) + "\n")


@app.command()
def quotes(inputs: Inputs, output: Output = None) -> None:
    """Quotations and their speakers, article by article, on the text as given (no cleaning)."""
    from parallax import pipeline
    from parallax.annotate.quotes import quote_record, quotes_in_text
    from parallax.errors import article_cut
    from parallax.isolation import each
    from parallax.models import Skipped

    limit = _load_config(None).corpus.max_body_chars

    def text_of(raw: RawArticle) -> str:
        text = raw.text or ""
        if len(text) > limit:  # offsets stay offsets into the input: only the head is read
            cut = text.rfind("\n", 0, limit + 1)
            head = text[: cut if cut > 0 else limit]
            _report_skipped([Skipped(source=raw.source, reason=article_cut(len(text), len(head)))])
            return head
        return text

    with _errors():
        raws, skipped = pipeline.read(inputs)
        usable = [raw for raw in raws if raw.text is not None]
        skipped += [
            Skipped(
                source=raw.source, reason="HTML only: quotes are read from text; run `parallax extract` first"
            )
            for raw in raws
            if raw.text is None
        ]
        _report_skipped(skipped)
        failed: list[Skipped] = []
        written = 0
        handle = sys.stdout if output is None else output.open("w", encoding="utf-8")
        try:
            # one line per article as soon as it is done: memory stays flat on large inputs; an
            # article whose extraction raises is reported and the others are still written
            found = each("quote extraction", usable, lambda raw: quotes_in_text(text_of(raw), raw.id),
                         lambda raw: raw.source, failed)  # fmt: skip
            for raw, quotes_found in found:
                record = {"id": raw.id, "quotes": [quote_record(q) for q in quotes_found]}
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                written += 1
                _report_skipped(failed)
                failed.clear()
        finally:
            if handle is not sys.stdout:
                handle.close()
        _report_skipped(failed)
        if not written:
            raise typer.Exit(1)


def _analyze_stored(
    db: str | None,
    story: str | None,
    all_stories: bool,
    scheduler: str | None,
    outputs: list[Path],
    as_json: bool,
    config: Config | None = None,
    workers: int | None = None,
) -> None:
    """`analyze --db`: reports for stored stories, kept in the database."""
    from parallax.corpus.analysis import analysis_workers, analyze_stored, worker_config
    from parallax.scale import executor_for, scheduler_address
    from parallax.store import Store

    with _errors():
        if db is None or (story is not None) == all_stories:
            raise UsageError(E.PX202)
        config = config or _load_config(None)
        with Store(db, create=False) as store:
            ids = [story] if story is not None else store.story_ids(min_outlets=2)
            local = 1 if scheduler_address(scheduler) else analysis_workers(config, len(ids), workers)
            executor = executor_for(scheduler, local)
            results = []
            try:
                # One line per story as its report is stored (the progress of a long run).
                for story_id, result in analyze_stored(
                    store, ids, worker_config(config, local), executor=executor
                ):
                    results.append((story_id, result))
                    if isinstance(result, str):
                        stderr.print(f"story {story_id}: {result}", markup=False)
                    elif not as_json and not outputs:
                        stderr.print(
                            f"story {story_id}: report stored ({result.story.article_count} articles)",
                            markup=False,
                        )
            finally:
                executor.close()
        reports = [r for _, r in results if not isinstance(r, str)]
        if story is not None and reports:
            if as_json:
                sys.stdout.write(reports[0].model_dump_json(indent=2) + "\n")
            _write_reports(reports[0], outputs)
        if not reports:
            raise typer.Exit(1)


@app.command()
def cluster(
    inputs: Inputs,
    output: Output = None,
    db: Database = None,
    scheduler: Scheduler = None,
    workers: Annotated[
        int,
        typer.Option(min=1, help="local processes for cleaning and features (without --scheduler)"),
    ] = 1,
    config_file: ConfigFile = None,
) -> None:
    """Near-duplicate detection and grouping of many articles into stories."""
    import tempfile

    from parallax.corpus.build import build_corpus
    from parallax.scale import executor_for
    from parallax.store import Store

    with (
        _errors(),
        tempfile.TemporaryDirectory() as scratch,
        Store(db or str(Path(scratch) / "cluster.db")) as store,
    ):
        config = _load_config(config_file)
        executor = executor_for(scheduler, workers)
        try:
            with _progress(output is not None) as progress:
                summary = build_corpus(inputs, store, config, executor=executor, progress=progress)
        finally:
            executor.close()
        _report_skipped(summary.skipped)
        if summary.skipped_count > len(summary.skipped):
            more = summary.skipped_count - len(summary.skipped)
            stderr.print(
                f"... and {more} more skipped (all are in the database's skipped table)", markup=False
            )
        _write_lines([a.model_dump(mode="json") for a in store.assignments()], output)
        stderr.print(
            f"{summary.added} articles added ({summary.already_stored} already stored, "
            f"{summary.duplicates} copies), {len(summary.stories)} stories, "
            f"{summary.skipped_count} skipped",
            markup=False,
        )
        if not summary.added and not summary.already_stored:
            raise typer.Exit(1)


@app.command()
def stories(
    db: Annotated[str, typer.Option("--db", help="corpus database: a SQLite file path or postgresql://…")],
    limit: Annotated[int, typer.Option(help="how many stories to list")] = 50,
    min_outlets: Annotated[int, typer.Option("--min-outlets", help="only stories told by this many")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="one JSON line per story")] = False,
    sort: Annotated[
        str,
        typer.Option(help="size (largest first) or disagreement (most contradictions and disputed facts)"),
    ] = "size",
    outlets: Annotated[
        bool,
        typer.Option("--outlets", help="instead, how often each outlet diverges over the analysed stories"),
    ] = False,
) -> None:
    """List the stories stored in a database (title, size, outlets, dates), largest first."""
    from parallax.interpret.disagreement import combine
    from parallax.store import Store

    with _errors(), Store(db, create=False) as store:
        if outlets:
            rows = combine(store.divergence())
            if as_json:
                _write_lines([r.model_dump(mode="json") for r in rows], None)
                return
            for r in rows:
                share = r.diverging_stories / r.stories if r.stories else 0.0
                Console().print(
                    f"{r.outlet}: diverges in {r.diverging_stories} of {r.stories} stories ({share:.0%}); "
                    f"{r.unique} unique claims, {r.omitted} omissions, {r.contradictions} conflicts",
                    markup=False,
                    highlight=False,
                )
            stderr.print(f"{len(rows)} outlets over the analysed stories", markup=False)
            return
        listed, total = store.list_stories(limit=limit, min_outlets=min_outlets, sort=sort)
        if as_json:
            _write_lines([s.model_dump(mode="json") for s in listed], None)
            return
        console = Console()
        for s in listed:
            dates = f"{s.first_published or '?'} → {s.last_published or '?'}"
            names = ", ".join(s.outlets) or "?"
            disputes = f"  {s.contradictions} conflicts, {s.disputed} disputed" if s.has_report else ""
            title = s.title or "(no title)"
            console.print(
                f"{s.id:>7}  {s.article_count:>4} articles  {dates}  {title}  [{names}]{disputes}",
                markup=False,
                highlight=False,
            )
        stderr.print(f"{len(listed)} of {total} stories", markup=False)


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
    config_file: ConfigFile = None,
) -> None:
    """The web application: analyse a story in the browser, browse stored stories, JSON API."""
    from dataclasses import replace

    import uvicorn

    from parallax.web import Settings, create_app

    with _errors():
        loopback = host in ("127.0.0.1", "localhost", "::1")
        settings = Settings(
            data_dir=data_dir, db=db, allow_private_urls=allow_private_urls, config=_load_config(config_file)
        )
        application = create_app(settings if loopback else replace(settings, hosts=None))
        if not loopback:
            stderr.print(
                f"warning: listening on {host}: anyone who can reach it can run analyses", markup=False
            )
        listening = _listen(host, port)
        stderr.print(f"parallax is running at http://{host}:{port}/ (Ctrl+C to stop)", markup=False)
        # A request still running at SIGTERM gets a few seconds, then the server stops anyway.
        server = uvicorn.Server(uvicorn.Config(application, log_level="warning", timeout_graceful_shutdown=5))
        server.run(sockets=[listening])


def _listen(host: str, port: int) -> Any:
    """A socket bound to ``host``:``port`` and listening, or a one-line ``PortInUseError``."""
    import socket

    listening = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    try:
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind((host, port))
        listening.listen(2048)
    except OSError as error:
        listening.close()
        raise PortInUseError(host, port, error.strerror or str(error)) from None
    return listening


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:  # Ctrl-C while starting up (before a command has its own handling)
        stderr.print("parallax: interrupted", markup=False)
        raise SystemExit(130) from None


if __name__ == "__main__":
    main()
