"""`cleaner clean`: files in, the same pipeline, files out, clear errors and exit codes."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest
import zstandard
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.manifest import recorded_inputs
from tests.listing import refuse_listing

SCRAPED = ("Tue, 21-Oct-2025\n\nGoogle Ads | Google Ads | Google Ads\n\nCouncil backs new depot\n\n"
           "The council met on Tuesday.\n\nAdvertisement\n\nIt voted to build a depot.\n")
CLEANED = "Council backs new depot\n\nThe council met on Tuesday.\n\nIt voted to build a depot.\n"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def make_tree(root: Path) -> Path:
    (root / "in" / "sub").mkdir(parents=True)
    (root / "in" / "a.txt").write_text(SCRAPED, encoding="utf-8")
    (root / "in" / "sub" / "b.txt").write_text("Advertisement\nSecond article body.\n", encoding="utf-8")
    (root / "in" / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    return root / "in"


def test_one_file_without_out_prints_cleaned_text(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(SCRAPED, encoding="utf-8")
    result = runner.invoke(app, ["clean", str(src)])
    assert result.exit_code == 0, result.output
    assert result.stdout == CLEANED
    assert src.read_text(encoding="utf-8") == SCRAPED  # the input is never modified


def test_stdin_to_stdout(runner: CliRunner) -> None:
    result = runner.invoke(app, ["clean", "-"], input=SCRAPED)
    assert result.exit_code == 0
    assert result.stdout == CLEANED


def test_jsonl_on_stdin_streams_cleaned_records_to_stdout(runner: CliRunner) -> None:
    lines = [json.dumps({"id": "a", "text": SCRAPED, "lang": "en"}), "{broken", json.dumps({"id": "b", "text": "x"})]
    result = runner.invoke(app, ["clean", "-"], input="\n".join(lines) + "\n")
    assert result.exit_code == 1  # one record failed, and it is named
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["id"], r["text"], r.get("lang")) for r in records] == [("a", CLEANED, "en"), ("b", "x", None)]
    assert "<stdin>:2" in result.stderr and "not valid JSON" in result.stderr


def test_directory_is_mirrored_under_out(runner: CliRunner, tmp_path: Path) -> None:
    source = make_tree(tmp_path)
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "a.txt").read_text(encoding="utf-8") == CLEANED
    assert (out / "sub" / "b.txt").read_text(encoding="utf-8") == "Second article body.\n"
    assert not (out / "image.png").exists()  # only text files are picked up from a folder
    assert not list(out.rglob("*.tmp"))  # atomic writes leave no temporary files


def test_include_and_exclude_choose_the_files_of_a_folder(runner: CliRunner, tmp_path: Path) -> None:
    source = make_tree(tmp_path)
    (source / "sub" / "c.txt").write_text("Advertisement\nThird body.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(source), "-o", str(out), "--exclude", "sub/b.txt", "-q"])
    assert result.exit_code == 0, result.output
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.txt")) == ["a.txt", "sub/c.txt"]

    result = runner.invoke(app, ["clean", str(source), "-o", str(tmp_path / "none"), "--include", "*.md"])
    assert result.exit_code == 2
    assert "after --include/--exclude" in result.output
    assert not (tmp_path / "none").exists()


def test_in_place_rewrites_text_and_jsonl_and_keeps_each_original(runner: CliRunner, tmp_path: Path) -> None:
    source = make_tree(tmp_path)
    dump = source / "dump.jsonl"
    dump.write_text(json.dumps({"id": "r1", "text": SCRAPED, "lang": "en"}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["clean", str(source), "--in-place", "--backup-suffix", ".orig", "-q"])
    assert result.exit_code == 0, result.output
    assert (source / "a.txt").read_text(encoding="utf-8") == CLEANED
    assert (source / "a.txt.orig").read_text(encoding="utf-8") == SCRAPED
    assert (source / "sub" / "b.txt.orig").read_text(encoding="utf-8") == "Advertisement\nSecond article body.\n"
    record = json.loads(dump.read_text(encoding="utf-8"))
    assert (record["id"], record["text"], record["lang"]) == ("r1", CLEANED, "en")
    assert json.loads((source / "dump.jsonl.orig").read_text(encoding="utf-8"))["text"] == SCRAPED
    assert (source / ".cleaner" / "report.json").exists()

    # Run again: nothing is redone, and the backups still hold the originals.
    result = runner.invoke(app, ["clean", str(source), "--in-place", "--backup-suffix", ".orig"])
    assert result.exit_code == 0, result.output
    assert "3 of 3 files were done already" in result.output
    assert (source / "a.txt.orig").read_text(encoding="utf-8") == SCRAPED


@pytest.mark.parametrize(("extra", "message"), [
    ([], "give --backup-suffix"),
    (["--backup-suffix", ".bak.txt"], "not read as an input"),
    (["--backup-suffix", ".gz"], "not read as an input"),  # dump.jsonl.gz would be read as gzip
    (["--backup-suffix", ".ZST"], "not read as an input"),
    (["--backup-suffix", ".orig", "--out", "elsewhere"], "exclude each other"),
    (["--backup-suffix", ".orig", "--format", "json"], "keeps each file's kind"),
])
def test_in_place_refuses_what_would_lose_or_confuse_data(runner: CliRunner, tmp_path: Path, extra: list[str],
                                                          message: str) -> None:
    source = make_tree(tmp_path)
    result = runner.invoke(app, ["clean", str(source), "--in-place", *extra])
    assert result.exit_code == 2
    assert message in result.output
    assert (source / "a.txt").read_text(encoding="utf-8") == SCRAPED
    assert not list(source.rglob("*.orig")) and not (source / ".cleaner").exists()


def test_in_place_deletes_no_file_of_the_users_whatever_its_name(runner: CliRunner, tmp_path: Path) -> None:
    source = make_tree(tmp_path)
    (source / ".git" / "objects").mkdir(parents=True)
    users = [source / ".git" / "objects" / ".pack.a1b2c3d4.tmp", source / "sub" / ".b.txt.k2j4h5g6.tmp"]
    for path in users:
        path.write_text("the user's", encoding="utf-8")
    result = runner.invoke(app, ["clean", str(source), "--in-place", "--backup-suffix", ".orig", "-q"])
    assert result.exit_code == 0, result.output
    assert (source / "a.txt").read_text(encoding="utf-8") == CLEANED
    assert all(p.read_text(encoding="utf-8") == "the user's" for p in users)


def test_in_place_leaves_html_to_out(runner: CliRunner, tmp_path: Path) -> None:
    source = make_tree(tmp_path)
    (source / "page.html").write_text("<html><body><p>Hello there.</p></body></html>", encoding="utf-8")
    result = runner.invoke(app, ["clean", str(source), "--in-place", "--backup-suffix", ".orig"])
    assert result.exit_code == 2
    assert "text and JSONL files only" in result.output and "page.html" in result.output
    assert (source / "a.txt").read_text(encoding="utf-8") == SCRAPED
    result = runner.invoke(app, ["clean", str(source), "--in-place", "--backup-suffix", ".orig",
                                 "--exclude", "*.html", "-q"])
    assert result.exit_code == 0, result.output
    assert (source / "a.txt").read_text(encoding="utf-8") == CLEANED


def test_directory_without_out_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["clean", str(make_tree(tmp_path))])
    assert result.exit_code == 2
    assert "--out" in result.stderr


def test_json_format_carries_text_metadata_and_changes(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(SCRAPED, encoding="utf-8")
    result = runner.invoke(app, ["clean", str(src), "--format", "json"])
    record = json.loads(result.stdout)
    assert record["text"] == CLEANED
    assert record["metadata"]["scraped_date"] == "2025-10-21"
    assert {c["rule"] for c in record["changes"]} >= {"ads.banner", "ads.label", "structure.header-date"}
    out = tmp_path / "out"
    runner.invoke(app, ["clean", str(src), "--out", str(out), "--format", "json"])
    assert json.loads((out / "a.json").read_text(encoding="utf-8"))["text"] == CLEANED


def test_rules_options_and_disable(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(SCRAPED, encoding="utf-8")
    rules = tmp_path / "mine.toml"
    rules.write_text('extends = ["default"]\n[[rules]]\nid = "mine.depot"\nkind = "regex"\n'
                     'pattern = "depot"\nreplace = "garage"\n', encoding="utf-8")
    result = runner.invoke(app, ["clean", str(src), "--rules", str(rules), "--disable", "ads.label"])
    assert result.exit_code == 0, result.output
    assert "build a garage" in result.stdout
    assert "Advertisement" in result.stdout


@pytest.mark.bad_input
def test_bad_rule_file_exits_2_and_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    source = make_tree(tmp_path)
    bad = tmp_path / "bad.toml"
    bad.write_text('[[rules]]\nid = "x"\nkind = "regex"\npattern = "(unclosed"\n', encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(source), "--out", str(out), "--rules", str(bad)])
    assert result.exit_code == 2
    assert "bad.toml" in result.stderr and "'x'" in result.stderr and "position" in result.stderr
    assert not out.exists()


def test_unreadable_input_is_named_and_the_rest_still_written(runner: CliRunner, tmp_path: Path) -> None:
    source = make_tree(tmp_path)
    (source / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00")
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(source), "--out", str(out)])
    assert result.exit_code == 1
    assert "broken.txt" in result.stderr
    assert (out / "a.txt").exists() and (out / "sub" / "b.txt").exists()


@pytest.mark.bad_input
def test_legacy_encoding_is_decoded_not_rejected(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "latin.txt"
    src.write_bytes("Café société, déjà vu à Genève; très bien.\n".encode("cp1252"))
    result = runner.invoke(app, ["clean", str(src)])
    assert result.exit_code == 0
    assert "Café société" in result.stdout


def test_missing_input_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["clean", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "nope.txt" in result.stderr


def test_out_equal_to_input_never_overwrites(runner: CliRunner, tmp_path: Path) -> None:
    source = make_tree(tmp_path)
    result = runner.invoke(app, ["clean", str(source), "--out", str(source)])
    assert result.exit_code == 2  # refused before any work, not file by file
    assert "is the input folder" in result.stderr
    assert (source / "a.txt").read_text(encoding="utf-8") == SCRAPED
    assert not (source / ".cleaner").exists()


def test_folder_run_renders_archive_titles_and_reports_unknown_tags(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "site"
    source.mkdir()
    (source / "harbour-ferry.txt").write_text("Mon, 03-Nov-2025\n\nHarbour ferry sails again\n\nBody.\n",
                                              encoding="utf-8")
    (source / "town.txt").write_text(
        "Town news\n\nFirst paragraph.\n\n[embedpost slug=”harbour-ferry”]\n\n[embedpost slug=”gone-story”]\n\n"
        '[mystery_box colour="red"]\n\nLast paragraph.\n', encoding="utf-8")
    rules = tmp_path / "related.toml"
    rules.write_text('extends = ["default"]\n[[rules]]\nid = "shortcodes.resolve"\n[rules.tags]\n'
                     'embedpost = { action = "template", template = "Related: {slug|archive_title}", '
                     'fallback = "Related: {slug|title}" }\n', encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(source), "--out", str(out), "--rules", str(rules)])
    assert result.exit_code == 0, result.output
    assert (out / "town.txt").read_text(encoding="utf-8") == (
        "Town news\n\nFirst paragraph.\n\nRelated: Harbour ferry sails again\n\nRelated: Gone Story\n\n"
        "Last paragraph.\n")
    assert "mystery_box" in result.stderr and "unknown shortcode tags" in result.stderr


HTML_PAGE = ("<!doctype html><html><head><meta charset='utf-8'><title>Quay news</title></head><body>"
             "<nav>Home | News | Sport</nav><article><h1>Quay reopens</h1>"
             + "".join(f"<p>Paragraph {i}: the quay reopened after the storm repairs, and the fishing boats "
                       f"returned to their moorings on the morning tide.</p>" for i in range(6))
             + "<div class='ad-container'>Buy Zenith Loans</div></article><footer>Contact us</footer></body></html>")


def test_html_folder_is_extracted_into_mirrored_text_markdown_and_json(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "site" / "2025"
    source.mkdir(parents=True)
    (source / "quay.html").write_text(HTML_PAGE, encoding="utf-8")
    for fmt, suffix in (("text", ".txt"), ("markdown", ".md"), ("json", ".json")):
        out = tmp_path / f"out-{fmt}"
        result = runner.invoke(app, ["clean", str(tmp_path / "site"), "--out", str(out), "--format", fmt])
        assert result.exit_code == 0, result.output
        written = (out / "2025" / f"quay{suffix}").read_text(encoding="utf-8")
        if fmt == "json":
            written = json.loads(written)["text"]  # the change records name what was removed
        assert "Paragraph 5: the quay reopened" in written
        assert "Zenith" not in written and "Contact us" not in written
    record = json.loads((tmp_path / "out-json" / "2025" / "quay.json").read_text(encoding="utf-8"))
    assert record["metadata"]["title"] and record["metadata"]["extractor"].startswith("trafilatura")
    assert any(r["rule"] == "html.ads" for r in record["page_removals"])  # elements, apart from text edits


def test_one_html_file_to_stdout_and_extractor_choice(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "quay.htm"
    page.write_text(HTML_PAGE, encoding="utf-8")
    for extractor in ("auto", "trafilatura", "readability"):
        result = runner.invoke(app, ["clean", str(page), "--extractor", extractor, "--no-title"])
        assert result.exit_code == 0, result.output
        assert "Paragraph 0: the quay reopened" in result.stdout
    bad = runner.invoke(app, ["clean", str(page), "--extractor", "boilerpipe"])
    assert bad.exit_code == 2 and "--extractor" in bad.stderr


def test_html_on_stdin_is_recognised(runner: CliRunner) -> None:
    result = runner.invoke(app, ["clean", "-"], input=HTML_PAGE)
    assert result.exit_code == 0
    assert "Paragraph 3: the quay reopened" in result.stdout and "<p>" not in result.stdout


def test_filter_list_option_removes_the_listed_elements(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "quay.html"
    strip = ("<p class='partner-strip'>Partner offers galore: the harbour credit union lends to every "
             "fisherman on the quay this winter, with repayments after the spring season.</p>")
    page.write_text(HTML_PAGE.replace("<p>Paragraph 3", strip + "<p>Paragraph 3"), encoding="utf-8")
    kept = runner.invoke(app, ["clean", str(page)])
    assert "Partner offers galore" in kept.stdout
    listed = tmp_path / "list.txt"
    listed.write_text("! my list\n##.partner-strip\n", encoding="utf-8")
    result = runner.invoke(app, ["clean", str(page), "--filter-list", str(listed)])
    assert result.exit_code == 0 and "Partner offers galore" not in result.stdout
    missing = runner.invoke(app, ["clean", str(page), "--filter-list", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 2 and "cannot read filter list" in missing.stderr


def test_jsonl_and_warc_archives_become_jsonl_with_rejects(runner: CliRunner, tmp_path: Path) -> None:
    import gzip as gz

    from tests.readers.test_records import make_warc

    source = tmp_path / "crawl"
    (source / "a").mkdir(parents=True)
    lines = [json.dumps({"id": "n1", "text": "Tue, 21-Oct-2025\n\nAds | Ads | Ads\n\nThe quay reopened.", "site": "x"}),
             "{not json", json.dumps({"id": "n3", "html": HTML_PAGE, "url": "https://example.org/quay"})]
    (source / "a" / "dump.jsonl.gz").write_bytes(gz.compress(("\n".join(lines) + "\n").encode()))
    make_warc(source / "a" / "crawl.warc.gz", gzipped=True)
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(source), "--out", str(out), "--changes"])
    assert result.exit_code == 1  # one record failed, the rest were written
    dump = [json.loads(line) for line in gz.decompress((out / "a" / "dump.jsonl.gz").read_bytes()).splitlines()]
    assert [r["id"] for r in dump] == ["n1", "n3"]
    assert dump[0]["text"] == "The quay reopened." and dump[0]["site"] == "x" and dump[0]["cleaner"]["changes"]
    assert dump[0]["cleaner"]["metadata"]["scraped_date"] == "2025-10-21"
    assert "Paragraph 5: the quay reopened" in dump[1]["text"] and dump[1]["url"] == "https://example.org/quay"
    crawl = [json.loads(line) for line in gz.decompress((out / "a" / "crawl.jsonl.gz").read_bytes()).splitlines()]
    assert len(crawl) == 1 and crawl[0]["url"] == "https://example.org/quay" and "@" in crawl[0]["cleaner"]["source"]
    assert "Paragraph 4" in crawl[0]["text"]
    rejects = [json.loads(line) for line in (out / ".cleaner" / "rejects.jsonl").read_text().splitlines()]
    assert len(rejects) == 1 and rejects[0]["source"].endswith("dump.jsonl.gz:2") and "JSON" in rejects[0]["reason"]
    assert not list(out.rglob("*.tmp*"))
    assert not (out / ".cleaner" / "shards").exists()  # an archive's checkpoints go when it is whole


def test_out_ending_in_jsonl_collects_every_document_into_one_file(runner: CliRunner, tmp_path: Path) -> None:
    import gzip as gz

    source = make_tree(tmp_path)
    (source / "sub" / "dump.jsonl").write_text(json.dumps({"id": "r1", "text": SCRAPED}) + "\n"
                                               + json.dumps({"id": "r2", "text": "Advertisement\nLast.\n"}) + "\n",
                                               encoding="utf-8")
    out = tmp_path / "all.jsonl.gz"
    result = runner.invoke(app, ["clean", str(source), "-o", str(out), "-q", "-j", "2"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in gz.decompress(out.read_bytes()).splitlines()]
    assert [(Path(r["cleaner"]["source"]).name, r["text"]) for r in records] == [
        ("a.txt", CLEANED), ("b.txt", "Second article body.\n"), ("dump.jsonl:1", CLEANED), ("dump.jsonl:2", "Last.\n")]
    assert records[0]["id"] == str(source / "a.txt") and records[2]["id"] == "r1"
    state = tmp_path / "all.jsonl.gz.cleaner"
    assert (state / "report.json").exists() and (state / "rejects.jsonl").read_text() == ""
    first = out.read_bytes()

    (source / "b.txt").write_text("Advertisement\nAdded later.\n", encoding="utf-8")
    result = runner.invoke(app, ["clean", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "3 of 4 files were done already" in result.output
    texts = [json.loads(line)["text"] for line in gz.decompress(out.read_bytes()).splitlines()]
    assert texts == [CLEANED, "Added later.\n", "Second article body.\n", CLEANED, "Last.\n"]
    assert out.read_bytes() != first


def test_one_jsonl_file_streams_records_to_stdout(runner: CliRunner, tmp_path: Path) -> None:
    dump = tmp_path / "d.jsonl"
    dump.write_text(json.dumps({"text": "Advertisement\n\nWords stay."}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["clean", str(dump)])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["text"] == "Words stay.\n" or json.loads(result.stdout)["text"] == "Words stay."


def test_jobs_give_the_same_outputs_and_the_run_is_reported(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "site"
    (source / "b").mkdir(parents=True)
    for i in range(6):
        (source / f"t{i}.txt").write_text(f"Advertisement\n\nStory {i}; which ran long.\n", encoding="utf-8")
        (source / "b" / f"p{i}.html").write_text(HTML_PAGE.replace("Quay reopens", f"Quay reopens {i}"),
                                                  encoding="utf-8")
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        report = tmp_path / f"report{jobs}.json"
        result = runner.invoke(app, ["clean", str(source), "--out", str(out), "--jobs", jobs,
                                     "--report", str(report)])
        assert result.exit_code == 0, result.output
        outputs[jobs] = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
                         if p.is_file() and STATE not in p.parts}
        summary = json.loads(report.read_text(encoding="utf-8"))
        assert summary["documents"] == {"in": 12, "written": 12, "failed": 0, "changed": 12}
        assert summary["rules_hit"]["ads.label"]["documents"] == 6
        assert summary["rules_hit"]["html.ads"]["documents"] == 6
        assert json.loads((out / ".cleaner" / "report.json").read_text(encoding="utf-8"))["files"] == 12
    assert outputs["1"] == outputs["2"] and len(outputs["1"]) == 12


STATE = ".cleaner"


def test_rerun_skips_finished_files_and_redoes_changed_ones(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    for i in range(4):
        (source / f"t{i}.txt").write_text(f"Advertisement\n\nStory {i}.\n", encoding="utf-8")
    (source / "d.jsonl").write_text('{"text": "ok"}\n{broken\n', encoding="utf-8")
    out = tmp_path / "out"
    first = runner.invoke(app, ["clean", str(source), "--out", str(out), "--jobs", "1"])
    assert first.exit_code == 1  # the broken JSONL line
    stamp = (out / "t0.txt").stat().st_mtime_ns
    (source / "t3.txt").write_text("Advertisement\n\nStory three, revised.\n", encoding="utf-8")
    second = runner.invoke(app, ["clean", str(source), "--out", str(out), "--jobs", "1"])
    assert "resumed: 4 of 5 files were done already" in second.stderr
    assert (out / "t0.txt").stat().st_mtime_ns == stamp  # not written again
    assert (out / "t3.txt").read_text(encoding="utf-8") == "Story three, revised.\n"
    rejects = (out / ".cleaner" / "rejects.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(rejects) == 1 and "d.jsonl:2" in rejects[0]  # still reported after the resume
    third = runner.invoke(app, ["clean", str(source), "--out", str(out), "--jobs", "1", "--disable", "ads.label"])
    assert "resumed" not in third.stderr  # another rule set: everything again
    assert (out / "t0.txt").read_text(encoding="utf-8").startswith("Advertisement")


@pytest.mark.fault
def test_a_rerun_clears_what_a_killed_run_left_half_written(runner: CliRunner, tmp_path: Path) -> None:
    source = make_tree(tmp_path)
    out = tmp_path / "out"
    assert runner.invoke(app, ["clean", str(source), "-o", str(out), "-q"]).exit_code == 0
    from cleaner.writers.atomic import new_temporary

    fd, name = new_temporary(out / "sub" / "b.txt")
    os.write(fd, b"Second art")  # as a kill mid-write leaves it
    os.close(fd)
    half = Path(name)
    assert runner.invoke(app, ["clean", str(source), "-o", str(out), "-q"]).exit_code == 0
    assert not half.exists()
    assert (out / "sub" / "b.txt").read_text(encoding="utf-8") == "Second article body.\n"


def test_a_rule_skipped_on_a_document_is_listed_and_the_document_still_written(runner: CliRunner,
                                                                               tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "slow.txt").write_text("Advertisement\n" + "a" * 40 + "b\nEnd.\n", encoding="utf-8")
    (source / "fine.txt").write_text("Advertisement\nFine.\n", encoding="utf-8")
    rules = tmp_path / "slow.toml"
    rules.write_text('extends = ["default"]\n[[rules]]\nid = "my.slow"\nkind = "regex"\n'
                     'pattern = "(a|a)+$"\nreplace = "X"\ntimeout_ms = 20\n', encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(source), "-o", str(out), "-r", str(rules), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert (out / "slow.txt").read_text(encoding="utf-8").startswith("aaaa")  # written, ad label gone
    [line] = (out / ".cleaner" / "warnings.jsonl").read_text(encoding="utf-8").splitlines()
    assert "slow.txt" in line and "'my.slow' skipped" in line
    assert json.loads((out / ".cleaner" / "report.json").read_text(encoding="utf-8"))["warnings"] == 1
    assert "warning:" in result.output


@pytest.mark.bad_input
def test_documents_over_the_size_limit_are_rejected_unread(runner: CliRunner, tmp_path: Path) -> None:
    source = make_tree(tmp_path)
    (source / "big.txt").write_text("Advertisement\n" + "A long line of story text. " * 100, encoding="utf-8")
    (source / "big.html").write_text("<html><body><p>" + "Story text. " * 300 + "</p></body></html>",
                                     encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(source), "-o", str(out), "--max-document-mb", "0.002", "-q"])
    assert result.exit_code == 1
    rejects = {Path(r["source"]).name: r["reason"] for r in map(json.loads, (out / ".cleaner" / "rejects.jsonl")
                                                                .read_text(encoding="utf-8").splitlines())}
    assert sorted(rejects) == ["big.html", "big.txt"]
    assert "limit per document" in rejects["big.txt"] and "--max-document-mb" in rejects["big.html"]
    assert (out / "a.txt").read_text(encoding="utf-8") == CLEANED  # the small ones are cleaned


@pytest.mark.fault
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_full_disk_stops_the_run_cleanly_and_a_rerun_finishes(runner: CliRunner, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch, jobs: str) -> None:
    import errno

    import cleaner.task.run as local

    source = tmp_path / "in"
    source.mkdir()
    for i in range(12):
        (source / f"{i:02}.txt").write_text(f"Advertisement\nStory {i}.\n", encoding="utf-8")
    real = local.atomic_write_text

    def write(path, text):
        if Path(path).name == "07.txt":
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, text)

    monkeypatch.setattr(local, "atomic_write_text", write)
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(source), "-o", str(out), "-j", jobs, "-q"])
    assert result.exit_code == 3, result.output
    assert "no space left" in result.output and "run the same command again" in result.output
    assert not (out / "07.txt").exists() and not list(out.rglob("*.tmp"))
    recorded = recorded_inputs(out / ".cleaner")
    assert recorded and str(source / "07.txt") not in recorded
    assert all(Path(entry["target"]).exists() for entry in recorded.values())

    monkeypatch.setattr(local, "atomic_write_text", real)  # space freed
    result = runner.invoke(app, ["clean", str(source), "-o", str(out), "-j", jobs, "-q"])
    assert result.exit_code == 0, result.output
    assert [(out / f"{i:02}.txt").read_text(encoding="utf-8") for i in range(12)] == [
        f"Story {i}.\n" for i in range(12)]


@pytest.mark.bad_input
def test_names_inside_archives_never_become_paths(runner: CliRunner, tmp_path: Path) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    source = tmp_path / "in"
    source.mkdir()
    hostile = ["../../escaped.txt", "/etc/escaped", "a\x00b", "x" * 5000]
    (source / "dump.jsonl").write_text("".join(json.dumps({"id": name, "url": name, "text": "A story.\n"}) + "\n"
                                               for name in hostile), encoding="utf-8")
    with (source / "crawl.warc.gz").open("wb") as raw:
        writer = WARCWriter(raw, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        page = b"<html><body><article><p>" + b"A story about the harbour and the ferry. " * 10 + b"</p></article></body></html>"
        # (warcio reads HTTP headers only for http(s) URIs; a response under any other scheme
        # is no HTTP response and is skipped.)
        writer.write_record(writer.create_warc_record("https://example.org/../../escaped-warc.txt", "response",
                                                      payload=io.BytesIO(page), http_headers=headers))
    out = tmp_path / "work" / "out"
    result = runner.invoke(app, ["clean", str(source), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()
                     and not p.is_relative_to(source))
    assert [w for w in written if "/.cleaner/" not in w] == ["work/out/crawl.jsonl.gz", "work/out/dump.jsonl"]
    ids = [json.loads(line)["id"] for line in (out / "dump.jsonl").read_text(encoding="utf-8").splitlines()]
    assert ids == hostile  # kept as data, untouched
    import gzip

    [crawl] = [json.loads(line) for line in gzip.decompress((out / "crawl.jsonl.gz").read_bytes()).splitlines()]
    assert crawl["url"] == "https://example.org/../../escaped-warc.txt"


@pytest.mark.bad_input
def test_a_folder_of_bad_inputs_is_cleaned_or_rejected_file_by_file(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    story = "".join(f"<p>Paragraph {i}: the ferry timetable changes next week, the café said.</p>" for i in range(6))
    cases = {
        "empty.txt": b"",
        "empty.html": b"",
        "image.html": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        "bad-utf8.txt": SCRAPED.encode() + b"\xff\xfe\xc3\x28\n",
        "utf16-no-bom.txt": SCRAPED.encode("utf-16-le"),
        "wrong-charset.html": f'<html><head><meta charset="utf-8"></head><body><article>{story}</article>'
                              "</body></html>".encode("cp1252"),
        "unclosed.html": f"<html><body><div><p>Unclosed <b>bold <i>italic {story}".encode(),
        "scripts.html": b"<html><body>" + b"<script>track()</script>" * 40 + b"</body></html>",
        "zz-good.txt": SCRAPED.encode(),
    }
    for name, data in cases.items():
        (source / name).write_bytes(data)
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(source), "-o", str(out), "-q"])
    assert result.exit_code == 1
    rejected = {Path(r["source"]).name: r["reason"] for r in
                map(json.loads, (out / ".cleaner" / "rejects.jsonl").read_text(encoding="utf-8").splitlines())}
    assert sorted(rejected) == ["empty.html", "image.html", "scripts.html"]
    assert "binary" in rejected["image.html"] and "no article" in rejected["scripts.html"]
    assert (out / "empty.txt").read_text(encoding="utf-8") == ""
    assert (out / "utf16-no-bom.txt").read_text(encoding="utf-8") == CLEANED
    assert (out / "zz-good.txt").read_text(encoding="utf-8") == CLEANED
    assert "the café said" in (out / "wrong-charset.txt").read_text(encoding="utf-8")
    assert "Paragraph 5" in (out / "unclosed.txt").read_text(encoding="utf-8")
    assert (out / "bad-utf8.txt").read_text(encoding="utf-8").startswith(CLEANED.split("\n")[0])


def test_a_resumed_run_reports_the_whole_batch(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text(SCRAPED, encoding="utf-8")
    (source / "d.jsonl").write_text(json.dumps({"text": SCRAPED}) + "\n{broken\n", encoding="utf-8")
    out = tmp_path / "out"
    first = runner.invoke(app, ["clean", str(source), "-o", str(out), "-q"])
    assert first.exit_code == 1
    report = json.loads((out / ".cleaner" / "report.json").read_text(encoding="utf-8"))
    second = runner.invoke(app, ["clean", str(source), "-o", str(out)])
    assert second.exit_code == 1  # the rejected record is still reported
    assert "2 of the files by an earlier run" in second.output
    again = json.loads((out / ".cleaner" / "report.json").read_text(encoding="utf-8"))
    for key in ("files", "documents", "bytes"):
        assert again[key] == report[key], key
    assert again["documents"] == {"in": 3, "written": 2, "failed": 1, "changed": 2}
    assert again["resumed"] == {"files": 2, "documents": 3} and report["resumed"] == {"files": 0, "documents": 0}
    assert len((out / ".cleaner" / "rejects.jsonl").read_text(encoding="utf-8").splitlines()) == 1


def test_dry_run_counts_and_samples_but_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    source = make_tree(tmp_path)
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(source), "--dry-run", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "nothing written" in result.stdout and "ads.banner" in result.stdout
    assert "sample changes:" in result.stdout
    assert not out.exists() and not (source / ".cleaner").exists()
    assert sorted(p.name for p in source.rglob("*")) == ["a.txt", "b.txt", "image.png", "sub"]


@pytest.mark.bad_input
def test_a_folder_that_cannot_be_listed_fails_the_run_and_is_a_reject(runner: CliRunner, tmp_path: Path,
                                                                       monkeypatch) -> None:
    source = tmp_path / "in"
    (source / "locked").mkdir(parents=True)
    (source / "a.txt").write_text("A body.\n", encoding="utf-8")
    refuse_listing(monkeypatch, source / "locked")
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(source), "--out", str(out), "-q"])
    assert result.exit_code == 1
    assert (out / "a.txt").is_file()
    rejects = (out / ".cleaner" / "rejects.jsonl").read_text(encoding="utf-8")
    assert "locked" in rejects and "cannot read this folder" in rejects


@pytest.mark.bad_input
@pytest.mark.parametrize("compress", [gzip.compress, lambda data: zstandard.ZstdCompressor().compress(data)],
                         ids=["gzip", "zstd"])
@pytest.mark.parametrize("jsonl", [True, False], ids=["jsonl", "document"])
def test_a_truncated_stream_on_stdin_keeps_what_came_before_and_says_it_ends_early(
        runner: CliRunner, compress, jsonl: bool) -> None:
    if jsonl:
        data = "".join(json.dumps({"id": i, "text": f"Story {i} of the quay, told at length. " * 20}) + "\n"
                       for i in range(2000)).encode()
    else:
        data = ("Story of the quay, told at length. " * 20 + "\n\n").encode() * 200
    whole = compress(data)
    result = runner.invoke(app, ["clean", "-"], input=whole[: len(whole) // 2])
    assert result.exit_code == 1, result.output
    assert "Aborted" not in result.output and "Traceback" not in result.output
    assert "<stdin>" in result.stderr and "Is the input complete?" in result.stderr
    if jsonl:
        written = [json.loads(line)["id"] for line in result.stdout.splitlines()]
        assert written and written == list(range(len(written)))  # what came before the break
    else:
        assert result.stdout == ""  # one document, and it is not whole: nothing written


# Standard input takes the options a batch takes, or refuses them: none is silently ignored.

def _stream(count: int, *, broken_at: int | None = None) -> str:
    lines = [json.dumps({"id": f"r{i}", "url": f"https://example.org/{i}",
                         "text": SCRAPED.replace("new depot", f"new depot {i}")}) for i in range(count)]
    if broken_at is not None:
        lines.insert(broken_at, "{broken")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("stdin", [_stream(3), SCRAPED], ids=["jsonl", "document"])
def test_dry_run_on_stdin_cleans_and_counts_but_writes_no_record(runner: CliRunner, stdin: str) -> None:
    result = runner.invoke(app, ["clean", "-", "--dry-run"], input=stdin)
    assert result.exit_code == 0, result.output
    count = 3 if stdin.startswith("{") else 1
    assert result.stdout.startswith(f"dry run: {count} documents in 1 files; {count} would change, 0 would fail; "
                                    "nothing written\n")
    assert "ads.label" in result.stdout and "sample changes:" in result.stdout
    assert "Council backs new depot" not in result.stdout  # no record, no cleaned text
    assert not any(line.startswith("{") for line in result.stdout.splitlines())


def test_report_on_stdin_is_the_report_a_batch_writes(runner: CliRunner, tmp_path: Path) -> None:
    stream = _stream(4, broken_at=2)
    (tmp_path / "dump.jsonl").write_text(stream, encoding="utf-8")
    batch = runner.invoke(app, ["clean", str(tmp_path / "dump.jsonl"), "--out", str(tmp_path / "out"), "-q",
                                "--report", str(tmp_path / "batch.json")])
    assert batch.exit_code == 1, batch.output
    (tmp_path / "reports").mkdir()
    report = tmp_path / "reports" / "stdin.json"
    result = runner.invoke(app, ["clean", "-", "--report", str(report)], input=stream)
    assert result.exit_code == 1 and "<stdin>:3" in result.stderr  # the broken record, named
    assert len(result.stdout.splitlines()) == 4
    assert [p.name for p in report.parent.iterdir()] == ["stdin.json"]  # written whole, no temporary left
    ours = json.loads(report.read_text(encoding="utf-8"))
    theirs = json.loads((tmp_path / "batch.json").read_text(encoding="utf-8"))
    assert ours.keys() == theirs.keys()
    for key in ("files", "documents", "rules_hit", "kept_share_histogram", "top_removed_lines", "warnings",
                "skipped", "rules"):
        assert ours[key] == theirs[key], key
    # Bytes in: the stream's, as the file's size; out: what was written (its sources name <stdin>).
    assert ours["bytes"] == {"in": len(stream.encode()), "out": len(result.stdout_bytes)}
    assert ours["documents"] == {"in": 5, "written": 4, "failed": 1, "changed": 4}
    assert [s["source"] for s in ours["sample_changes"]] == ["<stdin>:1"] * len(ours["sample_changes"])


def test_report_on_stdin_counts_one_document_and_its_failure(runner: CliRunner, tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    result = runner.invoke(app, ["clean", "-", "--report", str(report)], input=SCRAPED)
    assert result.exit_code == 0 and result.stdout == CLEANED
    assert json.loads(report.read_text(encoding="utf-8"))["documents"] == {"in": 1, "written": 1, "failed": 0,
                                                                           "changed": 1}
    result = runner.invoke(app, ["clean", "-", "--report", str(report), "--max-document-mb", "0.001"],
                           input=SCRAPED * 100)
    assert result.exit_code == 1 and result.stdout == "" and "0.001 MB limit" in result.stderr
    assert json.loads(report.read_text(encoding="utf-8"))["documents"] == {"in": 1, "written": 0, "failed": 1,
                                                                           "changed": 0}


def test_jobs_on_stdin_clean_the_stream_in_worker_processes_in_input_order(runner: CliRunner,
                                                                         monkeypatch) -> None:
    import cleaner.engine.stream as stream_module

    pools = []

    class Spied(stream_module.ProcessPoolExecutor):
        def __init__(self, max_workers=None, **kwargs):
            pools.append(max_workers)
            super().__init__(max_workers, **kwargs)

    monkeypatch.setattr(stream_module, "ProcessPoolExecutor", Spied)
    monkeypatch.setattr(stream_module, "CHUNK_RECORDS", 7)  # many chunks, finishing in any order
    stream = _stream(120, broken_at=50)
    outputs = {}
    for jobs in ("1", "3"):
        result = runner.invoke(app, ["clean", "-", "--jobs", jobs], input=stream)
        assert result.exit_code == 1, result.output
        assert "<stdin>:51" in result.stderr and "not valid JSON" in result.stderr
        outputs[jobs] = result.stdout
    # One process for --jobs 1; for --jobs 3 three workers, or one a core where there are fewer.
    workers = min(3, os.cpu_count() or 1)
    assert pools == ([workers] if workers > 1 else [])
    assert outputs["1"] == outputs["3"]
    assert [json.loads(line)["url"] for line in outputs["3"].splitlines()] == \
        [f"https://example.org/{i}" for i in range(120)]


def test_a_parallel_stream_is_read_a_bounded_window_ahead_never_whole(monkeypatch) -> None:
    import cleaner.engine.stream as stream_module
    from cleaner.readers.records import Record
    from cleaner.task.settings import Settings

    monkeypatch.setattr(stream_module, "CHUNK_RECORDS", 5)
    read = 0

    def records():
        nonlocal read
        for i in range(2000):
            read += 1
            yield Record(f"<stdin>:{i + 1}", text=f"Advertisement\n\nStory {i}.\n", fields={"n": i},
                         read_from="text")

    steps = stream_module.clean_stream(records(), Settings(), jobs=2)
    first = next(steps)
    window = stream_module.window_of(2)
    assert read <= (window + 1) * 5, read  # what is in flight, not the stream
    lines = list(first.lines) + [line for step in steps for line in step.lines]
    assert [json.loads(line)["n"] for line in lines] == list(range(2000))


@pytest.mark.parametrize("options, named", [
    (["--out", "cleaned"], "--out"),
    (["--out", "all.jsonl"], "--out"),
    (["--include", "*.txt"], "--include"),
    (["--exclude", "tag"], "--exclude"),
    (["--follow-symlinks"], "--follow-symlinks"),
    (["--learn-boilerplate"], "--learn-boilerplate"),
    (["--engine", "ray"], "--engine ray"),
    (["--address", "auto"], "--address"),
    (["--backup-suffix", ".orig"], "--backup-suffix"),
], ids=lambda v: v if isinstance(v, str) else None)
def test_options_standard_input_cannot_take_are_refused_not_ignored(runner: CliRunner, tmp_path: Path, monkeypatch,
                                                                    options: list[str], named: str) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["clean", "-", *options], input=_stream(2))
    assert result.exit_code == 2, result.output
    assert result.stdout == "" and named in result.stderr and "standard input" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_standard_input_among_files_is_refused_with_the_reason(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SCRAPED, encoding="utf-8")
    result = runner.invoke(app, ["clean", "-", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out")],
                           input=SCRAPED)
    assert result.exit_code == 2 and "'-' reads standard input" in result.stderr
    assert not (tmp_path / "out").exists()


def test_saved_boilerplate_counts_apply_to_standard_input(runner: CliRunner, tmp_path: Path) -> None:
    counts = tmp_path / "boilerplate.json"
    counts.write_text(json.dumps({"example.org": {"documents": 10, "lines": {"council backs new depot 0": 9}}}),
                      encoding="utf-8")
    stream = _stream(3)
    plain = runner.invoke(app, ["clean", "-"], input=stream)
    learned = runner.invoke(app, ["clean", "-", "--boilerplate", str(counts)], input=stream)
    assert plain.exit_code == learned.exit_code == 0, learned.output
    assert all("Council backs new depot" in json.loads(line)["text"] for line in plain.stdout.splitlines())
    # "new depot 1" and "new depot 2" fold to one line key with "new depot 0": digits are folded.
    assert all("Council backs new depot" not in json.loads(line)["text"] for line in learned.stdout.splitlines())
    bad = runner.invoke(app, ["clean", "-", "--boilerplate", str(tmp_path / "missing.json")], input=stream)
    assert bad.exit_code == 2 and "--boilerplate" in bad.stderr and bad.stdout == ""


def test_the_command_names_its_own_flags_for_a_page_without_an_article_or_past_its_time(runner: CliRunner,
                                                                                        tmp_path: Path) -> None:
    page = "<html><body>" + "<script>track('x')</script>" * 50 + "</body></html>"
    result = runner.invoke(app, ["clean", "-"], input=page)
    assert result.exit_code == 1
    assert "--no-article text keeps the page's visible text instead" in result.stderr
    assert "no_article" not in result.stderr
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "tracker.html").write_text(page, encoding="utf-8")
    result = runner.invoke(app, ["clean", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-q"])
    rejects = (tmp_path / "out" / ".cleaner" / "rejects.jsonl").read_text(encoding="utf-8")
    assert result.exit_code == 1 and "--no-article text" in rejects and "no_article" not in rejects


@pytest.mark.skipif(__import__("multiprocessing").get_start_method() != "fork" or (os.cpu_count() or 1) < 2,
                    reason="the poison is patched in before the workers fork; workers need two cores")
def test_a_record_that_kills_its_worker_costs_its_chunk_not_the_stream(monkeypatch) -> None:
    import cleaner.engine.stream as stream_module
    from cleaner.readers.records import Record
    from cleaner.task.settings import Settings

    parent = os.getpid()
    real = stream_module.clean_records

    def poisoned(cleaner, records, settings, stats):
        records = list(records)
        if os.getpid() != parent and any("POISON" in (r.text or "") for r in records):
            os._exit(1)  # as a worker killed for its memory dies: no exception, no result
        return real(cleaner, records, settings, stats)

    monkeypatch.setattr(stream_module, "clean_records", poisoned)
    monkeypatch.setattr(stream_module, "CHUNK_RECORDS", 5)
    records = [Record(f"<stdin>:{i + 1}", text="POISON\n" if i == 12 else f"Story {i}.\n", fields={"n": i},
                      read_from="text") for i in range(30)]
    steps = list(stream_module.clean_stream(records, Settings(), jobs=2))
    written = [json.loads(line)["n"] for step in steps for line in step.lines]
    assert written == [n for n in range(30) if not 10 <= n < 15]
    [reject] = [r for step in steps for r in step.rejects]
    assert reject["source"] == "<stdin>:11 .. <stdin>:15" and "died twice" in reject["reason"]


def test_output_field_takes_the_cleaned_text_and_the_original_stays(runner: CliRunner, tmp_path: Path) -> None:
    line = {"id": "a1", "source": "common-crawl", "raw_content": SCRAPED}
    dump = tmp_path / "in" / "dump.jsonl"
    dump.parent.mkdir()
    dump.write_text(json.dumps(line) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["clean", str(dump.parent), "-o", str(tmp_path / "out"), "-q",
                                 "--text-field", "raw_content", "--output-field", "clean"])
    assert result.exit_code == 0, result.output
    [record] = [json.loads(x) for x in (tmp_path / "out" / "dump.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {k: record[k] for k in line} == line and record["clean"] == CLEANED
    piped = runner.invoke(app, ["clean", "-", "--text-field", "raw_content"], input=json.dumps(line) + "\n")
    assert piped.exit_code == 0 and json.loads(piped.stdout)["raw_content"] == CLEANED
    assert json.loads(piped.stdout)["source"] == "common-crawl"


@pytest.mark.bad_input
@pytest.mark.parametrize("options", [["--report", "r.json"], ["--jobs", "2"], ["--learn-boilerplate"],
                                     ["--engine", "ray"], ["--address", "auto"]],
                         ids=["report", "jobs", "learn-boilerplate", "engine", "address"])
def test_one_file_to_standard_output_refuses_what_it_would_ignore(runner: CliRunner, tmp_path: Path,
                                                                  options: list[str]) -> None:
    dump = tmp_path / "d.jsonl"
    dump.write_text(json.dumps({"text": SCRAPED}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["clean", str(dump), *options], catch_exceptions=False)
    assert result.exit_code == 2 and result.stdout == ""
    assert options[0] in result.stderr and "--out" in result.stderr
    assert not (tmp_path / "r.json").exists()


def test_one_file_to_standard_output_takes_saved_boilerplate_counts(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    body = "The quay reopens on Monday after a winter of works, the harbour board said, and the ferry will dock there.\n"
    page.write_text("Subscribe to the Harbour Gazette for the latest news\n\n" + body, encoding="utf-8")
    counts = tmp_path / "counts.json"
    counts.write_text(json.dumps({page.parent.name: {"documents": 10, "lines": {
        "subscribe to the harbour gazette for the latest news": 9}}}), encoding="utf-8")
    plain = runner.invoke(app, ["clean", str(page)])
    learned = runner.invoke(app, ["clean", str(page), "--boilerplate", str(counts)])
    assert plain.exit_code == learned.exit_code == 0
    assert "Subscribe" in plain.stdout and learned.stdout == body


def test_a_dry_run_writes_the_report_it_was_asked_for(runner: CliRunner, tmp_path: Path) -> None:
    source = make_tree(tmp_path)
    report = tmp_path / "dry.json"
    result = runner.invoke(app, ["clean", str(source), "-o", str(tmp_path / "out"), "--dry-run", "--report",
                                 str(report)])
    assert result.exit_code == 0, result.output
    assert json.loads(report.read_text(encoding="utf-8"))["documents"]["changed"] == 2
    assert not (tmp_path / "out").exists()
