"""The batch API: ``Cleaner.clean_records`` gives a caller's records back as the command writes
an archive's, with a choice of what a failing record becomes; ``Cleaner.clean_batch`` cleans a
batch of columns, adding flat columns of fixed types."""

from __future__ import annotations

import copy
import itertools
import json
from pathlib import Path

import pytest

from cleaner import CleanerError, clean_dataset
from cleaner.task.stats import RunStats

SCRAPED = "Advertisement\nThe quay reopens on Monday.\n"
CLEANED = "The quay reopens on Monday.\n"
PAGE = ("<html><head><title>The quay</title></head><body><article><h1>The quay</h1>" + "".join(
    f"<p>Paragraph {i}: the harbour board moved the fleet to the outer quay for the winter works, the clerk "
    "said.</p>" for i in range(3)) + "</article></body></html>")
EMPTY_PAGE = "<html><body><div></div></body></html>"  # no extractor finds an article here

RECORDS = [
    {"id": "a1", "source": "common-crawl", "url": "https://example.org/q", "text": SCRAPED, "score": 0.93},
    {"id": "p1", "html": PAGE, "lang": "en"},
    {"id": "b2", "metadata": {"lang": "en"}, "text": "Share this: Facebook Twitter\n\nThe fleet sails at dawn.\n"},
]


def test_records_come_out_as_the_command_writes_an_archives_records(default_cleaner, tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    dump.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    clean_dataset([dump], tmp_path / "out", jobs=1, with_changes=True)
    written = [json.loads(line) for line in (tmp_path / "out" / "dump.jsonl").read_text(encoding="utf-8").splitlines()]

    ours = list(default_cleaner.clean_records(RECORDS, with_changes=True))

    assert len(ours) == len(written) == 3
    for position, (mine, theirs) in enumerate(zip(ours, written, strict=True)):
        # Only where a record came from differs: a line of the dump there, a position here.
        assert theirs["cleaner"].pop("source") == f"{dump}:{position + 1}"
        assert mine["cleaner"].pop("source") == f"record {position}"
        assert mine == theirs
    assert ours[0]["text"] == CLEANED and ours[1]["html"] == PAGE and ours[1]["text"].startswith("The quay\n")


def test_the_text_goes_back_to_its_field_or_to_the_output_field(default_cleaner) -> None:
    [out] = default_cleaner.clean_records([{"id": 7, "raw_content": SCRAPED}], text_field="raw_content")
    assert out["raw_content"] == CLEANED and "text" not in out and out["id"] == 7
    assert out["cleaner"]["stats"] == {"characters_in": len(SCRAPED), "characters_out": len(CLEANED),
                                       "changes": {"ads.label": 1}}
    [out] = default_cleaner.clean_records([{"text": SCRAPED}], output_field="clean")
    assert out["text"] == SCRAPED and out["clean"] == CLEANED
    [out] = default_cleaner.clean_records([{"body": PAGE, "text": "a summary"}], html_field="body")
    assert out["body"] == PAGE and out["text"].startswith("The quay\n")
    assert out["cleaner"]["metadata"]["title"] == "The quay" and "changes" not in out["cleaner"]


def test_the_callers_records_are_not_changed(default_cleaner) -> None:
    records = copy.deepcopy(RECORDS)
    list(default_cleaner.clean_records(records))
    assert records == RECORDS


BAD = [
    {"id": "ok1", "text": SCRAPED},
    {"id": "no-text", "body": SCRAPED},
    "just a string",
    {"id": "empty-page", "html": EMPTY_PAGE},
    {"id": "ok2", "text": SCRAPED},
]


def test_reject_drops_failing_records_and_counts_them_with_their_position(default_cleaner) -> None:
    stats = RunStats()
    out = list(default_cleaner.clean_records(BAD, stats=stats))
    assert [r["id"] for r in out] == ["ok1", "ok2"]
    assert [r["cleaner"]["source"] for r in out] == ["record 0", "record 4"]
    assert [r["source"] for r in stats.rejects] == ["record 1", "record 2", "record 3"]
    reasons = [r["reason"] for r in stats.rejects]
    assert "no string field 'text' or 'html'" in reasons[0] and "(fields: body, id)" in reasons[0]
    assert "must be a mapping" in reasons[1] and "not str" in reasons[1]
    assert "no article found" in reasons[2]
    assert stats.documents == 2 and stats.changed == 2
    assert stats.rule_hits["ads.label"]["changes"] == 2 and stats.rule_hits["ads.label"]["documents"] == 2


def test_raise_names_the_failing_record_after_yielding_those_before_it(default_cleaner) -> None:
    stats = RunStats()
    results = default_cleaner.clean_records(BAD, on_error="raise", stats=stats)
    assert next(results)["id"] == "ok1"
    with pytest.raises(CleanerError, match=r"^record 1: no string field 'text' or 'html'"):
        next(results)
    assert stats.rejects == [{"source": "record 1", "reason": stats.rejects[0]["reason"]}]
    # A reason that names its record already (extraction's do) is not prefixed twice.
    with pytest.raises(CleanerError) as caught:
        list(default_cleaner.clean_records([{"html": EMPTY_PAGE}], on_error="raise"))
    assert str(caught.value).startswith("record 0: no article found") and str(caught.value).count("record 0") == 1


def test_keep_yields_failing_records_unchanged_with_their_reason(default_cleaner) -> None:
    stats = RunStats()
    out = list(default_cleaner.clean_records(BAD, on_error="keep", stats=stats))
    assert len(out) == len(BAD)
    assert out[0]["text"] == CLEANED and "stats" in out[0]["cleaner"]
    assert out[1] == {"id": "no-text", "body": SCRAPED,
                      "cleaner": {"source": "record 1", "error": stats.rejects[0]["reason"]}}
    # A string has no fields to keep: it comes out as its error alone.
    assert out[2] == {"cleaner": {"source": "record 2", "error": stats.rejects[1]["reason"]}}
    assert out[3]["html"] == EMPTY_PAGE and "no article found" in out[3]["cleaner"]["error"]
    assert out[4]["text"] == CLEANED and len(stats.rejects) == 3 and stats.documents == 2


def test_a_bad_on_error_is_refused_at_the_call_naming_the_choices(default_cleaner) -> None:
    def never():
        raise AssertionError("the records must not be read")
        yield  # pragma: no cover

    with pytest.raises(ValueError, match=r"on_error='skip': must be one of 'reject', 'raise', 'keep'"):
        default_cleaner.clean_records(never(), on_error="skip")


def test_bad_options_are_refused_at_the_call(default_cleaner) -> None:
    with pytest.raises(TypeError, match="text_field=3"):
        default_cleaner.clean_records([], text_field=3)
    with pytest.raises(CleanerError, match="with_changes='yes': must be True or False"):
        default_cleaner.clean_records([], with_changes="yes")


def test_records_are_cleaned_lazily_as_they_are_asked_for(default_cleaner) -> None:
    endless = ({"id": n, "text": SCRAPED} for n in itertools.count())
    first = list(itertools.islice(default_cleaner.clean_records(endless), 3))
    assert [r["id"] for r in first] == [0, 1, 2] and next(endless)["id"] == 3


def test_with_changes_lists_each_change_under_cleaner(default_cleaner) -> None:
    [out] = default_cleaner.clean_records([{"text": SCRAPED}], with_changes=True)
    assert [c["rule"] for c in out["cleaner"]["changes"]] == ["ads.label"]


# clean_batch

def test_clean_batch_cleans_the_text_column_and_adds_flat_columns(default_cleaner) -> None:
    batch = {"id": [1, 2, 3], "text": [SCRAPED, None, "Nothing to do here.\n"], "lang": ["en", "en", "fr"]}
    out = default_cleaner.clean_batch(batch)
    assert list(out) == ["id", "text", "lang", "cleaner_characters_in", "cleaner_characters_out",
                         "cleaner_changes", "cleaner_error"]
    assert out["id"] == [1, 2, 3] and out["lang"] == ["en", "en", "fr"]
    assert out["text"] == [CLEANED, None, "Nothing to do here.\n"]
    assert out["cleaner_characters_in"] == [len(SCRAPED), 0, 20]
    assert out["cleaner_characters_out"] == [len(CLEANED), 0, 20]
    assert out["cleaner_changes"] == [1, 0, 0]
    assert out["cleaner_error"][0] == "" and out["cleaner_error"][2] == ""
    assert "no string field 'text'" in out["cleaner_error"][1]
    assert batch["text"][0] == SCRAPED  # the caller's batch is not changed


def test_clean_batch_with_an_output_field_keeps_the_original(default_cleaner) -> None:
    out = default_cleaner.clean_batch({"body": [SCRAPED, 5]}, text_field="body", output_field="clean")
    assert out["body"] == [SCRAPED, 5] and out["clean"] == [CLEANED, 5]
    assert out["cleaner_error"][0] == "" and "no string field 'body'" in out["cleaner_error"][1]


def test_clean_batch_agrees_with_clean_records(default_cleaner) -> None:
    texts = [SCRAPED, "Share this: Facebook Twitter\n\nThe fleet sails at dawn.\n", "Plain.\n",
             "Tue, 21-Oct-2025\n\nAds | Ads | Ads\n\nIt rained all week; which surprised nobody.\n"]
    urls = [f"https://example.org/{n}" for n in range(len(texts))]
    out = default_cleaner.clean_batch({"text": texts, "url": urls})
    records = list(default_cleaner.clean_records({"text": t, "url": u} for t, u in zip(texts, urls, strict=True)))
    assert out["text"] == [r["text"] for r in records]
    assert out["cleaner_characters_in"] == [r["cleaner"]["stats"]["characters_in"] for r in records]
    assert out["cleaner_characters_out"] == [r["cleaner"]["stats"]["characters_out"] for r in records]
    assert out["cleaner_changes"] == [sum(r["cleaner"]["stats"]["changes"].values()) for r in records]
    assert sum(out["cleaner_changes"]) >= 4


def test_clean_batch_of_no_rows_gives_every_column_empty(default_cleaner) -> None:
    out = default_cleaner.clean_batch({"text": [], "id": []})
    assert out == {"text": [], "id": [], "cleaner_characters_in": [], "cleaner_characters_out": [],
                   "cleaner_changes": [], "cleaner_error": []}


def test_clean_batch_without_the_text_column_names_the_columns(default_cleaner) -> None:
    with pytest.raises(CleanerError, match=r"text_field='content': the batch has no such column \(columns: id, text\)"):
        default_cleaner.clean_batch({"id": [1], "text": ["a"]}, text_field="content")
    with pytest.raises(TypeError, match="output_field=1"):
        default_cleaner.clean_batch({"text": ["a"]}, output_field=1)


@pytest.mark.bad_input
def test_a_page_with_no_article_is_worded_with_the_librarys_keyword_which_keeps_its_text(default_cleaner) -> None:
    stats = RunStats()
    assert list(default_cleaner.clean_records([{"html": EMPTY_PAGE}], stats=stats)) == []
    [reject] = stats.rejects
    assert reject["reason"].endswith('no_article="text" keeps the page\'s visible text instead')
    assert "--" not in reject["reason"]  # no flag of the command a library caller cannot pass
    page = "<html><body><div>Harbour notice: the quay is closed today.</div><script>x()</script></body></html>"
    [kept] = default_cleaner.clean_records([{"html": page}], no_article="text")
    assert "the quay is closed today" in kept["text"]


@pytest.mark.bad_input
def test_a_page_past_the_time_limit_is_worded_with_the_librarys_keyword(default_cleaner, monkeypatch) -> None:
    import cleaner.html as html_module
    from tests.test_html import _slow_extract

    monkeypatch.setattr(html_module, "extract", _slow_extract)
    stats = RunStats()
    assert list(default_cleaner.clean_records([{"html": PAGE}], timeout=0.2, stats=stats)) == []
    [reject] = stats.rejects
    assert reject["reason"] == ("record 0: extraction took longer than 0.2 s; skipped (raise timeout= for very "
                                "large pages, or timeout=None for no limit)")


def test_the_extraction_options_are_checked_at_the_call(default_cleaner) -> None:
    for options in ({"no_article": "keep"}, {"timeout": 0}, {"timeout": "soon"}, {"extractor": "magic"}):
        with pytest.raises(CleanerError, match=next(iter(options))):
            default_cleaner.clean_records([], **options)
    [fast] = default_cleaner.clean_records([{"html": PAGE}], extractor="trafilatura", timeout=None)
    assert "The quay" in fast["text"]
