"""The review page in a real Chromium (Playwright driving /usr/bin/chromium) against the real server."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from pipeline.catalog import read_po
from tests.conftest import msgfmt_check
from tests.review.conftest import running_server
from tests.support.review import edit_entry, po_path

KISHIDA = (
    "Chinese President Xi Jinping told Japanese Prime Minister Kishida Fumio in a phone call last "
    "October that he wants to use the 50th anniversary to kick off a new phase in bilateral "
    "relations."
)
ALT = "Xi Jinping image"
HOSTILE = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">'


def unit(page: Page, msgid: str) -> Locator:
    """The unit section whose source reads ``msgid``."""
    index = page.evaluate("(m) => state.units.find((u) => u.msgid === m).index", msgid)
    return page.locator(f'section.unit[data-index="{index}"]')


def open_page(page: Page, address: str) -> None:
    page.goto(address + "/")
    expect(page.locator("section.unit").first).to_be_visible()


def test_source_shows_glossary_terms_with_their_rules_on_hover(
    page: Page, review_server: str
) -> None:
    open_page(page, review_server)
    term = unit(page, KISHIDA).locator('mark.term[data-term="kishida-fumio"]')
    assert term.inner_text().startswith("Kishida Fumio")
    tip = term.locator(".tip")
    expect(tip).to_be_hidden()
    term.hover()
    expect(tip).to_be_visible()
    expect(tip.locator(".required")).to_contain_text("岸田文雄")
    expect(tip.locator(".forbidden")).to_contain_text("岸田フミオ")
    expect(tip.locator(".note")).to_contain_text("family name first")


def test_typing_shows_findings_then_the_fixed_text_is_approved(
    page: Page, review_server: str, review_project: Path
) -> None:
    open_page(page, review_server)
    box = unit(page, ALT)
    expect(box.locator(".override")).to_be_hidden()  # offered only once approval is refused
    editor = box.locator("textarea.msgstr")
    editor.fill("画像")
    finding = box.locator('.finding[data-rule="glossary-missing"]')
    expect(finding).to_be_visible()
    expect(finding).to_contain_text("習近平")
    box.locator("button.approve").click()  # refused: a fail-level finding stands
    expect(page.locator("#message")).to_contain_text("glossary-missing")
    expect(box.locator(".override")).to_be_visible()
    assert next(e for e in read_po(po_path(review_project)).active if e.msgid == ALT).msgstr == ""

    editor.fill("習近平の画像")
    expect(finding).to_have_count(0)
    editor.press("Control+Enter")  # approve and move to the next unfinished unit
    fresh = unit(page, ALT)
    expect(fresh.locator(".state")).to_have_text("reviewed")
    entry = next(e for e in read_po(po_path(review_project)).active if e.msgid == ALT)
    assert (entry.msgstr, entry.reviewed) == ("習近平の画像", True)
    assert msgfmt_check(po_path(review_project)).returncode == 0
    focused = page.evaluate("document.activeElement.closest('section.unit').dataset.index")
    assert int(focused) == int(fresh.get_attribute("data-index")) + 1
    expect(page.locator('#overview tr[data-language="ja"] .reviewed')).to_have_text("1")


def test_a_file_changed_on_disk_is_never_overwritten(
    page: Page, review_server: str, review_project: Path
) -> None:
    open_page(page, review_server)
    edit_entry(review_project, ALT, msgstr="習近平氏の写真")  # an editor saves meanwhile
    changed = po_path(review_project).read_bytes()
    box = unit(page, ALT)
    box.locator("textarea.msgstr").fill("習近平の画像")
    box.locator("button.save").click()
    expect(page.locator("#message")).to_contain_text("changed on disk")
    assert po_path(review_project).read_bytes() == changed
    reloaded = unit(page, ALT)
    expect(reloaded.locator("textarea.msgstr")).to_have_value("習近平氏の写真")
    expect(reloaded.locator(".conflict pre.unsaved")).to_have_text("習近平の画像")
    reloaded.locator(".conflict button").click()  # the reviewer keeps their own text, knowingly
    reloaded.locator("button.save").click()
    expect(page.locator("#message")).to_have_text("Saved.")
    entry = next(e for e in read_po(po_path(review_project)).active if e.msgid == ALT)
    assert (entry.msgstr, entry.fuzzy) == ("習近平の画像", True)


def test_hostile_text_is_shown_as_text(
    page: Page, review_server: str, review_project: Path
) -> None:
    edit_entry(review_project, ALT, msgstr=HOSTILE, comments=(HOSTILE,), flags=("fuzzy",))
    open_page(page, review_server)
    box = unit(page, ALT)
    expect(box.locator("textarea.msgstr")).to_have_value(HOSTILE)
    expect(box.locator(".comments")).to_contain_text(HOSTILE)
    assert page.evaluate("window.pwned") is None
    assert page.locator("#units script, #units img").count() == 0


def test_a_hostile_source_is_shown_as_text(page: Page, sample_project: Path) -> None:
    from pipeline import jobs
    from pipeline.core import load_config

    article = f"Tags {HOSTILE} in Tokyo\n\nThe <b>bold</b> claim was made in Tokyo.\n"
    (sample_project / "articles" / "hostile.txt").write_text(article, encoding="utf-8")
    settings = load_config(sample_project / "locpipe.yaml")
    jobs.extract(settings)
    jobs.update(settings)
    with running_server(sample_project) as address:
        page.goto(address + "/")
        page.locator('#overview tr[data-language="ja"][data-slug="hostile"] button').click()
        headline = page.locator("section.unit.headline p.source")
        expect(headline).to_contain_text(HOSTILE)
        expect(headline.locator("mark.term")).to_contain_text("Tokyo")
        assert page.evaluate("window.pwned") is None
        assert page.locator("#units script, #units img, #units b:not(.tip b)").count() == 0


def test_fuzzy_units_show_the_source_difference_and_provenance(
    page: Page, review_server: str, review_project: Path
) -> None:
    entry = next(e for e in read_po(po_path(review_project)).active if e.msgid == ALT)
    notes = (*entry.extracted, "mt: translate-en_ja 1.9; glossary: ok")
    edit_entry(
        review_project, ALT, msgstr="習近平の写真", flags=("fuzzy",),
        previous_msgid="Xi Jinping photo", extracted=notes,
    )  # fmt: skip
    open_page(page, review_server)
    box = unit(page, ALT)
    expect(box.locator(".state")).to_have_text("fuzzy")
    expect(box.locator(".diff del")).to_have_text("photo")
    expect(box.locator(".diff ins")).to_have_text("image")
    expect(box.locator(".provenance")).to_contain_text("mt: translate-en_ja 1.9")
    page.select_option("#filter-state", "fuzzy")
    expect(page.locator("section.unit:visible")).to_have_count(1)


def test_state_changing_requests_need_the_session_token(
    page: Page, review_server: str, review_project: Path
) -> None:
    open_page(page, review_server)
    before = po_path(review_project).read_bytes()
    digest = page.evaluate("state.catalog.digest")
    body = {"language": "ja", "slug": "japan-china-relations", "msgctxt": None,
            "msgid": ALT, "msgstr": "x", "digest": digest, "approve": True}  # fmt: skip
    status = page.evaluate(
        """async (body) => (await fetch('/api/save', {method: 'POST',
            headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)})).status""",
        body,
    )
    assert status == 403
    assert po_path(review_project).read_bytes() == before
