"""The shortcode grammar on its own: ``tokenize`` (what is tag-shaped and what its attributes
are) and ``parse`` (which openers pair with which closers, which closers are orphans).

Quote styles include the typographic quotes WordPress's prettifier leaves on leaked tags, and
HTML entities are decoded before quotes are recognised. Brackets that are prose, references,
Markdown, JSON or code are never shortcodes.
"""

from __future__ import annotations

import gc

import pytest

from cleaner import Cleaner
from cleaner.shortcodes.grammar import MAX_TAG_LENGTH, Node, Shortcode, parse, tokenize

# --- helpers -----------------------------------------------------------------------------------

RULE = next(r for r in Cleaner.from_rules("shortcodes").rules if r.id == "shortcodes.resolve")


def declared_self_closing(name: str) -> bool:
    action = RULE.action_for(name)
    return action is not None and action.self_closing


def parse_all(text: str) -> tuple[list[Node], list[Shortcode]]:
    """Every tag-shaped token counts as a shortcode; nothing is declared self-closing."""
    return parse(text, is_shortcode=lambda tag, paired: True, is_self_closing=lambda name: False)


def parse_bundled(text: str) -> tuple[list[Node], list[Shortcode]]:
    """Decide like the bundled ``shortcodes`` set does."""
    return parse(text, is_shortcode=RULE.is_shortcode, is_self_closing=declared_self_closing)


def only(text: str) -> Shortcode:
    tokens = tokenize(text)
    assert len(tokens) == 1, tokens
    return tokens[0]


def names(nodes: list[Node]) -> list[str]:
    return [n.tag.name for n in nodes]


# --- quote styles and entities -----------------------------------------------------------------

QUOTED = [
    # (text, attribute, value)
    ('[gallery ids="4,5,6"]', "ids", "4,5,6"),
    ("[gallery ids='4,5,6']", "ids", "4,5,6"),
    ("[gallery ids=4,5,6]", "ids", "4,5,6"),
    ("[embedpost slug=”harbour-ferry-returns”]", "slug", "harbour-ferry-returns"),
    ("[embedpost slug=“harbour-ferry-returns”]", "slug", "harbour-ferry-returns"),
    ("[embedpost slug=„harbour-ferry-returns“]", "slug", "harbour-ferry-returns"),
    ("[embedpost slug=‟harbour-ferry-returns‟]", "slug", "harbour-ferry-returns"),
    ("[video width=”640″]", "width", "640"),  # U+201D opens, U+2033 (double prime) closes
    ("[video width=″640″]", "width", "640"),
    ("[embedpost slug=’harbour-ferry’]", "slug", "harbour-ferry"),
    ("[embedpost slug=‘harbour-ferry’]", "slug", "harbour-ferry"),
    ("[embedpost slug=′harbour-ferry′]", "slug", "harbour-ferry"),
    ("[embedpost slug=&quot;harbour-ferry&quot;]", "slug", "harbour-ferry"),
    ("[embedpost slug=&#8221;harbour-ferry&#8221;]", "slug", "harbour-ferry"),
    ("[embedpost slug=&#8220;harbour-ferry&#8221;]", "slug", "harbour-ferry"),
    ("[embedpost slug=&#x201D;harbour-ferry&#x201D;]", "slug", "harbour-ferry"),
    ("[embedpost slug=&#8217;harbour-ferry&#8217;]", "slug", "harbour-ferry"),
    ("[video width=&#8221;640&#8243;]", "width", "640"),
    ('[vc_custom_heading text="Fish &#038; chips"]', "text", "Fish & chips"),
    ('[vc_custom_heading text="Fish &amp; chips"]', "text", "Fish & chips"),
    ("[vc_custom_heading text=’Editor’s pick’]", "text", "Editor’s pick"),
    ("[vc_custom_heading text='Editor's pick']", "text", "Editor's pick"),
    ("[vc_custom_heading text=“The ‘quiet’ harbour”]", "text", "The ‘quiet’ harbour"),
]


@pytest.mark.parametrize("text,attr,value", QUOTED, ids=[t for t, _, _ in QUOTED])
def test_quote_styles_and_entities(text, attr, value):
    tag = only(text)
    assert tag.attrs == {attr: value}
    assert (tag.start, tag.end) == (0, len(text))
    assert tag.raw == text
    assert not tag.closing and not tag.escaped


# --- attribute edge cases ----------------------------------------------------------------------

def test_empty_quoted_value():
    assert only('[su_note title="" color=\'\']').attrs == {"title": "", "color": ""}


def test_value_with_spaces():
    assert only('[contact-form-7 id="5" title="Contact form 1"]').attrs == {"id": "5", "title": "Contact form 1"}


def test_equals_sign_inside_quotes():
    assert only('[su_button url="https://example.org/?a=1&b=2"]').attrs == {"url": "https://example.org/?a=1&b=2"}


def test_closing_bracket_inside_quotes_does_not_end_the_tag():
    text = '[su_note title="Step [2] of 3" note="a]b"]'
    tag = only(text)
    assert tag.attrs == {"title": "Step [2] of 3", "note": "a]b"}
    assert tag.end == len(text)


def test_css_with_braces_and_colons_inside_quotes():
    text = '[vc_row css=".vc_custom_1580{margin-top: 20px !important;}"]'
    assert only(text).attrs == {"css": ".vc_custom_1580{margin-top: 20px !important;}"}


def test_attribute_names_are_lowered_values_are_not():
    assert only('[su_box TITLE="Tide Tables" BoxColor="#AA0000"]').attrs == {
        "title": "Tide Tables", "boxcolor": "#AA0000"}


def test_positional_and_named_mixed():
    tag = only('[su_tooltip "Hover me" position=top rounded "second one"]')
    assert tag.attrs == {"position": "top"}
    assert tag.positional == ("Hover me", "rounded", "second one")
    assert tag.has_named_attributes


def test_quoted_word_followed_by_equals_is_positional_not_a_name():
    tag = only('[su_note "k=v"]')
    assert tag.attrs == {}
    assert tag.positional == ("k=v",)


def test_spaces_around_equals():
    assert only('[gallery ids = "7,8" columns =3]').attrs == {"ids": "7,8", "columns": "3"}


def test_newlines_inside_a_tag():
    text = '[vc_column_text\n  css=".x{}"\n  el_class="lead"\n]'
    tag = only(text)
    assert tag.attrs == {"css": ".x{}", "el_class": "lead"}
    assert tag.end == len(text)


def test_entity_encoded_brackets_inside_a_value():
    assert only('[su_note title="&#91;draft&#93;"]').attrs == {"title": "[draft]"}


def test_unterminated_quote_is_not_a_tag():
    assert tokenize('[su_note title="never closed] and then prose.') == []


def test_a_new_bracket_before_the_close_means_the_first_is_prose():
    tokens = tokenize('[see a [gallery ids="9"]')
    assert [(t.name, t.start) for t in tokens] == [("gallery", 7)]


def test_tag_at_max_length_boundary():
    fits = '[su_note title="' + "x" * (MAX_TAG_LENGTH - 100) + '"]'
    assert only(fits).attrs["title"] == "x" * (MAX_TAG_LENGTH - 100)
    too_long = '[su_note title="' + "x" * (MAX_TAG_LENGTH + 10) + '"]'
    assert tokenize(too_long) == []


def test_after_an_overlong_tag_the_next_tag_is_still_found():
    text = '[su_note title="' + "x" * (MAX_TAG_LENGTH + 10) + '"] then [gallery ids="1"]'
    assert [t.name for t in tokenize(text)] == ["gallery"]


# --- names -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,name", [
    ("[vc_column_text]", "vc_column_text"),
    ('[contact-form-7 id="5"]', "contact-form-7"),
    ("[et_pb_text]", "et_pb_text"),
    ("[h2]", "h2"),
    ("[Gallery]", "Gallery"),
])
def test_tag_names(text, name):
    assert only(text).name == name


@pytest.mark.parametrize("text", ["[1abc]", "[-note]", "[_note]", "[note:x]", "[note(x)]", "[note.x]", "[ note]"])
def test_not_tag_names(text):
    assert tokenize(text) == []


# --- self-closing, closers, escaped ------------------------------------------------------------

@pytest.mark.parametrize("text,attrs", [
    ("[gallery/]", {}),
    ("[gallery /]", {}),
    ('[gallery ids="1,2" /]', {"ids": "1,2"}),
    ('[gallery ids="1,2"/]', {"ids": "1,2"}),
    ("[gallery ids=1,2 /]", {"ids": "1,2"}),
])
def test_self_closing(text, attrs):
    tag = only(text)
    assert tag.self_closing and not tag.closing
    assert tag.attrs == attrs
    assert tag.end == len(text)


@pytest.mark.parametrize("text", ["[/vc_row]", "[/vc_row ]", "[/contact-form]"])
def test_closing_tag(text):
    tag = only(text)
    assert tag.closing
    assert tag.name == text[2:].rstrip(" ]")
    assert tag.end == len(text)


def test_closing_tag_with_space_after_slash_is_not_a_tag():
    assert tokenize("[/ vc_row]") == []


@pytest.mark.parametrize("text,name,attrs", [
    ("[[gallery]]", "gallery", {}),
    ('[[gallery ids="1,2"]]', "gallery", {"ids": "1,2"}),
    ("[[vc_row]]", "vc_row", {}),
])
def test_escaped(text, name, attrs):
    tag = only(text)
    assert tag.escaped
    assert (tag.name, tag.attrs) == (name, attrs)
    assert (tag.start, tag.end) == (0, len(text))


def test_escaped_tags_are_not_in_the_tree():
    roots, orphans = parse_all('Write [[gallery ids="1"]] to show a gallery.')
    assert roots == [] and orphans == []


# --- pairing -----------------------------------------------------------------------------------

def test_enclosing_spans():
    text = "Intro [su_note]Body text[/su_note] outro"
    roots, orphans = parse_all(text)
    assert names(roots) == ["su_note"] and orphans == []
    node = roots[0]
    assert node.closer is not None and node.closer.closing
    assert text[node.start:node.end] == "[su_note]Body text[/su_note]"
    assert text[node.content_start:node.content_end] == "Body text"


def test_nested_different_tags():
    text = "[vc_row][vc_column][vc_column_text]Words[/vc_column_text][/vc_column][/vc_row]"
    roots, _ = parse_all(text)
    assert names(roots) == ["vc_row"]
    assert names(roots[0].children) == ["vc_column"]
    assert names(roots[0].children[0].children) == ["vc_column_text"]
    inner = roots[0].children[0].children[0]
    assert text[inner.content_start:inner.content_end] == "Words"


def test_same_tag_nested_pairs_innermost_first():
    text = "[quote]outer [quote]inner[/quote] tail[/quote]"
    roots, _ = parse_all(text)
    assert names(roots) == ["quote"]
    outer = roots[0]
    assert text[outer.content_start:outer.content_end] == "outer [quote]inner[/quote] tail"
    assert names(outer.children) == ["quote"]
    inner = outer.children[0]
    assert text[inner.content_start:inner.content_end] == "inner"


def test_same_tag_unclosed_then_closed():
    text = "[su_note]first [su_note]second[/su_note]"
    roots, _ = parse_all(text)
    assert names(roots) == ["su_note", "su_note"]
    first, second = roots
    assert first.closer is None and first.content_start == first.content_end
    assert second.closer is not None
    assert text[second.content_start:second.content_end] == "second"


def test_unclosed_opener_encloses_nothing():
    text = "[dropcap]T and the rest of the article."
    roots, orphans = parse_all(text)
    assert names(roots) == ["dropcap"] and orphans == []
    assert roots[0].closer is None
    assert roots[0].end == len("[dropcap]")
    assert not roots[0].children


def test_unclosed_child_inside_a_closed_parent():
    text = "[vc_row][vc_column]Words[/vc_row]"
    roots, orphans = parse_all(text)
    assert names(roots) == ["vc_row"] and orphans == []
    assert roots[0].closer is not None
    assert names(roots[0].children) == ["vc_column"]
    assert roots[0].children[0].closer is None


def test_interleaved_closers():
    text = "[su_box][su_note]x[/su_box][/su_note]"
    roots, orphans = parse_all(text)
    assert names(roots) == ["su_box"]
    assert roots[0].closer is not None and roots[0].closer.start == text.index("[/su_box]")
    assert [(o.name, o.start) for o in orphans] == [("su_note", text.index("[/su_note]"))]


def test_never_paired_with_a_closer_of_another_name():
    text = "[su_note]Words[/su_box]"
    roots, orphans = parse_all(text)
    assert names(roots) == ["su_note"] and roots[0].closer is None
    assert [o.name for o in orphans] == ["su_box"]


def test_explicitly_self_closing_is_never_paired():
    text = "[su_divider /] Words [/su_divider]"
    roots, orphans = parse_all(text)
    assert names(roots) == ["su_divider"] and roots[0].closer is None
    assert [o.name for o in orphans] == ["su_divider"]


@pytest.mark.parametrize("name", ["embedpost", "gallery", "contact-form-7"])
def test_declared_self_closing_is_never_paired_with_a_later_stray_closer(name):
    text = f'[{name} id="4"]\n\nA whole paragraph of the article.\n\n[/{name}]'
    roots, orphans = parse_bundled(text)
    assert names(roots) == [name]
    assert roots[0].closer is None and roots[0].end == len(f'[{name} id="4"]')
    assert [o.name for o in orphans] == [name]


def test_orphan_closer_of_a_known_shortcode_is_reported():
    roots, orphans = parse_bundled("The end of the column.[/vc_column][/et_pb_row]")
    assert roots == []
    assert [o.name for o in orphans] == ["vc_column", "et_pb_row"]


def test_orphan_closer_of_an_unknown_name_is_not_a_shortcode():
    assert parse_bundled("Some prose [/aside] more prose.") == ([], [])


def test_bundled_decision_named_attributes_or_pairing_make_a_shortcode():
    text = '[mystery_widget id="3"] [tip]hover[/tip] [sic] [tip2]'
    roots, _ = parse_bundled(text)
    assert names(roots) == ["mystery_widget", "tip"]


def test_children_of_a_non_shortcode_are_lifted():
    text = "[wrapper]Before [gallery ids='1'] after[/wrapper]"
    roots, _ = parse(text, is_shortcode=lambda tag, paired: tag.name != "wrapper",
                     is_self_closing=lambda name: False)
    assert names(roots) == ["gallery"]


# --- brackets that are never shortcodes -------------------------------------------------------

NEVER = [
    "It was [sic] the best of times.",
    "As shown before [1] and after [23].",
    "The river is the longest [citation needed] in the region.",
    "[Editor’s note: this story was updated on Monday.]",
    "[Editor's note: this story was updated on Monday.]",
    "[Photo: Reuters]",
    "The report said […] that the harbour would close.",
    "The report said [...] that the harbour would close.",
    "Read [the council minutes](https://example.org/minutes) first.",
    "Read [gallery](https://example.org/gallery) for photos.",
    "See [[Harbour Ferry]] and [[Main Page|the front page]] on the wiki.",
    '{"ids": [1, 2, 3], "tags": ["news", "local"]}',
    '[{"id": 1, "name": "ferry"}, {"id": 2}]',
    "[true, false, null]",
    "[ note with a leading space ]",
    "Prices rose [by 5%] this year [update: 6%].",
    "A lone [ bracket and a lone ] bracket.",
    "x = arr[0] + arr[i]",
]


@pytest.mark.parametrize("text", NEVER, ids=lambda s: s[:40])
def test_prose_brackets_are_never_shortcodes(text):
    assert parse_bundled(text) == ([], [])


@pytest.mark.parametrize("text", [
    "As shown before [1] and after [23].",
    "[Editor’s note: this story was updated on Monday.]",
    "[Photo: Reuters]",
    "The report said […] that the harbour would close.",
    "Read [the council minutes](https://example.org/minutes) first.",
    "Read [gallery](https://example.org/gallery) for photos.",
    '{"ids": [1, 2, 3], "tags": ["news", "local"]}',
    "[true, false, null]",
], ids=lambda s: s[:40])
def test_prose_brackets_are_not_even_tag_shaped(text):
    assert tokenize(text) == []


CODE = [
    'Type `[gallery ids="1,2"]` in the editor.',
    "Wrap it as `[vc_row][vc_column]…[/vc_column][/vc_row]` and save.",
    '```\n[gallery ids="1,2"]\n[vc_row]Words[/vc_row]\n```',
    '```html\n[contact-form-7 id="5" title="Contact form 1"]\n```',
    '~~~\n[embed]https://video.example.org/v/1[/embed]\n~~~',
    'Unclosed fence:\n```\n[gallery ids="1"]\nand more [vc_row] lines',
]


@pytest.mark.parametrize("text", CODE, ids=lambda s: s[:40])
def test_brackets_inside_code_are_not_tokens(text):
    assert tokenize(text) == []


def test_text_after_a_closed_fence_is_tokenized_again():
    text = '```\n[gallery ids="1"]\n```\nAfter the code: [gallery ids="2"]'
    assert [t.attrs for t in tokenize(text)] == [{"ids": "2"}]


def test_brackets_inside_double_backtick_code_span_are_not_tokens():
    assert tokenize('Type ``[gallery ids="1,2"]`` in the editor.') == []


def test_tilde_line_inside_backtick_fence_does_not_close_it():
    assert tokenize('```\n~~~\n[gallery ids="1"]\n```\n') == []


# --- a long, dense text ------------------------------------------------------------------------

def test_long_dense_text_parses_and_pairs_correctly():
    parts = []
    for i in range(5000):
        k = i % 5
        if k == 0:
            parts.append(f'[vc_column_text css=".vc_custom_{i}{{margin: 0}}"]Paragraph {i}.[/vc_column_text] [ open ')
        elif k == 1:
            parts.append(f'[gallery ids="{i},{i + 1}"] see [note {i} and [ ')
        elif k == 2:
            parts.append(f"[dropcap]W[/dropcap]ord {i} [sic] [{i}] [ ")
        elif k == 3:
            parts.append(f"[embedpost slug=”story-{i}”] plain words [[ [/vc_row] ")
        else:
            parts.append(f"An unclosed [su_note]opener {i} and [unmatched bracket {i}. ")
    text = "".join(parts)
    assert len(text) >= 200_000
    roots, orphans = parse_bundled(text)
    # Each group of five blocks gives: vc_column_text, gallery, dropcap, embedpost, su_note.
    assert len(roots) == 5000
    assert len(orphans) == 1000 and {o.name for o in orphans} == {"vc_row"}
    sample = roots[2500]
    assert sample.tag.name == "vc_column_text"
    assert text[sample.content_start:sample.content_end] == "Paragraph 2500."
    assert roots[2503].tag.attrs == {"slug": "story-2503"}
    assert roots[2504].tag.name == "su_note" and roots[2504].closer is None


def test_a_parsed_tag_holds_nothing_the_garbage_collector_walks():
    # A document of half a million tags is held at once; every container a tag or a leaf holds
    # lengthened each full pass of the collector, and time per MB doubled from 1 to 10 MB.
    roots, _ = parse_all('[gallery ids="1,2" 7 size=large][vc_row][vc_column]Text.[/vc_column][/vc_row]')
    gc.collect()
    gallery, row = roots
    held = [gallery.tag.attrs, gallery.tag.positional, gallery.tag.bare, gallery.tag.bare_named,
            gallery.children, row.children[0].children]
    assert gallery.tag.attrs == {"ids": "1,2", "size": "large"} and gallery.tag.positional == ("7",)
    assert [value for value in held if gc.is_tracked(value)] == []
