"""The review API's guards: session token, Origin, Host, request shapes, and error statuses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from pipeline import jobs
from pipeline.core import load_config
from pipeline.review.app import TOKEN_HEADER, create_app
from tests.support.review import SAMPLE_SLUG, edit_entry, po_path

TOKEN = "session-token"
ORIGIN = "http://127.0.0.1:8765"
ALT = "Xi Jinping image"


@pytest.fixture
def client(review_project: Path) -> TestClient:
    store = jobs.ProjectReview(load_config(review_project / "locpipe.yaml"))
    app = create_app(store, TOKEN, [ORIGIN], ["127.0.0.1", "localhost"])
    return TestClient(app, base_url="http://127.0.0.1:8765")


def save_body(client: TestClient, **changes: Any) -> dict[str, Any]:
    digest = client.get(f"/api/catalog/ja/{SAMPLE_SLUG}").json()["digest"]
    body = {"language": "ja", "slug": SAMPLE_SLUG, "msgctxt": None, "msgid": ALT}
    return {**body, "msgstr": "習近平の画像", "digest": digest, **changes}


def post(client: TestClient, path: str, body: Any, **headers: str) -> Any:
    sent = {TOKEN_HEADER: TOKEN, "Origin": ORIGIN, **headers}
    return client.post(path, json=body, headers={k: v for k, v in sent.items() if v})


def test_the_page_carries_the_token_and_a_strict_policy(client: TestClient) -> None:
    response = client.get("/")
    assert f'<meta name="review-token" content="{TOKEN}">' in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "<script>" not in response.text  # no inline script: the policy would block it
    assert client.get("/static/review.js").status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({TOKEN_HEADER: ""}, id="no-token"),
        pytest.param({TOKEN_HEADER: "guess"}, id="wrong-token"),
        pytest.param({"Origin": ""}, id="no-origin"),
        pytest.param({"Origin": "http://evil.example"}, id="other-origin"),
    ],
)
def test_saves_without_token_and_origin_are_refused(
    client: TestClient, review_project: Path, headers: dict[str, str]
) -> None:
    before = po_path(review_project).read_bytes()
    response = post(client, "/api/save", save_body(client), **headers)
    assert response.status_code == 403
    assert po_path(review_project).read_bytes() == before


def test_a_foreign_host_name_is_refused(client: TestClient) -> None:
    # DNS rebinding: a page on evil.example resolving to 127.0.0.1 sends its own Host.
    assert client.get("/", headers={"Host": "evil.example:8765"}).status_code == 400


def test_a_save_answers_with_the_unit_and_the_new_digest(
    client: TestClient, review_project: Path
) -> None:
    response = post(client, "/api/save", save_body(client, approve=True))
    assert response.status_code == 200
    data = response.json()
    assert (data["unit"]["msgstr"], data["unit"]["state"]) == ("習近平の画像", "reviewed")
    assert data["digest"] == client.get(f"/api/catalog/ja/{SAMPLE_SLUG}").json()["digest"]


def test_a_stale_save_is_a_conflict_with_the_fresh_catalog(
    client: TestClient, review_project: Path
) -> None:
    body = save_body(client)
    edit_entry(review_project, ALT, msgstr="習近平氏")
    response = post(client, "/api/save", body)
    assert response.status_code == 409
    fresh = {u["msgid"]: u["msgstr"] for u in response.json()["catalog"]["units"]}
    assert fresh[ALT] == "習近平氏"


def test_a_refused_approval_lists_the_failing_findings(client: TestClient) -> None:
    response = post(client, "/api/save", save_body(client, msgstr="画像", approve=True))
    assert response.status_code == 422
    assert [f["rule"] for f in response.json()["findings"]] == ["glossary-missing"]


def test_check_returns_the_candidates_findings(client: TestClient) -> None:
    body = {"language": "ja", "slug": SAMPLE_SLUG, "msgctxt": None, "msgid": ALT}
    findings = post(client, "/api/check", {**body, "msgstr": "画像"}).json()["findings"]
    assert [(f["rule"], f["severity"], f["fails"]) for f in findings] == [
        ("glossary-missing", "error", True)
    ]
    assert post(client, "/api/check", {**body, "msgstr": "習近平"}).json()["findings"] == []


@pytest.mark.parametrize(
    ("body", "status"),
    [
        pytest.param(["not", "an", "object"], 400, id="not-an-object"),
        pytest.param({"language": "ja"}, 400, id="missing-fields"),
    ],
)
def test_malformed_requests_are_bad_requests(client: TestClient, body: Any, status: int) -> None:
    response = post(client, "/api/save", body)
    assert response.status_code == status
    assert response.json()["error"]


@pytest.mark.parametrize(
    ("changes", "status"),
    [
        pytest.param({"msgctxt": 3}, 400, id="bad-msgctxt"),
        pytest.param({"approve": True, "override": 5, "msgstr": "画像"}, 422, id="bad-override"),
        pytest.param({"language": "../..", "slug": "etc"}, 404, id="path-as-catalog"),
        pytest.param({"msgid": "No such sentence."}, 404, id="unknown-entry"),
    ],
)
def test_bad_fields_get_a_status_and_a_message(
    client: TestClient, changes: dict[str, Any], status: int
) -> None:
    response = post(client, "/api/save", save_body(client, **changes))
    assert response.status_code == status
    assert response.json()["error"]


def test_unknown_catalogs_and_static_paths_are_not_found(client: TestClient) -> None:
    assert client.get("/api/catalog/fr/japan-china-relations").status_code == 404
    assert client.get("/api/catalog/ja/..%2F..%2Flocpipe").status_code == 404
    assert client.get("/static/../../locpipe.yaml").status_code == 404
