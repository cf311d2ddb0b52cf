"""Hypothesis strategies shared by the property tests: well-edited prose and generated pages."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Examples per property (CI runs the default); raise it to search harder.
EXAMPLES = int(os.environ.get("CLEANER_FUZZ_EXAMPLES", "300"))
fuzz = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Well-edited prose, generated: names, places, numbers, quotes, lists, commas after
# introductory phrases, and semicolons only where an editor puts them (between independent
# clauses, before a conjunctive adverb, in lists of items that hold commas).
NAMES = ["Maria Lopez", "the mayor", "Tomasz Nowak", "the council", "Aisha Bello", "the board",
         "Henrik Dahl", "the committee", "Priya Raman", "the engineers", "the new manager"]
VERBS = ["approved", "delayed", "questioned", "rejected", "published", "reviewed", "funded", "praised"]
OBJECTS = ["the budget", "the bridge repairs", "a plan for the harbour", "the library levy",
           "its annual report", "the bus timetable", "a study of the river", "the school merger"]
WHEN = ["", " on Monday", " last spring", " in March", " after a long debate", " by a narrow vote",
        " at 9:30 a.m.", " in 2024"]
INTROS = ["On Tuesday", "After the vote", "In the end", "For the second year running", "Even so",
          "According to the minutes", "By late afternoon"]
ADVERBS = ["however", "therefore", "meanwhile", "as a result", "even so"]
PLACES = ["Ghent, Belgium", "Tartu, Estonia", "Cork, Ireland", "Porto, Portugal", "Lyon, France"]


def _sentence_case(clause: str) -> str:
    return clause[0].upper() + clause[1:]


_clause = st.builds(lambda who, verb, what, when: f"{who} {verb} {what}{when}",
                    st.sampled_from(NAMES), st.sampled_from(VERBS), st.sampled_from(OBJECTS), st.sampled_from(WHEN))
_sentence = st.one_of(
    _clause.map(lambda c: _sentence_case(c) + "."),
    st.builds(lambda intro, c: f"{intro}, {c}.", st.sampled_from(INTROS), _clause),
    st.builds(lambda a, b: f"{_sentence_case(a)}; {b}.", _clause, _clause),
    st.builds(lambda a, adv, b: f"{_sentence_case(a)}; {adv}, {b}.", _clause, st.sampled_from(ADVERBS), _clause),
    st.builds(lambda who, places: f"{_sentence_case(who)} visited {'; '.join(places[:-1])}; and {places[-1]}.",
              st.sampled_from(NAMES), st.lists(st.sampled_from(PLACES), min_size=3, max_size=4, unique=True)),
    st.builds(lambda c, who: f"“{_sentence_case(c)},” said {who}.", _clause, st.sampled_from(NAMES)),
    st.builds(lambda who, a, b, n: f"{_sentence_case(who)} spent {a:,} euros on {OBJECTS[n]}, up from {b:,} euros.",
              st.sampled_from(NAMES), st.integers(1000, 99_999_999), st.integers(1000, 99_999_999),
              st.integers(0, len(OBJECTS) - 1)),
)
_sentence = st.one_of(
    _sentence,
    st.builds(lambda who, what, pct: f"{_sentence_case(who)} — not for the first time — questioned {what} ({pct}% of it).",
              st.sampled_from(NAMES), st.sampled_from(OBJECTS), st.integers(1, 99)),
    st.builds(lambda c: f"Why had {c}?", _clause),
    st.builds(lambda day, c: f"On {day} October 2025, {c}.", st.integers(1, 31), _clause),
    st.just("Zoë Kowalczyk, who grew up in Łódź, ran the café on Rue Saint-Éloi."),
    st.just("The scores were 6-4; 7-6; 6-3."),
)
_paragraph = st.lists(_sentence, min_size=1, max_size=5).map(" ".join)
_bullets = st.lists(st.sampled_from(OBJECTS), min_size=2, max_size=5, unique=True).map(
    lambda items: "\n".join(f"- {_sentence_case(item)}" for item in items))
_title = st.sampled_from(["Harbour plan approved after long debate", "What the levy pays for",
                          "A quiet year for the council"])
well_edited = st.builds(
    lambda title, blocks: "\n\n".join(([title] if title else []) + blocks) + "\n",
    st.one_of(st.none(), _title),
    st.lists(st.one_of(_paragraph, _paragraph, _paragraph, _bullets), min_size=1, max_size=8, unique=True))


# Generated pages: an article's paragraphs among ads, navigation and scripts, in markup of
# varying hygiene (unclosed paragraphs, upper-case tags, entities, deep wrappers, comments).
AD_TEXTS = ["Sponsored: flights to Lisbon from 19 euros", "Harbour Mart: buy one, get one free",
            "Win a weekend in Porto, enter today", "Compare energy tariffs in two minutes",
            "Local singles are waiting for you"]
AD_CONTAINERS = ['<div class="ad-slot">{}</div>', '<div class="advertisement"><span>Advertisement</span><p>{}</p></div>',
                 '<aside id="div-gpt-ad-1712"><p>{}</p></aside>', '<div class="dfp-ad-300x250">{}</div>',
                 '<ins class="adsbygoogle">{}</ins>', '<div class="sponsored-content"><a href="/x">{}</a></div>',
                 '<div data-ad-slot="7"><p>{}</p></div>']
NAVIGATION = ('<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>'
              '<li><a href="/sport">Sport</a></li><li><a href="/contact">Contact</a></li></ul></nav>')
SCRIPTS = ["<script>window.dataLayer = window.dataLayer || []; var a = '<p>not text</p>';</script>",
           "<style>p { margin: 0 } .ad { display: none }</style>", "<!-- comment <p>hidden</p> -->",
           '<script type="application/ld+json">{"@type": "NewsArticle"}</script>']


INLINE = ['<a href="/story/1">{}</a>', "<em>{}</em>", "<strong>{}</strong>", "<b>{}</b>", '<span class="x">{}</span>']


def _inline(html: str, mark: tuple[int, str]) -> str:
    """The paragraph with one word wrapped in an inline element."""
    words = html.split(" ")
    at, tag = mark
    at %= len(words)
    if "&" in words[at] or not words[at]:
        return html
    words[at] = tag.format(words[at])
    return " ".join(words)


def _escape(text: str, entities: bool) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if entities:
        text = text.replace("“", "&ldquo;").replace("”", "&rdquo;").replace("—", "&#8212;").replace("é", "&eacute;")
    return text


@st.composite
def pages(draw) -> tuple[str, list[str], list[str]]:
    """A page's HTML, the article paragraphs it holds, and the ad texts it holds."""
    # An article does not repeat its sentences word for word: each is drawn once, then the
    # sentences are dealt into paragraphs of two to four.
    sentences = draw(st.lists(_sentence, min_size=6, max_size=32, unique=True))
    sizes = draw(st.lists(st.integers(2, 4), min_size=len(sentences), max_size=len(sentences)))
    paragraphs, at = [], 0
    for size in sizes:
        if at >= len(sentences):
            break
        # A lone sentence left at the end joins the paragraph before: trafilatura drops a short
        # last block holding a link, and under 50 characters it is not put back (see the README).
        size = size if len(sentences) - (at + size) != 1 else size + 1
        paragraphs.append(" ".join(sentences[at:at + size]))
        at += size
    title = draw(_title)
    ads = draw(st.lists(st.tuples(st.integers(0, len(paragraphs)), st.sampled_from(AD_CONTAINERS),
                                  st.sampled_from(AD_TEXTS)), max_size=4, unique_by=lambda ad: ad[2]))
    scripts = draw(st.lists(st.tuples(st.integers(0, len(paragraphs)), st.sampled_from(SCRIPTS)), max_size=3))
    unclosed = draw(st.booleans())
    entities = draw(st.booleans())
    upper = draw(st.booleans())
    depth = draw(st.integers(0, 40))
    block = draw(st.sampled_from(["p", "p", "div"]))
    # Where inline markup goes in each paragraph: (word index, tag).
    marks = draw(st.lists(st.tuples(st.integers(0, 30), st.sampled_from(INLINE)), min_size=1, max_size=6))
    body: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        body.extend(container.format(_escape(text, entities)) for at, container, text in ads if at == index)
        body.extend(script for at, script in scripts if at == index)
        body.append(f"<{block}>{_inline(_escape(paragraph, entities), marks[index % len(marks)])}"
                    + ("" if unclosed and block == "p" else f"</{block}>"))
    body.extend(container.format(text) for at, container, text in ads if at == len(paragraphs))
    body.extend(script for at, script in scripts if at == len(paragraphs))
    article = f"<article><h1>{_escape(title, entities)}</h1>\n" + "\n".join(body) + "\n</article>"
    article = "<div>" * depth + article + "</div>" * depth
    page = (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{_escape(title, entities)} | Harbour Times"
            f"</title></head><body><header>{NAVIGATION}</header><main>{article}</main>"
            "<footer><p>© 2026 Harbour Times. All rights reserved.</p></footer></body></html>")
    if upper:
        page = page.replace("<p>", "<P>").replace("</p>", "</P>").replace("<div", "<DIV").replace("</div>", "</DIV>")
    return page, paragraphs, [text for _, _, text in ads]
