"""Site boilerplate: lines a site repeats across its documents, learned in a first pass."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cleaner import Cleaner, Document
from cleaner.cli import app
from cleaner.kinds.site_boilerplate import BOILERPLATE, line_key

STORIES = [
    "The council voted to keep the ferry running through the winter months.",
    "Fishermen on the quay counted the storm damage before dawn on Tuesday.",
    "The library will open on Sundays from next month, the city said.",
    "A new bakery on Church Road sold out of bread by nine in the morning.",
    "The harbour board installed three tide gauges along the estuary this week.",
    "Pilots asked for the readings after a freighter touched bottom in March.",
]
PROMPT = "Get the Harbour Times briefing in your inbox every morning"


def test_line_keys_fold_case_digits_and_spaces() -> None:
    assert line_key("12  Comments") == line_key("3 comments") == "0 comments"


def test_lines_a_site_repeats_go_article_lines_stay() -> None:
    cleaner = Cleaner.from_rules("default")
    table = {"harbourtimes.example": {"documents": 6, "lines": {line_key(PROMPT): 6, line_key(STORIES[0]): 1}}}
    doc = Document(f"{STORIES[0]}\n\n{PROMPT}\n\nMore of the story follows here, at length.\n",
                   {"url": "https://www.harbourtimes.example/news/1"}, context={BOILERPLATE: table})
    cleaned = cleaner.clean_document(doc)
    assert PROMPT not in cleaned.text and STORIES[0] in cleaned.text
    other = cleaner.clean_document(Document(f"{STORIES[1]}\n\n{PROMPT}\n", {"url": "https://other.example/x"},
                                            context={BOILERPLATE: table}))
    assert PROMPT in other.text  # another site's counts do not apply


def test_a_document_made_of_repeated_lines_is_kept_whole() -> None:
    cleaner = Cleaner.from_rules("default")
    table = {"s": {"documents": 6, "lines": {line_key(PROMPT): 6, line_key(STORIES[2]): 6}}}
    doc = cleaner.clean_document(Document(f"{STORIES[2]}\n\n{PROMPT}\n", context={BOILERPLATE: table, "site": "s"}))
    assert STORIES[2] in doc.text and PROMPT in doc.text
    assert any("most of the document" in w for w in doc.warnings)


def test_learn_then_reuse_the_counts(tmp_path: Path) -> None:
    site = tmp_path / "in" / "harbourtimes.example"
    site.mkdir(parents=True)
    endings = ["Readers wrote in about the vote all weekend.", "The tide stayed high until Thursday evening.",
               "Volunteers stacked the returned books by the door.", "The queue reached the corner by eight.",
               "Engineers will check the gauges again in spring.", "Insurers have not yet said who pays."]
    for i, (story, ending) in enumerate(zip(STORIES, endings, strict=True)):
        (site / f"s{i}.txt").write_text(f"{story}\n\n{PROMPT}\n\n{ending}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["clean", str(tmp_path / "in"), "--out", str(out), "--learn-boilerplate",
                                      "--jobs", "1"])
    assert result.exit_code == 0, result.output
    written = (out / "harbourtimes.example" / "s0.txt").read_text(encoding="utf-8")
    assert STORIES[0] in written and PROMPT not in written
    saved = out / ".cleaner" / "boilerplate.json"
    assert json.loads(saved.read_text(encoding="utf-8"))["harbourtimes.example"]["documents"] == 6
    again = tmp_path / "again"
    reused = CliRunner().invoke(app, ["clean", str(tmp_path / "in"), "--out", str(again), "--boilerplate", str(saved),
                                      "--jobs", "1"])
    assert reused.exit_code == 0
    assert PROMPT not in (again / "harbourtimes.example" / "s3.txt").read_text(encoding="utf-8")
    plain = CliRunner().invoke(app, ["clean", str(tmp_path / "in"), "--out", str(tmp_path / "plain"), "--jobs", "1"])
    assert plain.exit_code == 0
    assert PROMPT in (tmp_path / "plain" / "harbourtimes.example" / "s3.txt").read_text(encoding="utf-8")
