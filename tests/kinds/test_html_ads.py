"""The html_ads page rule: ad class/id words matched whole, vendor markup, labels, the guard."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from cleaner import Cleaner, Document, RuleSetError
from cleaner.kinds.base import validate_params
from cleaner.kinds.html_ads import HtmlAds, name_words
from cleaner.pipeline import apply_findings


@pytest.fixture(scope="module")
def bundled() -> HtmlAds:
    return Cleaner.from_rules("html").html_rules[0]


def build(**params) -> HtmlAds:
    params.setdefault("words", ["ad", "ads", "sponsored"])
    return HtmlAds("t", **validate_params(HtmlAds, params, source=None, rule_id="t"))


def prune(rule: HtmlAds, body: str) -> tuple[str, Document]:
    tree = lxml.html.document_fromstring(f"<html><body>{body}</body></html>")
    doc = Document("")
    apply_findings(doc, rule.id, rule.prune(tree, doc))
    return " ".join(tree.text_content().split()), doc


@pytest.mark.parametrize("name, words", [
    ("adSlot-top_2", ["ad", "slot", "top"]),
    ("div-gpt-ad-1234-0", ["div", "gpt", "ad"]),
    ("OUTBRAIN", ["outbrain"]),
    ("download-button", ["download", "button"]),
])
def test_names_split_into_words(name: str, words: list[str]) -> None:
    assert name_words(name) == words


@pytest.mark.parametrize("name", [
    "ad", "ad-slot", "adSlot", "AdContainer", "ad_unit", "ads-wrapper", "advertisement", "sponsored-content",
    "div-gpt-ad-1234567-0", "dfp-placeholder", "mpu", "leaderboard-top", "taboola-below-article", "ad_300x250",
    "banner-728x90", "adsbygoogle", "vb-ad-leaderboard", "SideBar__ad", "anzeige",
    "sidebar--ads", "ads--sticky", "adSlot2", "ad-container-3",
])
def test_ad_names_match(bundled: HtmlAds, name: str) -> None:
    assert bundled.names_an_ad(name)


@pytest.mark.parametrize("name", [
    "header", "site-header", "shadow-box", "download-button", "read-more", "loading", "headline", "badge",
    "address", "add-to-cart", "leadParagraph", "gradient", "broadcast", "radio", "adjacent", "admin-bar",
    "shadow", "thread", "road-map", "upload", "non-ad-column-l", "no-ads", "ad-free-article",
    # Names that say a container holds or allows ads, and machine-made hashes.
    "section--has-ads", "Report__Section--Ads", "with-ads", "ad-supported", "article-body--ads",
    "contains-ads", "ads-enabled", "style--search-submit-36AD7RDgkLzF", "css-1Ad9xQ2z",
])
def test_ordinary_names_do_not_match(bundled: HtmlAds, name: str) -> None:
    assert not bundled.names_an_ad(name)


def test_ad_containers_vendor_tags_and_labels_go(bundled: HtmlAds) -> None:
    text, doc = prune(bundled, """
        <p>First paragraph of the story.</p>
        <div class="ad-slot"><span>Zenith Loans</span></div>
        <ins class="adsbygoogle" data-ad-client="ca-pub-1">Cheap flights</ins>
        <div data-ad-slot="123">Slot copy</div>
        <amp-ad width="300" height="250">AMP copy</amp-ad>
        <iframe src="https://securepubads.g.doubleclick.net/x"></iframe>
        <p>Advertisement</p><div>- Anzeige -</div>
        <p class="shadow-box">Second paragraph stays.</p>
    """)
    assert text == "First paragraph of the story. Second paragraph stays."
    # Elements removed from the page are recorded as such, not as edits of a text they never were in.
    assert len(doc.removals) == 7 and doc.changes == []
    assert all(r.rule_id == "html.ads" and r.element and r.characters >= 0 for r in doc.removals)


def test_tail_text_after_a_removed_element_stays(bundled: HtmlAds) -> None:
    text, _ = prune(bundled, '<p>Before <span class="ad">AD</span> after.</p>')
    assert text == "Before after."


def test_guard_keeps_an_article_whose_class_names_ads(bundled: HtmlAds) -> None:
    story = "The council met on Tuesday and voted to keep the ferry running through the winter. " * 20
    text, doc = prune(bundled, f'<nav>Home</nav><article class="post"><div class="ad-zone">{story}</div>'
                               f'</article><div class="ad">X</div>')
    assert "voted to keep the ferry" in text and "X" not in text.split()
    assert any("kept <div>" in w for w in doc.warnings)


def test_user_selectors_and_filter_list(tmp_path: Path) -> None:
    filter_list = tmp_path / "list.txt"
    filter_list.write_text("! comment\n##.promo-box\n###partner-strip\nexample.com##.site-only\n||ads.example^\n",
                           encoding="utf-8")
    rule = build(selectors=["div.newsletter"], filter_list=str(filter_list))
    text, _ = prune(rule, '<p>Story.</p><div class="promo-box">P</div><div id="partner-strip">S</div>'
                          '<div class="site-only">kept</div><div class="newsletter">N</div>')
    assert text == "Story.kept"  # text_content() joins the divs without a space


def test_bad_selector_and_missing_filter_list_are_rule_set_errors(tmp_path: Path) -> None:
    with pytest.raises(RuleSetError, match="invalid CSS selector"):
        build(selectors=["div[["])
    with pytest.raises(RuleSetError, match="cannot read filter list"):
        build(filter_list=str(tmp_path / "missing.txt"))


def test_an_article_split_into_sections_named_like_ads_is_kept_whole(bundled: HtmlAds) -> None:
    # Each section holds under a third of the page's text; together they are the article.
    sections = "".join(
        f'<section class="story-ad-zone"><p>Part {i}: the council met on Tuesday and voted to keep the ferry '
        f'running through the winter, after a long debate about fares and the new timetable.</p>'
        f'<p>Residents said the crossing matters to them, and the operator agreed to review it in May.</p></section>'
        for i in range(4))
    text, doc = prune(bundled, f'<h1>Ferry stays</h1>{sections}<div class="ad">Buy now</div>'
                               '<form>Sign up for our newsletter</form>')
    for i in range(4):
        assert f"Part {i}:" in text
    assert "Buy now" not in text
    assert any("together" in w for w in doc.warnings)


def test_large_teaser_widgets_of_links_still_go(bundled: HtmlAds) -> None:
    story = "<p>The council met on Tuesday and voted to keep the ferry running through the winter.</p>" * 6
    teasers = "".join(f'<a href="/s{i}">Sponsored story number {i} that you will not believe today</a>'
                      for i in range(12))
    text, _ = prune(bundled, f'<article>{story}</article><div class="taboola-feed">{teasers}</div>'
                             f'<div class="outbrain-widget">{teasers}</div>')
    assert "voted to keep the ferry" in text
    assert "Sponsored story" not in text


def test_an_article_inside_an_element_named_like_an_ad_is_kept(bundled: HtmlAds) -> None:
    # The page's comments outweigh the article, so the share guard alone would let it go.
    story = "".join(f"<p>Paragraph {i}: the council met on Tuesday and voted to keep the ferry running "
                    f"through the winter, after a long debate about fares.</p>" for i in range(4))
    comments = "".join(f"<li>Comment {i}: I take this ferry every day and I am glad it stays, thank you "
                       f"to everyone who campaigned for it this year.</li>" for i in range(30))
    text, doc = prune(bundled, f'<div class="body-ad-wrap">{story}</div><ul class="comments">{comments}</ul>'
                               '<div class="ad-slot">Buy now</div>')
    assert "Paragraph 3: the council met" in text
    assert "Buy now" not in text
    assert any("kept <div>" in w for w in doc.warnings)


def test_an_article_sharing_an_ad_named_wrapper_with_a_column_of_links_is_kept(bundled: HtmlAds) -> None:
    # Half the wrapper's text is the sidebar's teaser links, so it does not read as prose as a
    # whole; it still holds the article, which must not go with a layout name ("skyscraper-…").
    story = "".join(f"<p>Paragraph {i}: the council met on Tuesday and voted to keep the ferry running "
                    f"through the winter, after a long debate about fares.</p>" for i in range(4))
    sidebar = "".join(f'<a href="/s{i}"><h4>Other story number {i}: the harbour, the fares and the winter '
                      f'timetable explained</h4></a>' for i in range(8))
    scripts = "<script>" + "var x = 1;" * 4000 + "</script>"
    text, doc = prune(bundled, f'<div id="skyscraper-height-div"><main><h1>Ferry stays</h1>{story}</main>'
                               f'<aside>{sidebar}</aside></div>{scripts}<div class="ad-slot">Buy now</div>')
    assert "Paragraph 3: the council met" in text
    assert "Buy now" not in text
    assert any("kept <div>" in w for w in doc.warnings)


def test_the_changes_of_a_page_come_in_the_same_order_whatever_the_hash_seed(tmp_path: Path) -> None:
    # Python salts string hashes per process: a rule that walks a set of strings records its
    # changes in an order that differs between runs, and the JSON output with them.
    import json
    import os
    import subprocess
    import sys

    labels = ["Advertisement", "Anzeige", "Publicité", "Sponsored", "Werbung", "Advertentie", "Pubblicità",
              "Reklama"]
    body = "".join(f"<p>Paragraph {i}: the harbour board moved the fleet to the outer quay for the winter, the "
                   f"clerk said.</p><div>{label}</div><div class='ad-slot-{i}'>Buy a boat</div>"
                   for i, label in enumerate(labels))
    page = tmp_path / "quay.html"
    page.write_text(f"<html><body><article><h1>The quay</h1>{body}</article></body></html>", encoding="utf-8")
    outputs = set()
    for seed in range(6):
        run = subprocess.run([sys.executable, "-m", "cleaner.cli", "clean", str(page), "--format", "json"],
                             capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": str(seed)})
        removals = json.loads(run.stdout)["page_removals"]
        assert sum(r["rule"] == "html.ads" for r in removals) >= len(labels)
        outputs.add(run.stdout)
    assert len(outputs) == 1


def test_a_class_value_holding_a_bar_is_found_like_any_other(bundled: HtmlAds) -> None:
    # Matching elements used to be looked up in one string joined with "|", which left out a
    # value holding that character.
    text, doc = prune(bundled, '<p>Story text.</p><div class="ad-slot |top">Zenith Loans</div>')
    assert text == "Story text." and len(doc.removals) == 1


@pytest.mark.parametrize("values, verdicts", [
    (["col-6 ad-slot", "ad-slot", "ad-slot col-6", "col-6"], [True, True, True, False]),
    (["col-6", "col-6 has-ads", "ad-slot has-ads"], [False, False, True]),
])
def test_a_name_is_judged_the_same_whatever_was_judged_before(values: list[str], verdicts: list[bool]) -> None:
    # Verdicts are kept per whole value and per word of it; an order of values never changes one.
    for order in (values, values[::-1]):
        rule = build()
        assert [rule.names_an_ad(value) for value in order] == \
            [verdicts[values.index(value)] for value in order]
