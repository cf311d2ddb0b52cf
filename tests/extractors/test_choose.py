"""Choosing the extractor: trafilatura first, readability when trafilatura finds too little."""

from __future__ import annotations

import lxml.html
import pytest

from cleaner.extractors import extract
from cleaner.extractors.choose import restore_lost_paragraphs
from cleaner.extractors.readability_extractor import blocks_to_text
from cleaner.extractors.trafilatura_extractor import extract_with_trafilatura

ARTICLE = "".join(f"<p>Paragraph {i} tells how the harbour board planned the dredging of the inner basin "
                  f"over six weeks of winter, with the fishing fleet moved to the outer quay.</p>" for i in range(8))
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


# trafilatura's precision mode drops a short block holding a link when it stands last (or is
# short enough): in pages whose paragraphs are <div>s, that is the article's own paragraph.
SENTENCE = "The harbour board moved the fishing fleet to the outer quay for the six weeks of dredging."


def _div_page(*blocks: str) -> str:
    return ("<html><body><nav><a href='/'>Home</a></nav><article><h1>Dredging</h1>"
            + "".join(blocks) + "</article><footer>© Harbour Times</footer></body></html>")


def _extract(page: str, name: str = "auto", output: str = "text") -> str:
    return extract(lxml.html.document_fromstring(page), extractor=name, output=output).text


@pytest.mark.parametrize("name", ["auto", "trafilatura"])
def test_a_last_div_paragraph_with_a_link_is_put_back_in_place(name: str) -> None:
    page = _div_page(f"<div>One. {SENTENCE}</div>", f"<div>Two. {SENTENCE}</div>",
                     '<div>Three. The <a href="/quay">outer quay</a> reopens in May, the board said.</div>')
    paragraphs = _extract(page, name).split("\n\n")
    assert [p.split(".")[0] for p in paragraphs[-3:]] == ["One", "Two", "Three"]


def test_a_first_div_paragraph_dropped_before_kept_ones_is_put_back_before_them() -> None:
    page = _div_page('<div>Zero. The <a href="/x">board</a> met on Monday to plan the dredging.</div>',
                     f"<div>One. {SENTENCE}</div>", f"<div>Two. {SENTENCE}</div>", f"<div>Three. {SENTENCE}</div>")
    text = _extract(page)
    assert text.index("Zero.") < text.index("One.") < text.index("Three.")


def test_markdown_output_gets_the_lost_paragraph_too() -> None:
    page = _div_page(f"<div>One. <em>{SENTENCE}</em></div>", f"<div>Two. {SENTENCE}</div>",
                     '<div>Three. The <a href="/quay">outer quay</a> reopens in May, the board said.</div>')
    text = _extract(page, output="markdown")
    assert text.count("Three.") == 1 and text.index("Two.") < text.index("Three.")


def _restored_over_trafilatura(page: str) -> tuple[str, str]:
    tree = lxml.html.document_fromstring(page)
    alone = extract_with_trafilatura(tree, url=None, output="text")
    return alone.text, restore_lost_paragraphs(tree, alone, markdown=False).text


@pytest.mark.parametrize("junk", [
    '<div>Read more: <a href="/x">How the harbour board plans to pay for the dredging of the basin</a>.</div>',
    '<div>Follow <a href="/x">us</a> on the radio.</div>',
    ('<div class="promo"><custom-teaser><div>Related</div><div>The board elected a new chair on Friday after '
     'a long vote, <a href="/chair">the chair</a> said.</div></custom-teaser></div>'),
], ids=["link-line", "short", "teaser-widget"])
def test_link_lines_short_lines_and_widgets_are_not_put_back(junk: str) -> None:
    alone, restored = _restored_over_trafilatura(_div_page(f"<div>One. {SENTENCE}</div>", f"<div>Two. {SENTENCE}</div>",
                                                           junk))
    assert restored == alone


def test_a_notice_cut_off_from_the_article_by_other_blocks_is_not_put_back() -> None:
    notice = '<div>Comments are moderated; read <a href="/rules">the rules</a> before you post below.</div>'
    alone, restored = _restored_over_trafilatura(_div_page(
        f"<div>One. {SENTENCE}</div>", f"<div>Two. {SENTENCE}</div>",
        '<div><a href="/t/harbour">harbour</a>, <a href="/t/dredging">dredging</a></div>', notice))
    assert "moderated" not in alone and restored == alone
    assert "moderated" in _restored_over_trafilatura(_div_page(
        f"<div>One. {SENTENCE}</div>", f"<div>Two. {SENTENCE}</div>", notice))[1]


def test_a_paragraph_the_extractor_kept_in_another_form_is_not_added_twice() -> None:
    # Soft hyphens and a link's words: trafilatura drops the one and may drop the other.
    page = _div_page(f"<p>One. Dredg\u00ading of the inner basin began in March. {SENTENCE}</p>",
                     f"<p>Two. {SENTENCE}</p>", f"<p>Three. {SENTENCE}</p>")
    text = _extract(page, "trafilatura")
    assert text.count("One.") == 1 and text.count("Three.") == 1


def test_a_page_with_more_paragraphs_than_the_extractors_take_is_read_as_blocks(monkeypatch) -> None:
    from cleaner.extractors import choose

    monkeypatch.setattr(choose, "MAX_PARAGRAPHS", 5)
    result = extract(tree())  # eight paragraphs, a <nav>
    assert result.extractor == "page-text" and "over the 5 the extractors take" in result.warning
    assert result.text.count("tells how the harbour board") == 8


def test_a_paragraph_wrapped_alone_like_its_neighbours_is_put_back_among_them() -> None:
    def card(paragraph: str) -> str:
        return f'<div class="card"><div class="card-content"><p>{paragraph}</p></div></div>'

    page = _div_page(card(f"One. {SENTENCE}"), card(f"Two. {SENTENCE}"),
                     card('Three. The plan was published on Monday in the <a href="/x">port\'s annual review</a>.'))
    alone, restored = _restored_over_trafilatura(page)
    assert "Three." not in alone  # trafilatura's precision mode drops it
    assert restored.split("\n\n")[-1].startswith("Three. The plan was published")


def test_linked_words_the_extractor_dropped_inside_a_sentence_are_put_back() -> None:
    mid = ('<p>Two. The clerk said that <span class="link"><a href="/x">the board will fine the '
           'operator</a></span> for the late sailings of the winter.</p>')
    page = _div_page(f"<p>One. {SENTENCE}</p>", mid, f"<p>Three. {SENTENCE}</p>")
    alone, restored = _restored_over_trafilatura(page)
    assert "the board will fine the operator" not in alone  # trafilatura's precision mode drops it
    assert "Two. The clerk said that the board will fine the operator for the late sailings" in restored
    assert restored.count("Two.") == 1


# Restoration puts back the article's prose, never what readers do not see or the page's furniture.
LOST = "The ferry will run twice a day until the end of March, the harbour board said on Monday."


def _restored(body: str, kept: list[str]) -> str:
    page = lxml.html.document_fromstring(f"<html><body><article>{body}</article></body></html>")
    from cleaner.extractors.base import Extraction

    return restore_lost_paragraphs(page, Extraction("\n\n".join(kept), "trafilatura"), markdown=False).text


KEPT = [f"Kept {i}. {SENTENCE}" for i in range(3)]


def _blocks(lost_block: str) -> str:
    return f"<div>{KEPT[0]}</div><div>{KEPT[1]}</div>{lost_block}<div>{KEPT[2]}</div>"


def test_a_lost_prose_block_beside_kept_ones_is_restored() -> None:
    assert LOST in _restored(_blocks(f"<div>{LOST}</div>"), KEPT)


@pytest.mark.parametrize("lost_block", [
    f'<div aria-hidden="true">{LOST}</div>',
    f"<div hidden>{LOST}</div>",
    f'<div style="display: none">{LOST}</div>',
    f'<div class="visually-hidden">{LOST}</div>',
], ids=["aria-hidden", "hidden", "display-none", "visually-hidden"])
def test_a_hidden_block_is_not_restored(lost_block: str) -> None:
    assert LOST not in _restored(_blocks(lost_block), KEPT)


@pytest.mark.parametrize("prompt", [
    "Bleiben Sie auf dem Laufenden und abonnieren Sie unseren kostenlosen Newsletter heute.",
    "Restez informé : inscrivez-vous à notre lettre d'information gratuite dès aujourd'hui.",
])
def test_a_newsletter_prompt_in_any_language_is_not_restored(prompt: str) -> None:
    beside_form = f'<div>{prompt}</div><form action="/subscribe"><input type="email"></form>'
    assert prompt not in _restored(_blocks(beside_form), KEPT)
    in_box = f'<div class="nl-box newsletter"><div>{prompt}</div></div>'
    assert prompt not in _restored(_blocks(in_box), KEPT)


def test_a_block_kept_behind_a_prefix_is_not_restored_twice() -> None:
    block = f"<div><span>© Provided by Harbour Times</span> {LOST}</div>"
    kept = [KEPT[0], KEPT[1], LOST, KEPT[2]]  # the extractor kept the block without its prefix
    assert _restored(_blocks(block), kept).count("twice a day") == 1


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


# An article a CMS splits into text blocks of one template between embeds (a figure here).
FIRST_PART = ["The reigning champion opened her season on Friday in Leipzig with a clear win over the whole field.",
              "She cleared every height at the first attempt before the bar went up to a new world lead for the year."]
SECOND_PART = ["The hurdles brought a second surprise when the European champion returned from a long injury break.",
               "He ran the fastest time of the year in the heats and lowered it again in the final an hour later.",
               "“I am happy with the race, and I want to defend my title in the summer,” he said to the reporters.",
               "In the long jump a teenager beat the field by nine centimetres and broke a junior record of decades.",
               "The meeting ends on Sunday with the relays, and the organisers expect a full hall for the evening."]
ABOUT_US = ["City Weekly uses investigative journalism to inform readers about the neighbourhoods of the city.",
            "Founded by a group of reporters in the midst of a fiscal crisis, it is now a non-profit newsroom."]


def _template_section(paragraphs: list[str]) -> str:
    inner = "".join(f"<p>{p}</p>" for p in paragraphs)
    return ('<section class="Page_Section"><div class="Page_Inner"><article class="ImageText_Container">'
            f'<header class="ImageText_Description"><p class="ImageText_Text"><div class="Richtext_Block">{inner}'
            '</div></p></header></article></div></section>')


_FIGURE = ('<section class="Page_Section"><div class="Page_Inner"><figure class="Aligned_Image"><img src="a.jpg">'
           '<figcaption>© A photographer</figcaption></figure></div></section>')


def _split_page(*parts: list[str]) -> str:
    return ("<html><head><title>Top athletes</title></head><body><main>"
            + _FIGURE.join(_template_section(part) for part in parts) + "</main></body></html>")


def test_an_article_split_between_embeds_keeps_its_first_part() -> None:
    text = extract(lxml.html.document_fromstring(_split_page(FIRST_PART, SECOND_PART))).text
    assert text.split("\n\n") == FIRST_PART + SECOND_PART


def test_a_block_of_the_articles_template_after_its_end_is_not_put_back() -> None:
    # An "about us" box in the same template after the article's last kept part: the page's tail.
    text = extract(lxml.html.document_fromstring(_split_page(SECOND_PART, ABOUT_US))).text
    assert text.split("\n\n") == SECOND_PART
