"""Archives' records in, records out: every field a record had comes out as it was, the
cleaned text goes back to the field it was read from (or to ``output_field``), and what cleaner
adds stands under one key, ``cleaner``."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.readers.records import read_jsonl_stream
from cleaner.task.records import clean_records
from cleaner.task.settings import Settings, build_cleaner
from cleaner.task.stats import RunStats
from tests.strategies import fuzz

CLEANER = build_cleaner(Settings())
SCRAPED = "Advertisement\nThe quay reopens on Monday.\n"
CLEANED = "The quay reopens on Monday.\n"
PAGE = ("<html><body><article><h1>The quay</h1>" + "".join(
    f"<p>Paragraph {i}: the harbour board moved the fleet to the outer quay for the winter works, the clerk "
    "said.</p>" for i in range(3)) + "</article></body></html>")


def _clean(lines: list[dict], **settings) -> list[dict]:
    settings = Settings(**settings)
    raw = io.BytesIO("".join(json.dumps(line) + "\n" for line in lines).encode())
    records = read_jsonl_stream(raw, display="dump.jsonl", text_field=settings.text_field,
                                html_field=settings.html_field)
    return list(clean_records(CLEANER, records, settings, RunStats()))


def test_a_records_own_fields_come_out_as_they_were() -> None:
    record = {"id": "a1", "source": "common-crawl", "metadata": {"lang": "en"}, "url": "https://example.org/q",
              "text": SCRAPED, "score": 0.93}
    [out] = _clean([record])
    assert {k: v for k, v in out.items() if k not in ("text", "cleaner")} == \
        {k: v for k, v in record.items() if k != "text"}
    assert list(out)[: len(record)] == list(record)  # in their order
    assert out["text"] == CLEANED
    assert out["cleaner"]["source"] == "dump.jsonl:1" and out["cleaner"]["url"] == "https://example.org/q"
    assert out["cleaner"]["stats"] == {"characters_in": len(SCRAPED), "characters_out": len(CLEANED),
                                       "changes": {"ads.label": 1}}


def test_the_cleaned_text_goes_back_to_the_field_it_was_read_from() -> None:
    [out] = _clean([{"id": 7, "raw_content": SCRAPED}], text_field="raw_content")
    assert out["raw_content"] == CLEANED and "text" not in out and out["id"] == 7


def test_an_output_field_keeps_the_original_beside_the_cleaned_text() -> None:
    [out] = _clean([{"text": SCRAPED}], output_field="clean_text")
    assert out["text"] == SCRAPED and out["clean_text"] == CLEANED


def test_a_page_keeps_its_html_and_gets_its_text() -> None:
    [out] = _clean([{"id": "p", "html": PAGE, "lang": "en"}])
    assert out["html"] == PAGE and out["lang"] == "en" and out["id"] == "p"
    assert out["text"].startswith("The quay\n\nParagraph 0:")
    assert out["cleaner"]["metadata"]["title"] == "The quay"


def test_changes_are_listed_under_cleaner_when_asked() -> None:
    [out] = _clean([{"text": SCRAPED}], with_changes=True)
    assert [c["rule"] for c in out["cleaner"]["changes"]] == ["ads.label"] and "changes" not in out


def test_a_pages_removed_elements_are_listed_apart_from_its_text_changes() -> None:
    page = PAGE.replace("</article>", "<div class='ad-slot'>Buy a boat today</div></article>")
    [out] = _clean([{"id": "p", "html": page}], with_changes=True)
    own = out["cleaner"]
    assert [r["rule"] for r in own["page_removals"]] == ["html.ads"] and "Buy a boat" in own["page_removals"][0]["text"]
    assert all(c["start"] or c["end"] for c in own["changes"])  # every text change has a place in the text
    assert own["stats"]["changes"]["html.ads"] == 1  # the counts by rule hold both


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                                      max_size=3), max_leaves=8)


@pytest.mark.property
@fuzz
@given(st.dictionaries(st.text(max_size=12).filter(lambda k: k not in ("text", "cleaner")), json_values,
                       max_size=6), st.text(max_size=200))
def test_every_field_of_every_record_comes_out(fields: dict, text: str) -> None:
    record = {**fields, "text": text}
    [out] = _clean([record])
    assert all(k in out and out[k] == v for k, v in fields.items())
    assert set(out) == set(record) | {"cleaner"}
