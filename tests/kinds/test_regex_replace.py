"""regex (module regex_replace): a user pattern and replacement, per line or over the whole
document; bad patterns, missing groups and unknown flags are refused when the rule is built;
a pattern that runs out of time costs its document that rule, with a warning."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cleaner.document import Document
from cleaner.errors import RuleSetError
from cleaner.kinds.base import validate_params
from cleaner.kinds.regex_replace import RegexReplace
from cleaner.pipeline import Cleaner


def build(rule_id: str = "t", **params) -> RegexReplace:
    return RegexReplace(rule_id, **validate_params(RegexReplace, params, source=None, rule_id=rule_id))


def run(text: str, **params) -> Document:
    return Cleaner.clean_document_with([build(**params)], Document(text))


# Scope


def test_line_scope_pattern_never_spans_a_newline():
    text = "alpha\nbeta\ngamma\n"
    assert run(text, pattern=r"alpha\nbeta", replace="AB").text == text
    assert run(text, pattern=r"alpha\s+beta", replace="AB").text == text


def test_document_scope_pattern_can_span_lines():
    assert run("alpha\nbeta\ngamma\n", pattern=r"alpha\nbeta", replace="AB", scope="document").text == \
        "AB\ngamma\n"


def test_line_scope_anchors_match_each_line():
    assert run("Photo: AP\nThe harbour froze.\nPhoto: Reuters\n", pattern=r"^Photo: \w+$").text == \
        "The harbour froze.\n"


def test_document_scope_anchors_need_the_multiline_flag():
    text = "The harbour froze.\nPhoto: AP\n"
    assert run(text, pattern=r"^Photo: \w+$", scope="document").text == text
    assert run(text, pattern=r"^Photo: \w+$", scope="document", flags=["multiline"]).text == \
        "The harbour froze.\n"


# Flags


def test_ignorecase_flag_makes_the_match_case_insensitive():
    text = "PHOTO: AP\nBody.\n"
    assert run(text, pattern=r"photo: \w+").text == text
    assert run(text, pattern=r"photo: \w+", flags=["ignorecase"]).text == "Body.\n"


def test_flag_names_are_accepted_in_any_case():
    assert run("Via: AP\n", pattern=r"via: (\w+)", replace=r"[\1]", flags=["IGNORECASE"]).text == "[AP]\n"


def test_dotall_flag_lets_dot_cross_newlines_in_document_scope():
    text = "<aside>\nBuy now\n</aside>\nStory.\n"
    assert run(text, pattern=r"<aside>.*?</aside>\n", scope="document").text == text
    assert run(text, pattern=r"<aside>.*?</aside>\n", scope="document", flags=["dotall"]).text == "Story.\n"


def test_verbose_flag_ignores_whitespace_in_the_pattern():
    assert run("Tel 555 0101\n", pattern=r" (\d{3}) \s (\d{4}) ", replace=r"\1-\2", flags=["verbose"]).text == \
        "Tel 555-0101\n"


def test_ascii_flag_limits_word_characters_to_ascii():
    assert run("naïve plan\n", pattern=r"\b\w+\b", replace="W", flags=["ascii"]).text == "WïW W\n"


# Replacements


def test_numbered_group_reference_in_replace():
    assert run("Price: 10 USD\nPrice: 25 USD\n", pattern=r"(\d+) USD", replace=r"$\1").text == \
        "Price: $10\nPrice: $25\n"


def test_named_group_reference_in_replace():
    assert run("Born 1901, died 1987.\n", pattern=r"(?P<a>\d{4}), died (?P<b>\d{4})",
               replace=r"\g<a>–\g<b>").text == "Born 1901–1987.\n"


def test_whole_match_reference_in_replace():
    assert run("see page 4\n", pattern=r"\d+", replace=r"[\g<0>]").text == "see page [4]\n"


def test_each_change_is_recorded():
    doc = run("Price: 10 USD\nPrice: 25 USD\n", pattern=r"(\d+) USD", replace=r"$\1")
    assert [(c.rule_id, c.before, c.after) for c in doc.changes] == \
        [("t", "10 USD", "$10"), ("t", "25 USD", "$25")]


# drop_empty_lines


def test_line_emptied_by_the_replacement_is_removed():
    assert run("Story.\nPhoto: AP\nMore story.\n", pattern=r"Photo: \w+").text == "Story.\nMore story.\n"


def test_line_emptied_except_for_spaces_is_removed():
    assert run("Story.\n   [ad]  \nMore.\n", pattern=r"\[ad\]").text == "Story.\nMore.\n"


def test_line_emptied_by_several_matches_is_removed():
    assert run("Story.\n[ad] [ad]\nMore.\n", pattern=r"\[ad\] ?").text == "Story.\nMore.\n"


def test_line_emptied_in_document_scope_is_removed():
    assert run("Story.\nPhoto: AP\nMore.\n", pattern=r"Photo: \w+", scope="document").text == \
        "Story.\nMore.\n"


def test_line_only_partly_emptied_is_kept():
    assert run("Story. Photo: AP\nMore.\n", pattern=r" ?Photo: \w+").text == "Story.\nMore.\n"


def test_drop_empty_lines_off_leaves_an_empty_line():
    assert run("Story.\nPhoto: AP\nMore.\n", pattern=r"Photo: \w+", drop_empty_lines=False).text == \
        "Story.\n\nMore.\n"
    assert run("Story.\nPhoto: AP\nMore.\n", pattern=r"Photo: \w+", scope="document",
               drop_empty_lines=False).text == "Story.\n\nMore.\n"


def test_blank_lines_that_were_already_blank_are_kept():
    text = "Story.\n\nMore.\n"
    assert run(text, pattern=r"^\s*$", replace="").text == text


def test_pattern_that_does_not_match_changes_nothing():
    text = "Nothing to see here.\n"
    doc = run(text, pattern=r"\bzebra\b", replace="horse")
    assert doc.text == text
    assert doc.changes == []


# Build-time errors


@pytest.mark.parametrize("pattern", ["(unclosed", "a[b", "x{2,1}", "*leading star", "(?P<1bad>x)"])
def test_bad_pattern_is_refused_at_build_time(pattern):
    with pytest.raises(RuleSetError) as info:
        build(pattern=pattern)
    assert info.value.field == "pattern"
    assert info.value.rule_id == "t"


def test_bad_pattern_message_shows_the_pattern_and_position():
    with pytest.raises(RuleSetError) as info:
        build(pattern="Photo: (\\w+")
    message = str(info.value)
    assert "Photo: (\\w+" in message
    assert "position" in message
    assert "^" in message


@pytest.mark.parametrize("pattern, replace", [
    (r"(\d+) USD", r"\2"),
    (r"\d+ USD", r"\1"),
    (r"(?P<amount>\d+)", r"\g<total>"),
    (r"(a)(b)", r"\g<3>"),
])
def test_replacement_referring_to_a_missing_group_is_refused(pattern, replace):
    with pytest.raises(RuleSetError) as info:
        build(pattern=pattern, replace=replace)
    assert info.value.field == "replace"
    assert "group" in str(info.value)


def test_escaped_backslash_before_a_digit_is_not_a_group_reference():
    assert run("x\n", pattern="x", replace=r"\\1").text == "\\1\n"


@pytest.mark.parametrize("flag", ["global", "i", "unicode", ""])
def test_unknown_flag_is_refused(flag):
    with pytest.raises(RuleSetError) as info:
        build(pattern="a", flags=[flag])
    assert info.value.field == "flags"
    assert "ignorecase" in str(info.value)  # the hint lists the allowed flags


def test_unknown_scope_is_refused():
    with pytest.raises(RuleSetError):
        build(pattern="a", scope="page")


def test_bad_pattern_in_a_toml_rule_set_names_the_file_and_rule(tmp_path: Path):
    path = tmp_path / "mine.toml"
    path.write_text(
        'name = "mine"\n\n[[rules]]\nid = "mine.photo"\nkind = "regex"\npattern = "Photo: (\\\\w+"\n',
        encoding="utf-8",
    )
    with pytest.raises(RuleSetError) as info:
        Cleaner.from_rules(path)
    assert info.value.rule_id == "mine.photo"
    assert "mine.toml" in str(info.value)


# Timeouts


CATASTROPHIC = r"(a|a)+$"  # backtracks exponentially even in the `regex` module


@pytest.mark.bad_input
@pytest.mark.parametrize("scope", ["line", "document"])
def test_catastrophic_pattern_times_out_with_a_warning_and_no_change(scope):
    text = "Keep me.\n" + "a" * 40 + "b\nEnd.\n"
    started = time.monotonic()
    doc = run(text, pattern=CATASTROPHIC, replace="X", scope=scope, timeout_ms=30)
    assert time.monotonic() - started < 5
    assert doc.text == text
    assert doc.changes == []
    assert len(doc.warnings) == 1
    assert "'t'" in doc.warnings[0]


def test_nested_quantifier_on_long_line_does_not_hang():
    text = "Keep me.\n" + "a" * 5000 + "b\n"
    started = time.monotonic()
    doc = run(text, pattern=r"(a+)+$", replace="X", timeout_ms=50)
    assert time.monotonic() - started < 5
    assert doc.text == text


@pytest.mark.bad_input
def test_batch_goes_on_after_a_timeout():
    slow = build("slow", pattern=CATASTROPHIC, replace="X", timeout_ms=20)
    fast = build("fast", pattern=r"\bEnd\b", replace="Fin")
    docs = [Document("a" * 40 + "b\nEnd.\n"), Document("Quiet day.\nEnd.\n")]
    for doc in docs:
        Cleaner.clean_document_with([slow, fast], doc)
    assert docs[0].text == "a" * 40 + "b\nFin.\n"
    assert len(docs[0].warnings) == 1
    assert docs[1].text == "Quiet day.\nFin.\n"
    assert docs[1].warnings == []


# Idempotence


@pytest.mark.parametrize("params, text", [
    (dict(pattern=r"(\d+) USD", replace=r"$\1"), "Price: 10 USD\nPrice: 25 USD\n"),
    (dict(pattern=r"Photo: \w+"), "Story.\nPhoto: AP\nMore.\n"),
    (dict(pattern=r"\s+$", replace=""), "Story.   \nMore.\t\n"),
    (dict(pattern=r"<aside>.*?</aside>\n", scope="document", flags=["dotall"]), "<aside>\nx\n</aside>\nStory.\n"),
], ids=["currency", "photo-line", "trailing", "aside-block"])
def test_cleaning_twice_changes_nothing_more(params, text):
    once = run(text, **params)
    assert once.changes
    twice = run(once.text, **params)
    assert twice.text == once.text
    assert twice.changes == []
