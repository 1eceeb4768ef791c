"""The web application: server-rendered pages and a JSON API over the library (``parallax serve``).

Pages: Analyse (paste texts or URLs, upload files; the analysis runs as a background job whose
progress the page polls, then the report is shown with download links), Stories (with a story
database) and an API reference generated from the OpenAPI schema. Every page is rendered by
Jinja2 with autoescaping on, and the report itself (``parallax.report.render_html``) is served
into a sandboxed frame with its own content security policy, so article text never runs as code.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException, MultiPartParser

from parallax.config import DEFAULT, Config
from parallax.errors import ParallaxError, UsageError
from parallax.ingest.decode import fix_text
from parallax.ingest.manifest import Manifest, apply_entry, is_manifest, parse_manifest
from parallax.models import OutletDivergence, RawArticle, Report, Skipped
from parallax.report import render_json, render_markdown
from parallax.report.html import render_html
from parallax.version import __version__
from parallax.web.inputs import (
    ACCEPTED,
    AnalyzeRequest,
    Batch,
    first_error,
    from_json,
    from_upload,
    split_pasted,
)
from parallax.web.jobs import BusyError, Failure, Job, JobRunner
from parallax.web.safety import article_id
from parallax.web.stories import StoryPage, StoryStore, open_store

HERE = Path(__file__).parent
Format = Literal["json", "md", "html"]
MEDIA = {"json": "application/json", "md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8"}

# Our pages: scripts and styles from /static only, nothing inline, nothing from elsewhere.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# The report page is self-contained (inline CSS/JS); it runs sandboxed in an opaque origin,
# may not load or send anything, and may only be framed by our own pages.
REPORT_CSP = (
    "sandbox allow-scripts allow-popups; default-src 'none'; style-src 'unsafe-inline'; "
    "script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")


@dataclass(frozen=True)
class Settings:
    """How ``parallax serve`` was started."""

    data_dir: Path | None = None
    db: str | None = None
    allow_private_urls: bool = False
    config: Config = DEFAULT
    # Host names the server answers to; None answers any. On a loopback address, only loopback
    # names, so that a web page cannot reach this server by rebinding its own name to 127.0.0.1.
    hosts: tuple[str, ...] | None = LOOPBACK_HOSTS


class _BodyTooLarge(Exception):
    pass


class _Guard:
    """ASGI middleware: known hosts only, no cross-site posts, capped bodies, security headers."""

    def __init__(self, app: Any, max_bytes: int, hosts: tuple[str, ...] | None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.hosts = hosts

    async def __call__(
        self,
        scope: MutableMapping[str, Any],
        receive: Callable[[], Awaitable[MutableMapping[str, Any]]],
        send: Callable[[MutableMapping[str, Any]], Awaitable[None]],
    ) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        host = headers.get(b"host", b"").decode("latin-1")
        name = host if host.endswith("]") else host.rsplit(":", 1)[0]
        if self.hosts is not None and name not in self.hosts:
            refusal = f"unknown host {name!r}: open the app as http://127.0.0.1 or http://localhost"
            await JSONResponse({"error": refusal}, 400)(scope, receive, send)
            return
        origin = headers.get(b"origin")
        unsafe = scope["method"] not in ("GET", "HEAD", "OPTIONS")
        # Browsers name the page a post comes from ("null" from sandboxed or opaque pages).
        if unsafe and origin is not None and origin.decode("latin-1").split("://", 1)[-1] != host:
            refusal = "cross-site requests are refused: post from this app's own pages"
            await JSONResponse({"error": refusal}, 403)(scope, receive, send)
            return
        limit = f"requests are limited to {self.max_bytes / 1e6:g} MB: send fewer or smaller files"
        if int(headers.get(b"content-length", b"0") or 0) > self.max_bytes:
            await JSONResponse({"error": limit}, 413)(scope, receive, send)
            return
        seen = 0
        started = False

        async def counted() -> MutableMapping[str, Any]:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise _BodyTooLarge
            return message

        async def secured(message: MutableMapping[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {name.lower() for name, _ in message["headers"]}
                # same-origin, not no-referrer: with no-referrer a browser sends "Origin: null"
                # on our own form posts, which the cross-site check above must refuse.
                extra = [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                ]
                if b"content-security-policy" not in names:
                    extra.append((b"content-security-policy", PAGE_CSP.encode()))
                message["headers"] = [*message["headers"], *extra]
            await send(message)

        try:
            await self.app(scope, counted, secured)
        except _BodyTooLarge:
            if not started:
                await JSONResponse({"error": limit}, 413)(scope, receive, send)


def create_app(settings: Settings = Settings()) -> FastAPI:
    """The FastAPI application; the analysis workers start with the server (its lifespan)."""
    config = settings.config
    store: StoryStore | None = open_store(settings.db) if settings.db else None
    templates = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True)
    templates.globals.update(version=__version__, limits=config.web, accepted=ACCEPTED)

    if settings.data_dir is not None:
        # Made here, before the server starts, so that an unusable folder is a one-line error.
        settings.data_dir.mkdir(parents=True, exist_ok=True)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        data_dir = settings.data_dir or Path(tempfile.mkdtemp(prefix="parallax-web-"))
        app.state.runner = JobRunner(config, data_dir, settings.allow_private_urls)
        try:
            yield
        finally:
            app.state.runner.close()
            if settings.data_dir is None:
                shutil.rmtree(data_dir, ignore_errors=True)

    app = FastAPI(
        title="parallax",
        version=__version__,
        description="How one news story is told by many outlets. JSON endpoints mirror the command line.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.add_middleware(_Guard, max_bytes=config.web.max_request_bytes, hosts=settings.hosts)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(templates.get_template(name).render(**context), status)

    def runner() -> JobRunner:
        result: JobRunner = app.state.runner
        return result

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    # --- errors: one line, as JSON for the API and as a page for people -----------------------

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        detail = error.errors()[0]
        where = ".".join(str(p) for p in detail["loc"] if p not in ("query", "path", "body"))
        message = f"{where}: {detail['msg']}" if where else str(detail["msg"])
        if wants_json(request):
            return JSONResponse({"error": message}, 422)
        return page("error.html", 422, message=message)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        if wants_json(request):
            return JSONResponse({"error": str(error.detail)}, error.status_code)
        return page("error.html", error.status_code, message=str(error.detail))

    @app.exception_handler(ParallaxError)
    async def parallax_error(request: Request, error: ParallaxError) -> Response:
        status = 503 if isinstance(error, BusyError) else 400
        if wants_json(request):
            return JSONResponse({"error": error.message}, status)
        return page("error.html", status, message=error.message)

    # --- reading a request into a batch of articles -------------------------------------------

    async def read_batch(request: Request) -> Batch:
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind == "application/json":
            body = await request.body()
            try:
                # Parsing and checking records is CPU work: in a worker thread, so the server
                # keeps answering other requests meanwhile.
                payload = await run_in_threadpool(AnalyzeRequest.model_validate_json, body)
            except ValidationError as error:
                if error.errors()[0]["type"] == "json_invalid":
                    raise UsageError(f"the body is not valid JSON: {first_error(error)}") from error
                raise _Unprocessable(first_error(error)) from error
            return await run_in_threadpool(from_json, payload, config)
        if kind == "multipart/form-data":
            parser = MultiPartParser(
                request.headers,
                request.stream(),
                max_files=config.web.max_files,
                max_fields=100,
                max_part_size=config.web.max_file_bytes,  # a pasted text may be as long as a file
            )
            # Uploads stay in memory (the body is capped by _Guard): none may spill into the
            # system's temporary directory, as the app writes only into its data directory.
            parser.spool_max_size = config.web.max_request_bytes + 1
            try:
                form = await parser.parse()
            except MultiPartException as error:
                if "files" in str(error):
                    raise UsageError(
                        f"too many files: at most {config.web.max_files} per analysis"
                    ) from error
                raise UsageError(f"unreadable upload: {error}") from error
            return await _form_batch(form)
        if kind == "application/x-www-form-urlencoded":
            return await _form_batch(await request.form())
        raise UsageError("send JSON ({'articles': [...], 'urls': [...]}) or multipart/form-data with files")

    async def _form_batch(form: FormData) -> Batch:
        uploads = [v for _, v in form.multi_items() if isinstance(v, UploadFile) and v.filename]
        # Browsers send a double quote in a file name as %22 (the multipart quoting rule).
        files = [((u.filename or "upload").replace("%22", '"'), await u.read()) for u in uploads]
        boxes = [value if isinstance(value, str) else "" for value in form.getlist("text")]
        outlets = [value if isinstance(value, str) else "" for value in form.getlist("text_outlet")]
        urls_given = [value if isinstance(value, str) else "" for value in form.getlist("text_url")]
        urls = [value for value in form.getlist("urls") if isinstance(value, str)]
        # Reading the files is CPU work (a JSONL of many records): in a worker thread.
        return await run_in_threadpool(_form_items, files, (boxes, outlets, urls_given), urls)

    def _form_items(
        files: list[tuple[str, bytes]], pasted: tuple[list[str], list[str], list[str]], urls: list[str]
    ) -> Batch:
        batch = Batch(max_records=config.web.max_records)
        manifests: list[Manifest] = []
        for name, data in files:
            if is_manifest(name):
                manifest = _uploaded_manifest(name, data, batch)
                manifests += [manifest] if manifest else []
                continue
            for item in from_upload(name, data, config):
                batch.add(item)
        _apply_manifests(batch, manifests)
        boxes, outlets, urls_given = pasted
        n = 0
        for box, text in enumerate(boxes):
            # A box's outlet and URL fields name every text pasted into it.
            outlet = outlets[box].strip() if box < len(outlets) else ""
            url = urls_given[box].strip() if box < len(urls_given) else ""
            for part in split_pasted(text):
                n += 1
                batch.add(
                    RawArticle(
                        id=f"text-{n}",
                        source=f"pasted:{n}",
                        text=fix_text(part),
                        outlet=fix_text(outlet)[:200] or None,
                        url=url[:2000] if _is_web_address(url) else None,
                    )
                )
        batch.add_urls([line for value in urls for line in value.splitlines()], config.web)
        batch.require_items()
        return batch

    def _uploaded_manifest(name: str, data: bytes, batch: Batch) -> Manifest | None:
        """An uploaded sources.csv / story.toml, or None with its problem in ``skipped``."""
        try:
            manifest = parse_manifest(data.decode("utf-8-sig"), name)
        except UnicodeDecodeError:
            batch.skipped.append(
                Skipped(source=f"upload:{name}", reason="manifest is not UTF-8: save it as UTF-8")
            )
            return None
        except ParallaxError as error:
            batch.skipped.append(Skipped(source=f"upload:{name}", reason=error.message))
            return None
        batch.skipped += [
            Skipped(source=f"upload:{place}", reason=reason) for place, reason in manifest.problems
        ]
        return manifest

    def _apply_manifests(batch: Batch, manifests: list[Manifest]) -> None:
        """Each uploaded file gets what an uploaded manifest says of it (by its file name)."""
        for i, raw in enumerate(batch.raws):
            name = raw.source.removeprefix("upload:")
            if not raw.source.startswith("upload:") or ":" in name:
                continue  # pasted texts, JSONL lines: their own fields
            entry = next((e for m in manifests if (e := m.entry(name)) is not None), None)
            if entry is not None:
                batch.raws[i] = apply_entry(raw, entry)

    # --- pages ---------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, summary="The page to paste or upload articles")
    def analyse_page() -> HTMLResponse:
        return page("analyse.html")

    @app.post("/analyze", response_class=HTMLResponse, include_in_schema=False)
    async def analyse_form(request: Request) -> Response:
        try:
            job = runner().submit(await read_batch(request))
        except (ParallaxError, _Unprocessable) as error:
            status = 503 if isinstance(error, BusyError) else 400
            return page("analyse.html", status, error=str(getattr(error, "message", error)))
        return RedirectResponse(f"/jobs/{job.id}", 303)

    @app.get("/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False)
    def job_page(job_id: str) -> HTMLResponse:
        job = _job(job_id)
        return page("job.html", job=runner().status(job), story=job.report.story if job.report else None)

    @app.get("/jobs/{job_id}/report", include_in_schema=False)
    def job_report(job_id: str, format: Format = "html", download: bool = False) -> Response:
        job = _job(job_id)
        if job.report is None:
            raise HTTPException(409, f"analysis {job_id} is {job.status}: its report is not ready")
        return report_response(job.report, format, f"parallax-{job_id[:8]}" if download else None)

    @app.get("/stories", response_class=HTMLResponse, summary="The stored stories, filtered")
    def stories_page(
        q: str = Query("", max_length=config.web.max_query_chars),
        outlet: str = Query("", max_length=config.web.max_query_chars),
        since: str = "",
        until: str = "",
        page_number: int = Query(1, alias="page"),
        sort: str = "",
    ) -> HTMLResponse:
        if store is None:
            return page("stories.html", store=False)
        size = 25
        page_number = max(1, page_number)
        error = None
        try:
            found = store.list_stories(
                q or None,
                outlet or None,
                _day(since, "since"),
                _day(until, "until"),
                size,
                (page_number - 1) * size,
                sort or "default",
            )
        except UsageError as problem:
            error, found = problem.message, StoryPage(stories=[], total=0)
        filters = {"q": q, "outlet": outlet, "since": since, "until": until, "sort": sort}
        return page(
            "stories.html",
            store=True,
            found=found,
            outlets=sorted({name for story in found.stories for name in story.outlets}),
            filters=filters,
            error=error,
            page=page_number,
            pages=max(1, -(-found.total // size)),
            divergence=store.outlet_divergence(),
            query=lambda n: "&".join(f"{k}={quote(v)}" for k, v in {**filters, "page": str(n)}.items() if v),
        )

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(story_id: str) -> HTMLResponse:
        report = _story(story_id)
        return page("story.html", story_id=story_id, story=report.story, skipped=report.skipped)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_page() -> HTMLResponse:
        return page("api.html", api=app.openapi())

    # --- API -----------------------------------------------------------------------------------

    analyze_body = {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": AnalyzeRequest.model_json_schema()},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                            "text": {"type": "string", "description": "texts separated by lines of ---"},
                            "urls": {"type": "string", "description": "one URL per line"},
                        },
                    }
                },
            },
        }
    }

    @app.post(
        "/api/analyze",
        summary="Analyse one story (the report in JSON, Markdown or HTML)",
        openapi_extra=analyze_body,
        responses={400: {"description": "bad input: {'error'}"}, 422: {"description": "no usable article"}},
    )
    async def api_analyze(request: Request, format: Format = "json") -> Response:
        try:
            job = runner().submit(await read_batch(request))
        except _Unprocessable as error:
            return JSONResponse({"error": str(error)}, 422)
        assert job.future is not None
        try:
            outcome = await asyncio.wrap_future(job.future)
        except Exception as error:
            return JSONResponse({"error": f"the analysis failed: {error.__class__.__name__}: {error}"}, 500)
        if isinstance(outcome, Failure):
            skipped = [s.model_dump() for s in outcome.skipped]
            return JSONResponse({"error": outcome.message, "skipped": skipped}, outcome.status)
        return report_response(outcome, format, None)

    @app.post(
        "/api/jobs",
        status_code=202,
        summary="Start an analysis in the background (same body as /api/analyze)",
    )
    async def api_start_job(request: Request) -> JSONResponse:
        try:
            job = runner().submit(await read_batch(request))
        except _Unprocessable as error:
            return JSONResponse({"error": str(error)}, 422)
        return JSONResponse(job.as_json(), 202, headers={"Location": f"/api/jobs/{job.id}"})

    @app.get(
        "/api/jobs/{job_id}",
        summary="Where an analysis stands: queued, running (with its step), done or failed",
    )
    def api_job(job_id: str) -> dict[str, Any]:
        return runner().status(_job(job_id))

    @app.get("/api/stories", response_model=StoryPage, summary="The stored stories, filtered and paged")
    def api_stories(
        q: str = Query(
            "",
            description="words that must all appear in the story's title, in any order",
            max_length=config.web.max_query_chars,
        ),
        outlet: str = Query(
            "", description="an outlet that told the story (any case)", max_length=config.web.max_query_chars
        ),
        since: str = Query("", description="YYYY-MM-DD: stories still running on or after this day"),
        until: str = Query("", description="YYYY-MM-DD: stories started on or before this day"),
        limit: int = Query(50, ge=1, le=500),
        offset: int = Query(0, ge=0),
        sort: Literal["default", "disagreement"] = Query(
            "default", description="disagreement: the most contradictions and disputed facts first"
        ),
    ) -> StoryPage:
        if store is None:
            raise HTTPException(404, "no story database: start parallax serve with --db FILE")
        return store.list_stories(
            q or None, outlet or None, _day(since, "since"), _day(until, "until"), limit, offset, sort
        )

    @app.get(
        "/api/outlets",
        response_model=list[OutletDivergence],
        summary="Per outlet over the stored stories: how often it diverges from the others",
    )
    def api_outlets() -> list[OutletDivergence]:
        if store is None:
            raise HTTPException(404, "no story database: start parallax serve with --db FILE")
        return store.outlet_divergence()

    @app.get("/api/stories/{story_id}", summary="One stored story's report")
    def api_story(story_id: str, format: Format = "json", download: bool = False) -> Response:
        return report_response(
            _story(story_id), format, f"parallax-{article_id(story_id)}" if download else None
        )

    # --- helpers that need the app's state -----------------------------------------------------

    def _job(job_id: str) -> Job:
        job = runner().get(job_id)
        if job is None:
            raise HTTPException(
                404, f"no analysis {job_id}: it may have finished before the server restarted"
            )
        return job

    def _story(story_id: str) -> Report:
        if store is None:
            raise HTTPException(404, "no story database: start parallax serve with --db FILE")
        report = store.get_story_report(story_id)
        if report is None:
            raise HTTPException(404, f"no story {story_id!r} in the database")
        return report

    return app


class _Unprocessable(Exception):
    """A request whose JSON is well-formed but not the expected shape (HTTP 422)."""


def _is_web_address(url: str) -> bool:
    """Whether a URL typed for a pasted text is an http(s) address (it is metadata, never fetched)."""
    return url.lower().startswith(("http://", "https://")) and " " not in url


def _day(value: str, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise UsageError(f"{name}: give a date as YYYY-MM-DD, not {value!r}") from error


def report_response(report: Report, format: Format, download: str | None) -> Response:
    """The report in one format; HTML carries a sandboxing policy; ``download`` names an attachment."""
    renderers = {"json": render_json, "md": render_markdown, "html": render_html}
    headers = {"Content-Security-Policy": REPORT_CSP} if format == "html" else {}
    if download:
        headers["Content-Disposition"] = f'attachment; filename="{download}.{format}"'
    return Response(renderers[format](report), media_type=MEDIA[format], headers=headers)
