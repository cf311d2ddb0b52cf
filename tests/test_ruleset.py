"""Rule sets in TOML: extends, overrides by id, placement, and errors a user can act on."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner, RuleSetError, load_rule_set
from cleaner.ruleset import bundled_rule_sets


def write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_bundled_sets_include_default_and_its_topical_parts() -> None:
    assert {"default", "ads", "punctuation", "whitespace", "shortcodes", "html"} <= set(bundled_rule_sets())


def test_every_bundled_set_builds() -> None:
    for name in bundled_rule_sets():
        Cleaner.from_rules(name)


def test_default_extends_topical_sets_in_order() -> None:
    ids = [r.id for r in load_rule_set("default").rules]
    assert ids.index("whitespace.odd-spaces") < ids.index("ads.label") < ids.index("ads.banner") < ids.index("punctuation.stray-semicolon")
    assert ids[-1] == "whitespace.blank-lines"
    assert ids.index("ads.label") < ids.index("structure.header-date") < ids.index("structure.repeated-line")


def test_user_set_extends_default_and_appends_a_regex_rule(tmp_path: Path) -> None:
    path = write(tmp_path, "site.toml", '''
name = "my-site"
extends = ["default"]

[[rules]]
id = "my-site.footer"
kind = "regex"
pattern = "^Read more from My Site.*$"
replace = ""
''')
    cleaner = Cleaner.from_rules(path)
    text = "A fine first paragraph.\n\nRead more from My Site: subscribe today\n\nThe end.\n"
    assert cleaner.clean(text).text == "A fine first paragraph.\n\nThe end.\n"


def test_override_by_id_merges_parameters_and_can_disable(tmp_path: Path) -> None:
    path = write(tmp_path, "tweak.toml", '''
extends = ["default"]
[[rules]]
id = "structure.repeated-line"
min_length = 5
[[rules]]
id = "ads.furniture"
enabled = false
''')
    rule_set = load_rule_set(path)
    assert rule_set.get("structure.repeated-line").params["min_length"] == 5
    assert rule_set.get("structure.repeated-line").kind == "repeated_line"
    assert rule_set.get("ads.furniture").enabled is False
    assert "ads.furniture" not in [r.id for r in Cleaner(rule_set).rules]


def test_later_rule_file_overrides_earlier_by_id(tmp_path: Path) -> None:
    first = write(tmp_path, "a.toml", '[[rules]]\nid = "x"\nkind = "regex"\npattern = "a"\nreplace = "b"\n')
    second = write(tmp_path, "b.toml", '[[rules]]\nid = "x"\nreplace = "c"\n')
    assert Cleaner.from_rules(first, second).clean("a").text == "c"


def test_before_and_after_place_a_new_rule(tmp_path: Path) -> None:
    path = write(tmp_path, "p.toml", '''
extends = ["default"]
[[rules]]
id = "mine.first"
kind = "regex"
pattern = "x"
before = "unicode.mojibake"
[[rules]]
id = "mine.after-banner"
kind = "regex"
pattern = "y"
after = "ads.banner"
''')
    ids = [r.id for r in load_rule_set(path).rules]
    assert ids[ids.index("unicode.mojibake") - 1] == "mine.first"
    assert ids[ids.index("ads.banner") + 1] == "mine.after-banner"


def test_enable_and_disable_switch_rules_by_id() -> None:
    cleaner = Cleaner.from_rules("default", disable=["punctuation.stray-semicolon"])
    assert "punctuation.stray-semicolon" not in [r.id for r in cleaner.rules]
    with pytest.raises(RuleSetError, match="no rule with id 'nope'"):
        Cleaner.from_rules("default", disable=["nope"])


def test_unknown_kind_names_the_file_rule_and_known_kinds(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.toml", '[[rules]]\nid = "mine.x"\nkind = "regexp"\npattern = "a"\n')
    with pytest.raises(RuleSetError) as info:
        Cleaner.from_rules(path)
    message = str(info.value)
    assert str(path) in message and "mine.x" in message and "'regexp'" in message
    assert "regex" in message and "stray_semicolon" in message  # the known kinds are listed


def test_bad_regex_shows_pattern_and_position(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.toml", '[[rules]]\nid = "mine.broken"\nkind = "regex"\npattern = "ab(c"\n')
    with pytest.raises(RuleSetError) as info:
        Cleaner.from_rules(path)
    message = str(info.value)
    assert "mine.broken" in message and "'pattern'" in message and "ab(c" in message
    assert "position" in message and str(path) in message


def test_wrong_parameter_type_names_field_and_value(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.toml", '[[rules]]\nid = "t"\nkind = "repeated_line"\nmin_length = "long"\n')
    with pytest.raises(RuleSetError, match=r"field 'min_length'.*must be int, got 'long'"):
        Cleaner.from_rules(path)


def test_unknown_parameter_lists_the_allowed_ones(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.toml", '[[rules]]\nid = "t"\nkind = "repeated_line"\nminlength = 3\n')
    with pytest.raises(RuleSetError) as info:
        Cleaner.from_rules(path)
    assert "'minlength'" in str(info.value) and "min_length" in str(info.value)


def test_missing_required_parameter_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.toml", '[[rules]]\nid = "t"\nkind = "regex"\n')
    with pytest.raises(RuleSetError, match="missing required parameter 'pattern'"):
        Cleaner.from_rules(path)


def test_choice_parameter_lists_allowed_values(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.toml", '[[rules]]\nid = "t"\nkind = "regex"\npattern = "a"\nscope = "page"\n')
    with pytest.raises(RuleSetError, match="allowed: 'line', 'document'"):
        Cleaner.from_rules(path)


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.toml", "[[rules]\nid = 1\n")
    with pytest.raises(RuleSetError, match="not valid TOML"):
        load_rule_set(path)


def test_new_rule_without_kind_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.toml", '[[rules]]\nid = "fresh"\npattern = "a"\n')
    with pytest.raises(RuleSetError, match="needs a 'kind'"):
        load_rule_set(path)


def test_rule_without_id_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.toml", '[[rules]]\nkind = "regex"\npattern = "a"\n')
    with pytest.raises(RuleSetError, match="has no 'id'"):
        load_rule_set(path)


def test_extends_cycle_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "a.toml", 'extends = ["b.toml"]\n')
    write(tmp_path, "b.toml", 'extends = ["a.toml"]\n')
    with pytest.raises(RuleSetError, match="cycle"):
        load_rule_set(tmp_path / "a.toml")


def test_unknown_top_level_key_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.toml", 'name = "x"\npattern = "a"\n')
    with pytest.raises(RuleSetError, match="unknown top-level key 'pattern'"):
        load_rule_set(path)


def test_unknown_bundled_name_lists_the_bundled_sets() -> None:
    with pytest.raises(RuleSetError, match="bundled sets: .*default"):
        load_rule_set("defualt")


def test_resolved_set_round_trips_through_toml(tmp_path: Path) -> None:
    rule_set = load_rule_set("default")
    path = write(tmp_path, "resolved.toml", rule_set.to_toml())
    again = load_rule_set(path)
    assert [r.to_toml_dict() for r in again.rules] == [r.to_toml_dict() for r in rule_set.rules]
    assert again.fingerprint() == rule_set.fingerprint()


@pytest.mark.bad_input
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs a device that never ends")
def test_a_rule_file_or_extends_that_is_a_device_is_refused_unread(tmp_path: Path) -> None:
    with pytest.raises(RuleSetError, match="not a regular file"):
        load_rule_set([Path("/dev/zero")])
    child = tmp_path / "child.toml"
    child.write_text('extends = ["/dev/zero"]\n', encoding="utf-8")
    with pytest.raises(RuleSetError, match="not a regular file"):
        load_rule_set([child])


def _regex(rule_id: str, extra: str = "") -> str:
    return f'[[rules]]\nid = "{rule_id}"\nkind = "regex"\npattern = "zz"\nreplace = ""\n{extra}\n'


def test_new_rules_go_before_the_rules_marked_last_wherever_those_stand(tmp_path: Path) -> None:
    path = write(tmp_path, "order.toml", 'name = "order"\n' + _regex("a") + _regex("z1", "last = true")
                 + _regex("b") + _regex("z2", 'last = true\nbefore = "a"') + _regex("c"))
    ids = [r.id for r in load_rule_set(path).rules]
    # z2 was put before a, so the first rule marked last is z2: c goes before it.
    assert ids == ["c", "z2", "a", "b", "z1"]


def test_an_override_that_makes_a_rule_last_counts_for_the_rules_after_it(tmp_path: Path) -> None:
    write(tmp_path, "base.toml", 'name = "base"\n' + _regex("a") + _regex("b"))
    path = write(tmp_path, "top.toml", 'name = "top"\nextends = ["base.toml"]\n'
                 + '[[rules]]\nid = "a"\nlast = true\n' + _regex("c"))
    # a stays where it stood, now marked last, and c goes before it.
    assert [r.id for r in load_rule_set(path).rules] == ["c", "a", "b"]


def test_a_rule_set_of_many_rules_loads_whole_and_in_order(tmp_path: Path) -> None:
    body = 'name = "many"\nextends = ["default"]\n' + "".join(_regex(f"r{i}", "enabled = false") for i in range(3000))
    ids = [r.id for r in load_rule_set(write(tmp_path, "many.toml", body)).rules]
    assert ids[-1] == "whitespace.blank-lines" and ids[-2] == "r2999" and ids.count("r1500") == 1
