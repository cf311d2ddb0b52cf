"""The HTML path on invented pages: every paragraph of the article kept, no junk left."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.errors import InputError
from cleaner.html import extract_article, extract_page, parse_html
from tests.conftest import FIXTURES
from tests.strategies import fuzz, pages

WORD = re.compile(r"\w+")

PAGES = sorted(p for p in (FIXTURES / "html").iterdir() if p.is_dir()) if (FIXTURES / "html").is_dir() else []


def _paragraphs(text: str) -> list[str]:
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", text) if block.strip()]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_article_paragraph_is_kept(page: Path, default_cleaner) -> None:
    doc = extract_article((page / "page.html").read_bytes(), cleaner=default_cleaner, source=str(page))
    got = " ".join(doc.text.split())
    for paragraph in _paragraphs((page / "expected.txt").read_text(encoding="utf-8")):
        assert paragraph in got, f"missing from {page.name}: {paragraph[:80]!r}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_no_junk_is_left(page: Path, default_cleaner) -> None:
    doc = extract_article((page / "page.html").read_bytes(), cleaner=default_cleaner, source=str(page))
    for junk in (page / "junk.txt").read_text(encoding="utf-8").splitlines():
        if junk.strip():
            assert junk.strip() not in doc.text, f"junk left in {page.name}: {junk!r}"


def test_there_are_enough_html_fixtures() -> None:
    assert len(PAGES) >= 2


PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Ferry news</title></head><body>
<nav><a href="/">Home</a></nav>
<article><h1>Harbour ferry sails again</h1>
<p>The Northgate ferry returned to service on Monday after a refit that ran a year over schedule,
the operator said, and about three hundred passengers rode the first crossing across the estuary.</p>
<div id="div-gpt-ad-1700000000-0" class="ad-slot"><span>Advertisement</span></div>
<p>Its chief engineer; who joined the firm in May, said the delay came from a shortage of
shipwrights; who are now rare on the coast; and from a late delivery of steel plate; which arrived
in March. “We waited for the steel;” she said. The company plans four crossings a day; rising to
six in summer.</p>
<ins class="adsbygoogle" data-ad-client="ca-pub-1" data-ad-slot="2">Buy Zenith Loans today</ins>
<p>Regular passengers said they had missed the boat more than they expected, and several brought
their children to see the engine room on the first morning of the new timetable.</p>
</article><footer>Copyright Harbour Times</footer></body></html>"""


def test_ads_pruned_text_rules_applied_and_changes_recorded(default_cleaner) -> None:
    doc = extract_article(PAGE.encode(), cleaner=default_cleaner, title=False)
    assert "Zenith" not in doc.text and "Advertisement" not in doc.text
    assert "shipwrights, who are now rare" in doc.text
    assert doc.metadata["extractor"].startswith(("trafilatura", "readability"))
    assert "html.ads" in {r.rule_id for r in doc.removals}
    assert "punctuation.stray-semicolon" in {c.rule_id for c in doc.changes}
    assert not doc.text.startswith("Ferry news")


def test_title_starts_the_text_when_asked(default_cleaner) -> None:
    doc = extract_article(PAGE.encode(), cleaner=default_cleaner, title=True)
    first = doc.text.splitlines()[0]
    assert first == doc.metadata["title"]
    markdown = extract_article(PAGE.encode(), cleaner=default_cleaner, output="markdown")
    assert markdown.text.startswith("# ")


@pytest.mark.bad_input
def test_declared_legacy_charset_is_read(default_cleaner) -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace("Monday", "Monday — café day")
    doc = extract_article(page.encode("cp1252"), cleaner=default_cleaner)
    assert "café day" in doc.text and doc.metadata["encoding"] == "cp1252"


@pytest.mark.bad_input
def test_wrong_declared_charset_falls_back_to_the_bytes(default_cleaner) -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="us-ascii"').replace("Monday", "Monday — café day")
    doc = extract_article(page.encode("utf-8"), cleaner=default_cleaner)
    assert "café" in doc.text or "cafÃ©" not in doc.text


def test_page_rules_are_skipped_for_text_documents(default_cleaner) -> None:
    assert default_cleaner.html_rules and all(r.stage == "html" for r in default_cleaner.html_rules)
    assert all(r.stage == "text" for r in default_cleaner.rules)


@pytest.mark.bad_input
def test_empty_and_binary_pages_raise_input_errors() -> None:
    with pytest.raises(InputError, match="empty page"):
        parse_html("   ", source="x.html")
    cleaner = Cleaner.from_rules("default")
    with pytest.raises(InputError, match="image.html: looks like a binary file"):
        extract_page(b"\x89PNG\r\n\x1a\n\x00\x00\x00", cleaner=cleaner, source="image.html")
    doc = extract_page("<html><body><p>Bell\x07 and\x0c feed</p></body></html>", cleaner=cleaner)
    assert "\x07" not in doc.text


CONTROLS = "Bell\x07 and\x0c feed\x1b and\x7f out"


@pytest.mark.bad_input
@pytest.mark.parametrize("encode", [
    lambda page: page.encode("utf-8"),
    lambda page: page.replace("<head>", '<head><meta charset="windows-1252">').encode("cp1252"),
    lambda page: page.encode("utf-16"),  # a control character is no byte of its own value here
    lambda page: page.replace("<head>", '<head><meta charset="shift_jis">').encode("shift_jis"),
    lambda page: page,  # given as text
], ids=["utf-8", "cp1252", "utf-16", "shift_jis", "str"])
def test_control_characters_are_removed_in_any_encoding(encode) -> None:
    page = f"<html><head><title>Bells</title></head><body><article><p>{CONTROLS}, said the keeper of the " \
           "lighthouse on the northern quay, who has rung them for forty years.</p></article></body></html>"
    doc = extract_page(encode(page), cleaner=Cleaner.from_rules("default"), title=False)
    assert "Bell and feed and out, said the keeper" in doc.text


@pytest.mark.bad_input
def test_xml_declaration_does_not_stop_parsing(default_cleaner) -> None:
    doc = extract_article('<?xml version="1.0" encoding="utf-8"?>' + PAGE, cleaner=default_cleaner)
    assert "shipwrights" in doc.text


@pytest.mark.bad_input
@pytest.mark.parametrize("extractor", ["auto", "trafilatura", "readability"])
def test_entities_never_read_local_files_or_the_network(tmp_path: Path, default_cleaner, extractor: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    story = "".join(f"<p>Paragraph {i}: the ferry timetable changes next week, the council said.</p>"
                    for i in range(8))
    for doctype in (f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>',
                    '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "http://192.0.2.1/x">]>'):
        page = f"{doctype}<html><body><article><h1>Ferry</h1><p>&xxe;</p>{story}</article></body></html>"
        doc = extract_page(page.encode(), cleaner=default_cleaner, extractor=extractor)
        assert "TOP-SECRET-VALUE" not in doc.text
        assert "Paragraph 7" in doc.text


SCRIPTS_ONLY = "<html><head><script>var a = 1;</script></head><body>" + "<script>track('x')</script>" * 50 + "</body></html>"


@pytest.mark.bad_input
def test_a_page_without_an_article_is_rejected_never_written_empty(default_cleaner) -> None:
    with pytest.raises(InputError, match="no article found"):
        extract_page(SCRIPTS_ONLY.encode(), cleaner=default_cleaner, source="tracker.html")
    with pytest.raises(InputError, match="no text in the page at all"):
        extract_page(SCRIPTS_ONLY.encode(), cleaner=default_cleaner, source="tracker.html", no_article="text")


@pytest.mark.bad_input
def test_the_library_is_told_its_own_parameter_for_a_page_without_an_article(default_cleaner) -> None:
    # A library caller cannot pass a command-line flag: the error names the keyword it can pass,
    # and the extract_article it called takes that keyword.
    for extract in (extract_page, extract_article):
        with pytest.raises(InputError) as error:
            extract(SCRIPTS_ONLY.encode(), cleaner=default_cleaner, source="tracker.html")
        assert str(error.value) == ('tracker.html: no article found (the extractors found no text); '
                                    'no_article="text" keeps the page\'s visible text instead')
    page = "<html><body><script>x()</script><p>Only a notice.</p></body></html>"
    assert extract_article(page, cleaner=default_cleaner, no_article="text", title=False).text \
        == "Only a notice.\n"


def _slow_extract(tree, **kwargs):
    import time

    time.sleep(30)


@pytest.mark.bad_input
def test_a_page_past_its_time_limit_fails_naming_the_timeout_keyword(default_cleaner, monkeypatch) -> None:
    import time

    import cleaner.html as html_module

    monkeypatch.setattr(html_module, "extract", _slow_extract)
    for extract in (extract_page, extract_article):
        started = time.monotonic()
        with pytest.raises(InputError) as error:
            extract(PAGE.encode(), cleaner=default_cleaner, source="slow.html", timeout=0.2)
        assert time.monotonic() - started < 5
        assert str(error.value) == ("slow.html: extraction took longer than 0.2 s; skipped (raise timeout= for "
                                    "very large pages, or timeout=None for no limit)")


def test_without_a_timeout_extraction_has_no_limit(default_cleaner, monkeypatch) -> None:
    import signal

    import cleaner.html as html_module

    seen = []
    real = html_module.extract
    monkeypatch.setattr(html_module, "extract",
                        lambda tree, **kw: (seen.append(signal.getitimer(signal.ITIMER_REAL)[0]), real(tree, **kw))[1])
    assert "Harbour ferry sails again" in extract_article(PAGE, cleaner=default_cleaner).text
    assert "Harbour ferry sails again" in extract_article(PAGE, cleaner=default_cleaner, timeout=None).text
    assert seen == [0.0, 0.0]  # no timer set
    extract_article(PAGE, cleaner=default_cleaner, timeout=30)
    assert 0 < seen[-1] <= 30
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0.0  # and none left behind


@pytest.mark.bad_input
def test_no_article_text_keeps_the_visible_text_where_extractors_find_nothing(default_cleaner, monkeypatch) -> None:
    import cleaner.html as html_module
    from cleaner.extractors.base import Extraction

    monkeypatch.setattr(html_module, "extract", lambda tree, **kw: Extraction("", "trafilatura"))
    page = ("<html><body><script>var x = 'hidden';</script><div><p>First paragraph of the notice.</p>"
            "<p>Second paragraph, with <b>bold</b> words.</p></div><style>p { color: red }</style></body></html>")
    doc = extract_page(page.encode(), cleaner=default_cleaner, no_article="text", title=False)
    assert doc.text == "First paragraph of the notice.\n\nSecond paragraph, with bold words.\n"
    assert doc.metadata["extractor"] == "page-text"


@pytest.mark.bad_input
@pytest.mark.parametrize("page", ["<script>", "<p>\ufeff\u200b\ufeff</p>", "<html><body>\u00ad</body></html>"],
                         ids=["lone-script-tag", "zero-width-only", "soft-hyphen-only"])
def test_a_page_with_nothing_visible_is_rejected_with_a_reason_not_a_crash(page: str, default_cleaner) -> None:
    with pytest.raises(InputError, match="no article found"):
        extract_article(page, cleaner=default_cleaner)


@pytest.mark.bad_input
def test_nesting_too_deep_for_the_parser_is_rejected_with_the_reason(default_cleaner) -> None:
    page = "<html><body>" + "<div>" * 5000 + "<p>Deep down, the ferry story.</p>" + "</div>" * 5000 + "</body></html>"
    with pytest.raises(InputError, match="could not reach .*nested"):
        extract_page(page.encode(), cleaner=default_cleaner, no_article="text")


@pytest.mark.bad_input
def test_a_paragraph_longer_than_the_parsers_default_text_limit_is_kept_whole(default_cleaner) -> None:
    words = "harbour " * 1_400_000  # 11 MB in one text node: libxml2's default limit is 10 MB
    page = f"<html><body><article><h1>Long</h1><p>{words}</p></article></body></html>"
    doc = extract_page(page.encode(), cleaner=default_cleaner, title=False)
    assert doc.text.count("harbour") == 1_400_000



@pytest.mark.bad_input
def test_a_50_mb_page_on_one_line_is_cleaned_whole_in_linear_time(default_cleaner) -> None:
    # 430,000 paragraphs: trafilatura's XPath queries would take minutes (quadratic in libxml2);
    # past MAX_PARAGRAPHS the blocks are read as text, every paragraph kept, and the document warns.
    paragraphs = [f"<p>Item {i}: the harbour board moved the fleet to quay {i % 97} for the winter.</p>"
                  for i in range(640_000)]
    page = ("<html><body><article><h1>Ledger</h1>" + "".join(paragraphs) + "</article></body></html>").encode()
    assert len(page) > 50_000_000 and b"\n" not in page
    doc = extract_article(page, cleaner=default_cleaner, title=False)
    assert doc.text.count("the harbour board moved") == len(paragraphs)
    assert doc.metadata["extractor"] == "page-text" and "the whole page was kept as text" in doc.warnings[0]

# Properties over generated pages (tests/strategies.py): an article's paragraphs among ads,
# navigation and scripts, in markup of varying hygiene.

@pytest.mark.property
@fuzz
@given(pages())
def test_a_generated_page_keeps_every_article_paragraph_and_no_ad(page) -> None:
    html, paragraphs, ads = page
    doc = extract_article(html.encode(), cleaner=_default())
    got = " ".join(doc.text.split())
    assert [p for p in paragraphs if " ".join(p.split()) not in got] == []
    assert [ad for ad in ads if ad in doc.text] == []


@pytest.mark.property
@fuzz
@given(pages())
def test_every_ad_and_every_word_removed_from_a_generated_page_has_a_change_record(page) -> None:
    html, _, ads = page
    cleaner = _default()
    doc = extract_page(html.encode(), cleaner=cleaner)
    for ad in ads:
        assert any(ad in removal.text for removal in doc.removals), f"ad pruned without a record: {ad}"
    extracted = doc.text
    cleaned = cleaner.clean_document(doc)
    missing = Counter(WORD.findall(extracted)) - Counter(WORD.findall(cleaned.text))
    accounted: Counter[str] = Counter()
    for change in cleaned.changes:
        accounted += Counter(WORD.findall(change.before))
    assert not (missing - accounted), f"words lost without a record: {missing - accounted}"


@pytest.mark.property
@fuzz
@given(pages())
def test_cleaning_the_text_of_a_generated_page_again_changes_nothing(page) -> None:
    text = extract_article(page[0].encode(), cleaner=_default()).text
    assert _default().clean(text).text == text


TAG_SOUP = st.lists(st.sampled_from([
    "<p>", "</p>", "<div>", "</div>", "<article>", "<script>", "</script>", "<!--", "-->", "<![CDATA[", "]]>",
    "<html>", "<body>", "<meta charset='utf-16'>", "<meta charset=\"koi8-r\">", "&amp;", "&#0;", "&#xD800;",
    "&nbsp;", "<", ">", "\x00", "\ufeff", "\ud7ff", "Lorem ipsum dolor sit amet.", "The council met on Monday.",
    '<a href="', '">', "<table><tr><td>", "<svg><foreignObject>", "<?xml version='1.0'?>", "<!DOCTYPE x [",
]), max_size=80).map("".join)


@pytest.mark.property
@fuzz
@given(st.one_of(TAG_SOUP, st.text(max_size=400), st.binary(max_size=400), TAG_SOUP.map(str.encode)))
def test_any_input_is_cleaned_or_rejected_with_a_reason(data) -> None:
    try:
        doc = extract_article(data, cleaner=_default())
    except InputError as error:
        assert str(error).strip()
    else:
        # Text the rules then remove whole (a page that is only an ad label) may leave nothing.
        assert isinstance(doc.text, str) and (doc.text.strip() or doc.changes)


_CLEANERS: dict[str, Cleaner] = {}


def _default() -> Cleaner:
    if "default" not in _CLEANERS:
        _CLEANERS["default"] = Cleaner.from_rules("default")
    return _CLEANERS["default"]


def test_without_the_title_the_lede_stays_even_when_it_is_the_pages_description(default_cleaner) -> None:
    lede = ("The harbour board voted on Monday to rebuild the north quay, the first new berth in the port for "
            "forty years, after a winter of storms closed it twice.")
    page = (f"<html><head><title>North quay to be rebuilt</title><meta name='description' content='{lede}'>"
            f"</head><body><article><h1>North quay to be rebuilt</h1><p>{lede}</p><p>Work starts in April and "
            "will take two summers, the board's engineer told the meeting, with the ferry moved to the south "
            "quay meanwhile.</p></article></body></html>")
    doc = extract_article(page, cleaner=default_cleaner, title=False)
    assert doc.text.startswith(lede) and "North quay to be rebuilt" not in doc.text


@pytest.mark.parametrize("extractor", ["auto", "readability"])
def test_extracted_text_and_title_are_composed_to_nfc(default_cleaner, extractor) -> None:
    decomposed = "Mu\u0308nchen"  # "München" spelled with a combining diaeresis
    page = (f"<html><head><title>Fa\u0308hre nach {decomposed}</title></head><body><article>"
            f"<h1>Fa\u0308hre nach {decomposed}</h1>"
            + "".join(f"<p>Die Fa\u0308hre nach {decomposed} fa\u0308hrt wieder, sagte der Betreiber am "
                      f"Montag, und die Fahrga\u0308ste sind zufrieden mit dem neuen Fahrplan {i}.</p>"
                      for i in range(6))
            + "</article></body></html>")
    doc = extract_article(page.encode(), cleaner=default_cleaner, extractor=extractor)
    assert "\u0308" not in doc.text
    assert "München" in doc.text and "Fahrgäste" in doc.text
    assert doc.metadata["title"] == "Fähre nach München"


def test_a_parsed_page_is_made_of_html_elements_forms_included() -> None:
    # The parser's element classes come from lxml's own lookup: every element an HtmlElement
    # (the methods trafilatura and readability call: text_content, drop_tree), forms too.
    import lxml.html

    tree = parse_html("<html><body><form><label>Name</label><input name='q'><textarea>t</textarea></form>"
                      "<p>Story <b>text</b>.</p></body></html>")
    assert all(type(element) is lxml.html.HtmlElement for element in tree.iter() if isinstance(element.tag, str))
    tree.find(".//form").drop_tree()
    assert tree.find(".//p").text_content() == "Story text." and tree.find(".//form") is None


@pytest.mark.parametrize("opening", ['<script type="text/javascript"/>', "<script/>", "<SCRIPT src='a.js' />",
                                     '<style media="all"/>'])
def test_code_after_a_self_closed_script_tag_is_not_text(opening: str, default_cleaner) -> None:
    # Browsers ignore the slash: the element runs to its end tag. libxml2 made it empty, and
    # the code after it part of the article.
    closing = "</style>" if "style" in opening else "</script>"
    paragraphs = "".join(f"<p>Paragraph {i}: the council met on Tuesday and voted to keep the ferry running "
                         f"through the winter, after a long debate.</p>" for i in range(4))
    page = (f"<html><head><title>Ferry</title></head><body><article>{opening}\n(function() {{ var config = "
            f"JSON.parse('{{}}'); render(config); }})();{closing}{paragraphs}</article></body></html>")
    doc = extract_article(page, cleaner=default_cleaner, title=False)
    assert "Paragraph 3: the council met" in doc.text
    assert "function" not in doc.text and "JSON.parse" not in doc.text
