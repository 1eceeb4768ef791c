"""The HTTP API and the server-rendered pages, through FastAPI's test client."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi.testclient import TestClient

from parallax.config import Config, WebConfig
from parallax.web import Settings, create_app, jobs
from parallax.web.jobs import Failure

if TYPE_CHECKING:
    from tests.web.conftest import Payload


ARTICLE = "The council approved the new bridge on Monday after a long debate about its cost.\n" * 3


def records(n: int) -> list[dict[str, Any]]:
    return [{"id": f"r{i}", "text": f"Report {i}.\n{ARTICLE}", "outlet": f"Outlet {i}"} for i in range(n)]


def wait_done(client: TestClient, job_id: str) -> dict[str, Any]:
    for _ in range(600):
        status: dict[str, Any] = client.get(f"/api/jobs/{job_id}").json()
        if status["status"] in ("done", "failed"):
            return status
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not finish")


# --- POST /api/analyze ---------------------------------------------------------------------------


def test_analyze_json_records_returns_the_report(client: TestClient) -> None:
    response = client.post("/api/analyze", json={"articles": records(2)})
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["schema_version"] == "1"
    assert [a["id"] for a in report["articles"]] == ["r0", "r1"]
    assert report["story"]["article_count"] == 2


def test_analyze_in_markdown_and_html(client: TestClient) -> None:
    markdown = client.post("/api/analyze?format=md", json={"articles": records(2)})
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert "Outlet 1" in markdown.text
    html = client.post("/api/analyze?format=html", json={"articles": records(2)})
    assert html.headers["content-type"].startswith("text/html")
    assert "sandbox" in html.headers["content-security-policy"]


def test_uploading_the_example_files(client: TestClient, example_files: list[Path]) -> None:
    files = [("files", (p.name, p.read_bytes(), "text/plain")) for p in example_files]
    response = client.post("/api/analyze", files=files)
    assert response.status_code == 200, response.text
    assert sorted(a["id"] for a in response.json()["articles"]) == sorted(p.stem for p in example_files)


def test_bad_input_answers_one_json_error(client: TestClient) -> None:
    cases = [
        (client.post("/api/analyze", content=b"{nope", headers={"content-type": "application/json"}), 400),
        (client.post("/api/analyze", json={"articles": "not a list"}), 422),
        (client.post("/api/analyze", json={"articles": [1, "two"]}), 422),
        (client.post("/api/analyze", json={"articles": [], "feeds": []}), 422),
        (client.post("/api/analyze", json={}), 400),
        (client.post("/api/analyze", content=b"hello", headers={"content-type": "text/plain"}), 400),
        (client.post("/api/analyze?format=pdf", json={"articles": records(1)}), 422),
        (client.post("/api/analyze", json={"articles": [{"id": "empty", "text": "   "}]}), 422),
    ]
    for response, status in cases:
        assert response.status_code == status, response.text
        assert set(response.json()) >= {"error"}
        assert isinstance(response.json()["error"], str) and response.json()["error"]


def test_unusable_records_are_skipped_with_their_reason(client: TestClient) -> None:
    body = {"articles": [*records(2), {"id": "bare", "title": "no text"}]}
    report = client.post("/api/analyze", json=body).json()
    assert [a["id"] for a in report["articles"]] == ["r0", "r1"]
    assert report["skipped"] == [
        {
            "source": "request:articles:3",
            "reason": 'record 3: record has neither "text" nor "html": add the article\'s text or HTML',
        }
    ]


def test_upload_limits_have_clear_messages(small_client: TestClient) -> None:
    small_file = ("files", ("a.txt", ARTICLE.encode(), "text/plain"))
    too_many = small_client.post("/api/analyze", files=[small_file] * 4)
    assert too_many.status_code == 400
    assert too_many.json()["error"] == "too many files: at most 3 per analysis"

    big = ("files", ("big.txt", b"word " * 1000, "text/plain"))
    report = small_client.post("/api/analyze", files=[small_file, big]).json()
    assert report["skipped"] == [
        {"source": "upload:big.txt", "reason": "too large: 0.0 MB, the limit is 0.002 MB per file"}
    ]

    huge = small_client.post("/api/analyze", files=[("files", ("huge.txt", b"x" * 30_000, "text/plain"))])
    assert huge.status_code == 413
    assert "limited to 0.02 MB" in huge.json()["error"]


def test_a_body_without_a_length_is_capped_while_it_streams(small_client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"articles": [{"text": "'
        for _ in range(30):
            yield b"x" * 1000
        yield b'"}]}'

    response = small_client.post(
        "/api/analyze", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json() == {"error": "requests are limited to 0.02 MB: send fewer or smaller files"}


def test_files_that_are_not_articles_are_skipped(client: TestClient) -> None:
    files = [
        ("files", ("a.txt", ARTICLE.encode(), "text/plain")),
        ("files", ("b.txt", ARTICLE.encode(), "text/plain")),
        ("files", ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png")),
        ("files", ("blob.txt", b"\x00\x01\x02binary", "text/plain")),
        (
            "files",
            ("lines.jsonl", b'{"id": "j1", "text": "Line one article text here."}\n{broken\n', "text/plain"),
        ),
    ]
    report = client.post("/api/analyze", files=files).json()
    assert {a["id"] for a in report["articles"]} == {"a", "b", "j1"}
    reasons = {s["source"]: s["reason"] for s in report["skipped"]}
    assert reasons["upload:photo.png"].startswith("unsupported file type")
    assert reasons["upload:blob.txt"].startswith("binary content")
    assert reasons["upload:lines.jsonl:2"].startswith("line 2: invalid JSON")


def test_an_uploaded_manifest_names_the_uploaded_files(client: TestClient) -> None:
    manifest = (
        "file,outlet,url,published,language\n"
        "a.txt,Harbour Gazette,https://gazette.example/2021/03/02/bridge,2021-03-02,en\n"
        "b.txt,,,someday,\n"
    )
    files = [
        ("files", ("a.txt", f"Bridge approved.\n{ARTICLE}".encode(), "text/plain")),
        ("files", ("b.txt", f"Bridge vote.\n{ARTICLE}".encode(), "text/plain")),
        ("files", ("sources.csv", manifest.encode(), "text/csv")),
    ]
    report = client.post("/api/analyze", files=files).json()
    by_id = {a["id"]: a for a in report["articles"]}
    assert set(by_id) == {"a", "b"}  # the manifest is not an article
    assert by_id["a"]["outlet"] == {"name": "Harbour Gazette", "detected_by": "manifest"}
    assert (by_id["a"]["published"], by_id["a"]["published_detected_by"]) == ("2021-03-02", "manifest")
    assert by_id["b"]["outlet"]["name"] is None
    reasons = {s["source"]: s["reason"] for s in report["skipped"]}
    assert "not a date" in reasons["upload:sources.csv:3"]


def test_the_form_takes_an_outlet_and_a_url_for_each_pasted_text(client: TestClient) -> None:
    form = {
        "text": [f"First.\n{ARTICLE}", f"Second.\n{ARTICLE.replace('bridge', 'tunnel')}"],
        "text_outlet": ["Harbour Gazette", ""],
        "text_url": ["", "https://www.valley-news.co.uk/2021/03/04/tunnel"],
    }
    response = client.post("/analyze", data=form, follow_redirects=False)
    job_id = response.headers["location"].rsplit("/", 1)[-1]
    assert wait_done(client, job_id)["status"] == "done"
    report = client.get(f"/jobs/{job_id}/report?format=json").json()
    first, second = report["articles"]
    assert first["outlet"] == {"name": "Harbour Gazette", "detected_by": "given"}
    assert second["outlet"] == {"name": "valley-news.co.uk", "detected_by": "url"}
    assert (second["url"], second["published"]) == (
        "https://www.valley-news.co.uk/2021/03/04/tunnel",
        "2021-03-04",
    )
    page = client.get("/").text
    assert 'name="text_outlet"' in page and 'name="text_url"' in page and ".csv,.toml" in page


def test_a_url_field_that_is_not_a_web_address_is_dropped(client: TestClient) -> None:
    form = {"text": f"First.\n{ARTICLE}", "text_outlet": "", "text_url": "javascript:alert(1)"}
    job_id = client.post("/analyze", data=form, follow_redirects=False).headers["location"].rsplit("/", 1)[-1]
    assert wait_done(client, job_id)["status"] == "done"
    [article] = client.get(f"/jobs/{job_id}/report?format=json").json()["articles"]
    assert article["url"] is None


def test_private_urls_are_refused_and_named(client: TestClient) -> None:
    only_private = client.post(
        "/api/analyze", json={"urls": ["http://127.0.0.1:9/", "http://169.254.169.254/"]}
    )
    assert only_private.status_code == 400
    body = only_private.json()
    assert [s["source"] for s in body["skipped"]] == ["http://127.0.0.1:9/", "http://169.254.169.254/"]
    assert "loopback" in body["skipped"][0]["reason"] and "link-local" in body["skipped"][1]["reason"]

    mixed = client.post("/api/analyze", json={"articles": records(2), "urls": ["http://10.0.0.7/internal"]})
    assert mixed.status_code == 200
    assert mixed.json()["skipped"][0]["source"] == "http://10.0.0.7/internal"
    assert "private address" in mixed.json()["skipped"][0]["reason"]


def test_too_many_urls_is_a_usage_error(client: TestClient) -> None:
    response = client.post("/api/analyze", json={"urls": [f"http://example.org/{n}" for n in range(21)]})
    assert response.status_code == 400
    assert response.json()["error"] == "too many URLs: at most 20 per analysis"


# --- jobs and pages ------------------------------------------------------------------------------


def test_a_background_job_reports_progress_then_its_report(client: TestClient) -> None:
    started = client.post("/api/jobs", json={"articles": records(3)})
    assert started.status_code == 202
    job = wait_done(client, started.json()["id"])
    assert job["status"] == "done" and job["report"] == f"/jobs/{job['id']}/report"

    page = client.get(f"/jobs/{job['id']}")
    assert 'id="report"' in page.text and f"/jobs/{job['id']}/report?format=html" in page.text
    download = client.get(f"/jobs/{job['id']}/report?format=json&download=1")
    assert download.headers["content-disposition"] == f'attachment; filename="parallax-{job["id"][:8]}.json"'
    assert download.json()["story"]["article_count"] == 3


def test_the_form_posts_pasted_texts_and_redirects_to_the_job(client: TestClient) -> None:
    form = {"text": f"First.\n{ARTICLE}\n---\nSecond.\n{ARTICLE}", "urls": ""}
    response = client.post("/analyze", data=form, follow_redirects=False)
    assert response.status_code == 303
    job_id = response.headers["location"].rsplit("/", 1)[-1]
    assert wait_done(client, job_id)["status"] == "done"
    report = client.get(f"/jobs/{job_id}/report?format=json").json()
    assert [a["id"] for a in report["articles"]] == ["text-1", "text-2"]


def test_a_failed_analysis_page_names_what_was_refused(client: TestClient) -> None:
    response = client.post(
        "/analyze", data={"urls": "http://169.254.169.254/latest/"}, follow_redirects=False
    )
    job_id = response.headers["location"].rsplit("/", 1)[-1]
    assert wait_done(client, job_id)["status"] == "failed"
    page = client.get(f"/jobs/{job_id}").text
    assert "The analysis failed" in page and "no article could be read" in page
    assert "169.254.169.254 is a link-local address" in page
    assert client.get(f"/jobs/{job_id}/report").status_code == 409


def test_an_empty_form_shows_the_error_on_the_form(client: TestClient) -> None:
    response = client.post("/analyze", data={"text": "", "urls": ""})
    assert response.status_code == 400
    assert "nothing to analyse" in response.text and 'action="/analyze"' in response.text


def test_unknown_jobs_and_traversal_attempts_are_404(client: TestClient) -> None:
    for path in ("/jobs/0123456789abcdef0123456789abcdef", "/jobs/..%2F..%2Fetc%2Fpasswd", "/api/jobs/nope"):
        assert client.get(path).status_code == 404


def test_nothing_is_written_outside_the_data_directory(
    client: TestClient, data_dir: Path, tmp_path: Path
) -> None:
    before = {p for p in tmp_path.rglob("*") if not p.is_relative_to(data_dir)}
    files = [
        ("files", ("../../escape.txt", ARTICLE.encode(), "text/plain")),
        ("files", ("/tmp/abs.txt", ARTICLE.encode(), "text/plain")),
    ]
    assert client.post("/api/analyze", files=files).status_code == 200
    job = client.post("/api/jobs", json={"articles": records(2)}).json()
    wait_done(client, job["id"])
    after = {p for p in tmp_path.rglob("*") if not p.is_relative_to(data_dir)}
    assert after == before
    assert not (tmp_path.parent / "escape.txt").exists()
    written = sorted(p.relative_to(data_dir).as_posix() for p in data_dir.rglob("*") if p.is_file())
    assert len(written) == 2 and f"reports/{job['id']}.json" in written
    assert all(re.fullmatch(r"reports/[0-9a-f]{32}\.json", name) for name in written)


# --- stories -------------------------------------------------------------------------------------


def test_story_list_filters_and_pages(client: TestClient) -> None:
    everything = client.get("/api/stories").json()
    assert everything["total"] == 4
    assert set(everything["stories"][0]) == {
        "id",
        "title",
        "outlets",
        "first_published",
        "last_published",
        "article_count",
        "contradictions",
        "disputed",
    }
    # Largest story first, then by id (the corpus database's order).
    assert [s["id"] for s in everything["stories"]] == [
        "budget-2022",
        "flood-2021",
        "xss-story",
        "eclipse-2023",
    ]

    def ids(**query: str) -> list[str]:
        return [s["id"] for s in client.get("/api/stories", params=query).json()["stories"]]

    assert ids(q="old town") == ["flood-2021"]  # in the story's title (its shortest headline)
    assert ids(q="BUDGET") == ["budget-2022"]
    assert ids(outlet="daily post") == ["flood-2021", "xss-story", "eclipse-2023"]
    assert ids(since="2022-01-01") == ["budget-2022", "eclipse-2023"]
    assert ids(until="2021-12-31") == ["flood-2021", "xss-story"]
    assert ids(q="100%") == []
    paged = client.get("/api/stories", params={"limit": 2, "offset": 2}).json()
    assert paged["total"] == 4 and [s["id"] for s in paged["stories"]] == ["xss-story", "eclipse-2023"]


def test_story_list_rejects_bad_queries(client: TestClient) -> None:
    assert client.get("/api/stories?since=yesterday").json() == {
        "error": "since: give a date as YYYY-MM-DD, not 'yesterday'"
    }
    assert client.get("/api/stories?limit=0").status_code == 422


def test_one_story_in_every_format(client: TestClient) -> None:
    report = client.get("/api/stories/budget-2022").json()
    assert report["story"]["title"] == "Budget passes narrowly"
    assert client.get("/api/stories/budget-2022?format=md").text.startswith("#")
    assert client.get("/api/stories/budget-2022?format=html").headers["content-type"].startswith("text/html")
    missing = client.get("/api/stories/nope")
    assert missing.status_code == 404 and "nope" in missing.json()["error"]


def test_without_a_database_the_stories_page_says_how_to_open_one(small_client: TestClient) -> None:
    assert "--db FILE" in small_client.get("/stories").text
    assert small_client.get("/api/stories").status_code == 404


def test_stories_page_lists_filters_and_links(client: TestClient) -> None:
    page = client.get("/stories", params={"outlet": "Evening Wire"})
    assert "2 stories" in page.text
    assert 'href="/stories/budget-2022"' in page.text and 'href="/stories/flood-2021"' in page.text
    assert 'href="/stories/eclipse-2023"' not in page.text
    story = client.get("/stories/budget-2022")
    assert 'src="/api/stories/budget-2022?format=html"' in story.text


# --- untrusted text ------------------------------------------------------------------------------


def assert_escaped(html: str) -> None:
    for raw in ('<img id="pwned"', '<b id="pwned"', '<svg id="pwned"', "<script>alert", "<script>window"):
        assert raw not in html
    assert "&lt;script&gt;" in html


def test_markup_in_stories_is_escaped_on_every_page(client: TestClient, payload: Payload) -> None:
    assert_escaped(client.get("/stories").text)
    assert_escaped(client.get("/stories/xss-story").text)
    assert_escaped(client.get("/api/stories/xss-story?format=html").text)
    assert client.get("/api/stories/xss-story").json()["story"]["title"] == payload.title


def test_markup_in_uploads_is_escaped_on_the_job_page(client: TestClient, payload: Payload) -> None:
    article = {"id": "x", "title": payload.title, "outlet": payload.outlet, "text": payload.text}
    job = client.post(
        "/api/jobs", json={"articles": [article, *records(1)], "urls": ["http://127.0.0.1/<b>"]}
    )
    assert wait_done(client, job.json()["id"])["status"] == "done"
    page = client.get(f"/jobs/{job.json()['id']}").text
    assert_escaped(page + "&lt;script&gt;")
    assert "Evil &#34;title&#39; &gt;&lt;img" in page
    assert "http://127.0.0.1/&lt;b&gt;" in page


def test_unknown_hosts_and_cross_site_posts_are_refused(client: TestClient) -> None:
    rebound = client.get("/api/stories", headers={"host": "attacker.example:8000"})
    assert rebound.status_code == 400 and "unknown host 'attacker.example'" in rebound.json()["error"]
    assert client.get("/api/stories", headers={"host": "localhost:8000"}).status_code == 200
    foreign = client.post("/analyze", data={"text": ARTICLE}, headers={"origin": "http://attacker.example"})
    assert foreign.status_code == 403
    assert foreign.json() == {"error": "cross-site requests are refused: post from this app's own pages"}
    sandboxed = client.post("/api/analyze", json={"articles": records(2)}, headers={"origin": "null"})
    assert sandboxed.status_code == 403
    own = client.post("/api/analyze", json={"articles": records(2)}, headers={"origin": "http://127.0.0.1"})
    assert own.status_code == 200


def test_markup_in_file_names_is_escaped_on_the_job_page(client: TestClient, payload: Payload) -> None:
    files = [
        ("files", ('a"><img id="pwned" src=x onerror="alert(1)">.txt', ARTICLE.encode(), "text/plain")),
        ("files", ("b.txt", payload.text.encode(), "text/plain")),
        ("files", ("\"><script>alert(5)</script>'.png", b"\x89PNG", "image/png")),
    ]
    response = client.post("/analyze", files=files, follow_redirects=False)
    job_id = response.headers["location"].rsplit("/", 1)[-1]
    assert wait_done(client, job_id)["status"] == "done"
    page = client.get(f"/jobs/{job_id}").text
    assert_escaped(page + "&lt;script&gt;")
    assert "upload:&#34;&gt;&lt;script&gt;alert(5)&lt;/script&gt;&#39;.png" in page
    report = client.get(f"/jobs/{job_id}/report?format=json").json()
    assert {a["id"] for a in report["articles"]} == {"a_img_id_pwned_src_x_onerror_alert_1", "b"}


def test_pages_carry_a_strict_content_security_policy(client: TestClient) -> None:
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_the_api_reference_is_generated_from_openapi(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/api/analyze", "/api/stories", "/api/stories/{story_id}", "/"} <= set(schema["paths"])
    page = client.get("/docs").text
    assert "/api/analyze" in page and "multipart/form-data" in page and "cdn" not in page.lower()


def test_waiting_jobs_know_their_place_and_the_queue_is_bounded(tmp_path: Path, monkeypatch: Any) -> None:
    release = threading.Event()

    def blocked(job_id: str, *args: Any) -> Failure:
        release.wait(30)
        return Failure("stopped by the test", [], 422)

    monkeypatch.setattr(jobs, "analyse", blocked)
    config = Config(web=WebConfig(analysis_processes=0, max_pending_jobs=3))
    with TestClient(
        create_app(Settings(data_dir=tmp_path, config=config)), base_url="http://127.0.0.1"
    ) as busy:
        ids = [busy.post("/api/jobs", json={"articles": records(1)}).json()["id"] for _ in range(3)]
        third = busy.get(f"/api/jobs/{ids[2]}").json()
        assert (third["status"], third["ahead"], third["step"]) == (
            "queued",
            2,
            "waiting for a worker (2 ahead)",
        )
        refused = busy.post("/api/jobs", json={"articles": records(1)})
        assert refused.status_code == 503
        assert refused.json() == {"error": "the server is busy with other analyses: try again in a minute"}
        release.set()
        assert wait_done(busy, ids[2]) | {"elapsed_s": 0} == {
            "id": ids[2],
            "status": "failed",
            "step": "failed",
            "elapsed_s": 0,
            "error": "stopped by the test",
            "skipped": [],
            "report": None,
            "ahead": 0,
        }
