"""Choosing the extractor: trafilatura first, readability when trafilatura finds too little."""

from __future__ import annotations

import lxml.html
import pytest

from cleaner.extractors import extract
from cleaner.extractors.readability_extractor import blocks_to_text

ARTICLE = "".join(f"<p>Paragraph {i} tells how the harbour board planned the dredging of the inner basin "
                  f"over six weeks of winter, with the fishing fleet moved to the outer quay.</p>" for i in range(8))
SENTENCE = "The harbour board moved the fishing fleet to the outer quay for the six weeks of dredging."
PAGE = f"<html><head><title>Dredging</title></head><body><nav>Home News</nav><article>{ARTICLE}</article></body></html>"


def tree():
    return lxml.html.document_fromstring(PAGE)


@pytest.mark.parametrize("name", ["auto", "trafilatura", "readability"])
def test_each_extractor_returns_the_article(name: str) -> None:
    result = extract(tree(), extractor=name)
    assert "Paragraph 7 tells how" in result.text
    assert result.extractor.startswith(name if name != "auto" else "trafilatura")


def test_unknown_extractor_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown extractor"):
        extract(tree(), extractor="boilerpipe")


def test_blocks_become_paragraphs_and_markdown_keeps_structure() -> None:
    root = lxml.html.fragment_fromstring("<div><h2>Plan</h2><p>One.</p><ul><li>Two</li></ul>Loose</div>")
    assert blocks_to_text(root, markdown=False) == "Loose\n\nPlan\n\nOne.\n\nTwo"
    assert blocks_to_text(root, markdown=True) == "Loose\n\n## Plan\n\nOne.\n\n- Two"


def test_a_page_with_more_paragraphs_than_the_extractors_take_is_read_as_blocks(monkeypatch) -> None:
    from cleaner.extractors import choose

    monkeypatch.setattr(choose, "MAX_PARAGRAPHS", 5)
    result = extract(tree())  # eight paragraphs, a <nav>
    assert result.extractor == "page-text" and "over the 5 the extractors take" in result.warning
    assert result.text.count("tells how the harbour board") == 8


# readability's longer text replaces trafilatura's only when it is the same article.
OTHER_STORY = "\n\n".join(f"Paragraph {i} of another story: the city council approved a new budget for "
                            "parks and libraries after a long night of debate." for i in range(12))


def _choose(monkeypatch, first: str, second: str, headline: str | None = None) -> str:
    from cleaner.extractors import choose
    from cleaner.extractors.base import Extraction

    monkeypatch.setattr(choose, "extract_with_trafilatura", lambda tree, **_: Extraction(first, "trafilatura"))
    monkeypatch.setattr(choose, "extract_with_readability", lambda tree, **_: Extraction(second, "readability"))
    monkeypatch.setattr(choose, "restore_lost_paragraphs", lambda tree, extraction, **_: extraction)
    return choose.extract(tree(), headline=headline).extractor


def test_readability_wins_when_it_holds_trafilaturas_start_and_more(monkeypatch) -> None:
    start = f"The ferry returned to service on Monday. {SENTENCE}"
    assert _choose(monkeypatch, start, start + "\n\n" + OTHER_STORY).startswith("readability")


def test_what_restoration_puts_back_does_not_decide_whether_trafilatura_found_enough(monkeypatch) -> None:
    # trafilatura kept under half of the page's paragraph text; a lead put back beside it tips
    # the length over half, yet the article is no more whole: readability is still asked.
    from cleaner.extractors import choose
    from cleaner.extractors.base import Extraction

    start = "\n\n".join(f"Part {i}. {SENTENCE}" for i in range(4))
    whole = start + "\n\n" + "\n\n".join(f"Part {i}. {SENTENCE}" for i in range(4, 12))
    lead = "The harbour board has a plan for the winter, and the fishing fleet will have to move for it."
    monkeypatch.setattr(choose, "extract_with_trafilatura", lambda tree, **_: Extraction(start, "trafilatura"))
    monkeypatch.setattr(choose, "restore_lost_paragraphs",
                        lambda tree, extraction, **_: Extraction(lead + "\n\n" + extraction.text, "trafilatura"))
    monkeypatch.setattr(choose, "_paragraph_chars", lambda tree: 2 * len(start) + len(lead) // 2)
    monkeypatch.setattr(choose, "extract_with_readability", lambda tree, **_: Extraction(whole, "readability"))
    assert choose.extract(tree()).text == whole


def test_readability_never_swaps_in_another_story(monkeypatch) -> None:
    start = "\n\n".join(f"{opening} {SENTENCE}" for opening in (
        "The ferry returned to service on Monday.", "Passengers welcomed it.", "The mayor rode the first crossing."))
    assert _choose(monkeypatch, start, OTHER_STORY) == "trafilatura"


def test_a_url_or_a_notice_is_nothing_to_compare(monkeypatch) -> None:
    kept = ("This copy is for your personal, non-commercial use only. To order copies visit our site.\n\n"
            "https://www.example.com/articles/council-approves-budget-for-parks-51574168486")
    assert _choose(monkeypatch, kept, OTHER_STORY, headline="Council approves budget for parks").startswith(
        "readability")


def test_with_nothing_to_compare_the_other_text_must_belong_under_the_headline(monkeypatch) -> None:
    assert _choose(monkeypatch, "", OTHER_STORY, headline="Harbour ferry sails again") == "trafilatura"
    assert _choose(monkeypatch, "", OTHER_STORY, headline="Council approves budget for parks").startswith(
        "readability")
    assert _choose(monkeypatch, "", OTHER_STORY, headline="渡轮恢复运营").startswith("readability")


def _thread(declared: bool) -> str:
    import json

    ld = ('<script type="application/ld+json">' + json.dumps({"@context": "https://schema.org",
                                                              "@type": "DiscussionForumPosting",
                                                              "headline": "Night ferry noise"}) + "</script>")
    first = ("<p>Post 0: has anyone else noticed the night ferry getting louder since the spring? I live by "
             "the harbour and it wakes me every night at two.</p>")
    replies = "".join(f'<li class="comment"><div class="comment-author">user{i}</div><div class="comment-body">'
                      f"<p>Post {i}: the night ferry to the islands has been much louder since the new engines "
                      f"came in, and people on the quay can hear it from their bedrooms.</p></div></li>"
                      for i in range(1, 6))
    return (f"<html><head><title>Night ferry noise</title>{ld if declared else ''}</head><body><nav>Forum Home</nav>"
            f'<main><h1>Night ferry noise</h1><article class="post">{first}</article>'
            f'<ol class="comments">{replies}</ol></main></body></html>')


def test_a_page_that_declares_a_forum_thread_keeps_every_post() -> None:
    # On a thread the replies are the content: trafilatura's precision mode prunes them as
    # comments, its standard mode keeps them; the page's schema.org type says which it is.
    thread = extract(lxml.html.document_fromstring(_thread(declared=True)))
    assert all(f"Post {i}:" in thread.text for i in range(6))
    assert thread.extractor.startswith("trafilatura (standard mode)")
    # An article with comments under it (no such declaration) keeps the article alone.
    article = extract(lxml.html.document_fromstring(_thread(declared=False)))
    assert "Post 0:" in article.text and "Post 3:" not in article.text


def _choose_with_standard(monkeypatch, precise: str, standard: str, headline: str | None = None) -> str:
    from cleaner.extractors import choose
    from cleaner.extractors.base import Extraction

    def trafilatura(tree, *, precision=True, **_):
        return Extraction(precise if precision else standard, "trafilatura")

    monkeypatch.setattr(choose, "extract_with_trafilatura", trafilatura)
    monkeypatch.setattr(choose, "extract_with_readability", lambda tree, **_: None)
    monkeypatch.setattr(choose, "restore_lost_paragraphs", lambda tree, extraction, **_: extraction)
    return choose.extract(tree(), headline=headline).text


def test_standard_mode_when_precision_mode_kept_one_section_of_the_article(monkeypatch) -> None:
    # The page's paragraphs hold eight times what precision mode kept; readability finds nothing.
    start = f"The ferry returned to service on Monday. {SENTENCE}"
    sections = start + "\n\n" + "\n\n".join(f"Section {i}: {SENTENCE}" for i in range(6))
    headline = "Harbour ferry sails again"
    assert _choose_with_standard(monkeypatch, start, sections, headline) == sections
    # Another story, however long, does not replace it.
    assert _choose_with_standard(monkeypatch, start, OTHER_STORY, headline) == start


def test_standard_mode_is_not_asked_when_precision_mode_kept_enough(monkeypatch) -> None:
    kept = "\n\n".join(f"Paragraph {i} tells how the harbour board planned the dredging of the inner basin "
                       f"over six weeks of winter, with the fishing fleet moved to the outer quay." for i in range(3))
    assert _choose_with_standard(monkeypatch, kept, kept + "\n\n" + OTHER_STORY) == kept


# A template that indents the text inside its blocks: trafilatura keeps the indentation as part
# of each line of its text.
INDENTED_PAGE = """<html><head><title>Mole cake</title></head><body>
<div class="recipe">
  <h1>Mole cake with berries</h1>
  <div class="steps">
    <div class="step">
                    Beat the butter with the sugar until pale, then fold in the flour, the cocoa and the baking powder.
    </div>
    <div class="step">
                    Bake the base for twenty-five minutes, let it cool, then hollow it out and fill it with cream.   
    </div>
  </div>
</div>
</body></html>"""


def test_the_lines_of_the_text_carry_no_indentation_of_the_page() -> None:
    text = extract(lxml.html.document_fromstring(INDENTED_PAGE)).text
    assert "Beat the butter" in text and "Bake the base" in text
    assert all(line == line.strip() for line in text.split("\n")), text
