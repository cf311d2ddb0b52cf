"""Restoration: what trafilatura's precision mode dropped from beside the article's kept text is
put back in its place, and nothing else."""

from __future__ import annotations

import lxml.html
import pytest

from cleaner.extractors import extract
from cleaner.extractors.restoration import restore_lost_paragraphs
from cleaner.extractors.trafilatura_extractor import extract_with_trafilatura

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


@pytest.mark.parametrize("notice", [
    # The prompt in its own words, with no form or named box beside it.
    "Noch nicht genug? Die besten Geschichten der Woche kommen freitags in dein Postfach: zum Newsletter.",
    "Want the week's best stories? Subscribe to the Harbour Times briefing and read it every Friday.",
], ids=["newsletter-de", "subscribe-en"])
def test_the_sites_own_notice_is_not_restored_whatever_its_markup(notice: str) -> None:
    assert notice not in _restored(_blocks(f"<div>{notice}</div>"), KEPT)


def test_the_articles_copyright_line_is_still_restored() -> None:
    lost = "Copyright 2031 Harbour Times Media Group. All rights reserved. Reproduction only with permission."
    assert lost in _restored(_blocks(f"<div>{lost}</div>"), KEPT)


def test_a_paragraph_about_subscriptions_is_still_restored() -> None:
    # The article's own subject, not a prompt: only the site asking is left out.
    lost = "The ferry company raised the price of a yearly subscription by a tenth, its subscribers said."
    assert lost in _restored(_blocks(f"<div>{lost}</div>"), KEPT)


def test_a_posts_metadata_line_is_not_restored() -> None:
    # The blog theme's line under a post: when and where it was filed, not the article.
    meta = ("This entry was posted on Monday, 4 May at 10:21 and is filed under Harbour, Transport. "
            "You can follow any responses to this entry.")
    assert meta not in _restored(_blocks(f'<p class="postmetadata alt">{meta}</p>'), KEPT)
    assert meta not in _restored(_blocks(f'<div class="entry-meta">{meta}</div>'), KEPT)


def test_a_block_kept_behind_a_prefix_is_not_restored_twice() -> None:
    block = f"<div><span>© Provided by Harbour Times</span> {LOST}</div>"
    kept = [KEPT[0], KEPT[1], LOST, KEPT[2]]  # the extractor kept the block without its prefix
    assert _restored(_blocks(block), kept).count("twice a day") == 1


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


THIRD_PART = ["After the break the jury changed the order of the final events to spare the athletes the cold.",
              "The sprint relays were moved to the evening session and the pole vault to the morning instead.",
              "Two of the favourites withdrew with minor injuries but promised to be back for the summer meetings."]


def test_an_article_split_between_embeds_keeps_its_last_part() -> None:
    # Precision mode keeps the first part; the one after the embed is the article's too: the
    # same chain of containers, several paragraphs, the size of a part.
    text = extract(lxml.html.document_fromstring(_split_page(SECOND_PART, THIRD_PART))).text
    assert text.split("\n\n") == SECOND_PART + THIRD_PART


def test_an_article_in_three_parts_keeps_every_part_in_order() -> None:
    text = extract(lxml.html.document_fromstring(_split_page(FIRST_PART, SECOND_PART, THIRD_PART))).text
    assert text.split("\n\n") == FIRST_PART + SECOND_PART + THIRD_PART


@pytest.mark.parametrize("tail", [
    # one paragraph, however long: a promotion, an author's note
    [" ".join(THIRD_PART) + " The magazine's next issue is on sale from Thursday at every kiosk."],
    # two paragraphs, small beside the part kept before them: a box, not a part
    FIRST_PART,
], ids=["one paragraph", "small beside the kept part"])
def test_a_tail_in_the_articles_template_too_small_for_a_part_is_not_put_back(tail: list[str]) -> None:
    text = extract(lxml.html.document_fromstring(_split_page(SECOND_PART, tail))).text
    assert text.split("\n\n") == SECOND_PART


def test_a_part_of_the_articles_template_in_other_containers_is_not_put_back() -> None:
    # The footer reuses the article's text template: another chain of containers, not a part.
    page = _split_page(SECOND_PART).replace(
        "</main>", "</main><footer class='Site_Footer'>" + _template_section(THIRD_PART) + "</footer>")
    text = extract(lxml.html.document_fromstring(page)).text
    assert text.split("\n\n") == SECOND_PART
