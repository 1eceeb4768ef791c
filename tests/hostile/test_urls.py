"""Issue 16 #10/#11: hosts IDNA cannot encode are a skip reason, not a 500; IPv4 addresses hidden
in NAT64 and IPv4-translated IPv6 forms are refused by rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from parallax.config import Config, WebConfig
from parallax.errors import RefusedURLError
from parallax.web import Settings, create_app
from parallax.web.safety import check_url, fetch_urls

BAD_HOSTS = ["http://ｅｘａｍｐｌｅ.com/", "http://xn--a.com/", "http://\u2488.com/"]


@pytest.mark.parametrize(
    "url", ["http://[::ffff:0:7f00:1]/", "http://[64:ff9b::7f00:1]/", "http://[64:ff9b:1::a00:1]/"]
)
def test_ipv4_hidden_in_ipv6_is_refused(url: str) -> None:
    with pytest.raises(RefusedURLError, match=r"loopback|private"):
        check_url(url)


def test_a_public_address_in_the_same_forms_is_allowed() -> None:
    check_url("http://[64:ff9b::808:808]/")  # 8.8.8.8 behind NAT64


@pytest.mark.parametrize("url", BAD_HOSTS)
def test_a_host_idna_cannot_encode_is_a_reason(url: str) -> None:
    with pytest.raises(RefusedURLError, match="not a valid URL"):
        check_url(url)
    (item,) = fetch_urls([url], allow_private=True)
    assert "not a valid URL" in getattr(item, "reason", "")


def test_the_web_app_answers_bad_hosts_without_a_500(tmp_path: Path) -> None:
    config = Config(web=WebConfig(analysis_processes=0))
    app = create_app(Settings(data_dir=tmp_path, config=config))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        answer = client.post("/api/analyze", json={"urls": BAD_HOSTS})
        assert answer.status_code in (400, 422)
        body = answer.json()
        assert len(body["skipped"]) == 3 and all("not a valid URL" in s["reason"] for s in body["skipped"])
