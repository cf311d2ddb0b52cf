"""A stream of scraped articles shaped like the user's example, and the command timed on it.

The example (the seed) is one content-mill news article as a scraper left it. The article here
is invented (a regional water utility asking to raise its bills), written to carry the same
defects in the same places, so that the rules do the work the seed asks of them:

* a date widget on the first line (``Tue, 21-Oct-2025``);
* an ad banner, one phrase eight times (``Google Ads | Google Ads | …``);
* the title, a category label, the title again, then three bullets;
* fifteen semicolons in about 3 KB: fourteen where a comma or nothing belongs (before ``but``,
  ``who``, ``which``, ``so``, ``and to``; before a participle, an appositive, a preposition that
  continues the phrase; closing an appositive place name; after a vocative in a quotation;
  before a reporting verb; after a closing quote, before its attribution) and one joining two
  independent clauses, as an editor writes it;
* a no-break space after one of the stray semicolons;
* two leaked ``[embedpost slug=”…”]`` shortcodes with WordPress's typographic quotes.

Names, places, numbers and dates vary per document (from a seeded generator), so no two
documents of a stream are alike: a rule cannot win by remembering what it saw.
"""

from __future__ import annotations

import datetime
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import print_table

MB = 1_000_000

# The whole article. Each paragraph holds at least one field, so that no paragraph repeats
# across a stream (the repeated-line rule would otherwise find whole-paragraph copies in the
# one-document measurement).
ARTICLE = """\
{date_stamp}

{banner}

{title}

{category}

{title}

  • {utility} wants to raise its charges by {pct} per cent from April {next_year}.
  • The request was made by the company’s new chief executive, {ceo}.
  • Councillors in {town} heard the plan at a meeting on {weekday}.

The {region} water regulator said on {weekday} that {utility} has asked to lift its charges;\u00a0by \
{pct} per cent from April {next_year}. The plan was put to the {town} council by {ceo}; the company’s \
new chief executive, at a meeting that ran late into the evening.

Addressing the chamber, {ceo_last} said, “Councillors; you have all seen the figures for the \
{reservoir} reservoir this summer”. The company will, of course, protect customers on low incomes; \
but the repairs to the {reservoir} dam cannot wait for another winter.

The request follows a warning from {predecessor}, {ceo_last}’s predecessor; who told the regulator \
in {month} that the {river} main was losing {leak} million litres a day; amid the driest summer in \
{region} since {dry_year}; leaving {villages} villages on tankers for weeks. {predecessor_last} was \
known for bold promises and forecasts; about how quickly the leaks would be found; so his figures were \
treated with some caution. The company is still negotiating a loan of {loan} million with the {bank}; \
which would pay for new mains until {loan_year}. The dam is safe for now; engineers will inspect its \
spillway again in {month_inspection}.

[embedpost slug=”{slug_reservoir}”]

The company supplies about {homes} homes and {firms} businesses across {region}, from the hill farms \
above {village_hill} to the industrial estates on the edge of {city}. Its oldest pipes were laid in the \
{pipe_decade}s, and some still run under streets that have been dug up a dozen times since.

It is not yet clear how households will be told about the change. Officials at the {conference} in \
{city}, {county}; on {weekday_later} said they had not seen the final tariff. A spokesperson for the \
consumer group {watchdog} declined to comment. During a session on drought planning, {engineer}, the \
head of operations at {utility}; stated, “We have replaced {km} kilometres of pipe since {start_year}, \
and we are not finished”. She added that the work would continue through the winter.

“Nobody in this valley should have to boil their tap water again”; said {resident}, who runs a bakery \
in {village}. Residents there were supplied from bottles for {days} days in August.

Speaking on {station}, {ceo_last} said the new tariff would be reviewed every year. “We are committed \
to fixing every leak we find; and to publishing our leakage figures every month, starting in {month_later}.”

[embedpost slug=”{slug_dam}”]
"""

# Invented place-name parts, combined: a few hundred towns, valleys and rivers.
PLACE_HEADS = ["Ash", "Bram", "Cal", "Dun", "Elm", "Fen", "Gar", "Hol", "Kes", "Lang", "Mar", "Nor",
               "Oak", "Pen", "Ross", "Stan", "Tal", "Wen", "Wick", "Yar"]
PLACE_TAILS = ["ford", "by", "mere", "ton", "well", "dale", "stow", "field", "bridge", "wick", "holm",
               "leigh"]
FIRST_NAMES = ["Alana", "Bernard", "Carys", "Declan", "Edith", "Farid", "Greta", "Hamish", "Ines",
               "Joachim", "Kerstin", "Lionel", "Maren", "Niall", "Odile", "Pritam", "Rosalind",
               "Stellan", "Thea", "Umberto", "Vesna", "Wilfred", "Yasmin", "Zoltan"]
LAST_NAMES = ["Abernethy", "Brackley", "Cordell", "Dunmore", "Everard", "Fairlie", "Gastrell",
              "Haverty", "Inchbald", "Jessop", "Kettering", "Lomax", "Marchbank", "Netherton",
              "Oakeshott", "Pendry", "Quilliam", "Rendall", "Satterly", "Tremayne", "Upton",
              "Vellacott", "Whitlock", "Yelland"]
CATEGORIES = ["Water and Utilities", "Regional News", "Infrastructure", "Environment", "Local Business"]
CONFERENCES = ["Water Industry Forum", "Regional Infrastructure Summit", "Utilities Planning Conference",
               "Drought Resilience Workshop"]
BANKS = ["Regional Investment Bank", "Infrastructure Finance Agency", "Municipal Lending Fund",
         "Northern Development Bank"]
STATIONS = ["local radio", "Radio {town}", "the {region} breakfast show", "a {town} podcast"]
TITLES = ["{utility} asks to raise water bills by {pct} per cent after a summer of leaks",
          "{utility} seeks {pct} per cent rise in water charges as {reservoir} runs low",
          "Water bills in {town} could rise {pct} per cent, {utility} says"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
BANNER = " | ".join(["Google Ads"] * 8)


def place(rng: random.Random) -> str:
    return rng.choice(PLACE_HEADS) + rng.choice(PLACE_TAILS)


def person(rng: random.Random) -> tuple[str, str]:
    """A full name and its surname."""
    last = rng.choice(LAST_NAMES)
    return f"{rng.choice(FIRST_NAMES)} {last}", last


def slug(words: str) -> str:
    return "-".join("".join(c for c in word if c.isalnum()) for word in words.lower().split())


def seed_shaped_article(rng: random.Random) -> str:
    """One article of about 3 KB with the seed's defects; names, places, numbers and dates drawn
    from ``rng``."""
    scraped = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randrange(730))
    year = scraped.year
    town, reservoir, region = place(rng), place(rng), place(rng) + "shire"
    ceo, ceo_last = person(rng)
    predecessor, predecessor_last = person(rng)
    fields: dict[str, Any] = {
        "date_stamp": scraped.strftime("%a, %d-%b-%Y"), "banner": BANNER,
        "utility": f"{place(rng)} Valley Water", "pct": rng.randint(4, 19), "next_year": year + 1,
        "ceo": ceo, "ceo_last": ceo_last, "predecessor": predecessor, "predecessor_last": predecessor_last,
        "town": town, "reservoir": reservoir, "region": region, "river": place(rng),
        "weekday": rng.choice(WEEKDAYS), "weekday_later": rng.choice(WEEKDAYS),
        "month": rng.choice(MONTHS), "month_later": rng.choice(MONTHS),
        "category": rng.choice(CATEGORIES), "leak": rng.randint(3, 60), "dry_year": rng.randint(1955, 2010),
        "villages": rng.randint(3, 40), "loan": rng.randint(20, 900), "bank": rng.choice(BANKS),
        "loan_year": year + rng.randint(4, 12), "conference": rng.choice(CONFERENCES), "city": place(rng),
        "county": place(rng) + "shire", "watchdog": f"Water Watch {place(rng)}", "engineer": person(rng)[0],
        "km": rng.randint(40, 2_000), "start_year": year - rng.randint(2, 15), "resident": person(rng)[0],
        "village": place(rng), "days": rng.randint(3, 30), "month_inspection": rng.choice(MONTHS),
        "homes": f"{rng.randint(40, 900) * 1_000:,}", "firms": f"{rng.randint(2, 60) * 100:,}",
        "village_hill": place(rng), "pipe_decade": rng.choice(range(1880, 1960, 10)),
    }
    fields["station"] = rng.choice(STATIONS).format(**fields)
    fields["title"] = rng.choice(TITLES).format(**fields)
    fields["slug_reservoir"] = slug(f"{reservoir} reservoir falls to {rng.randint(10, 60)} per cent")
    fields["slug_dam"] = slug(f"{town} dam repairs to start in {rng.choice(MONTHS)}")
    return ARTICLE.format(**fields)


def seed_shaped_stream(total_mb: float, seed: int) -> list[str]:
    """Seed-shaped articles, none twice, until they hold ``total_mb`` MB of UTF-8."""
    rng = random.Random(seed)
    stream: list[str] = []
    seen: set[str] = set()
    size = 0
    while size < total_mb * MB:
        article = seed_shaped_article(rng)
        if article in seen:
            continue
        seen.add(article)
        stream.append(article)
        size += len(article.encode("utf-8"))
    return stream


# ---------------------------------------------------------------- the command on the stream

# What the installed ``cleaner`` script runs, started from this Python so that the command
# imports the same checkout as the library timings (PYTHONPATH below), not whatever is installed.
_COMMAND_ENTRY = "import sys; from cleaner.cli import main; sys.argv[0] = 'cleaner'; sys.exit(main())"


def write_jsonl(path: Path, documents: list[str]) -> None:
    with path.open("w", encoding="utf-8") as sink:
        for number, text in enumerate(documents):
            sink.write(json.dumps({"id": f"doc-{number:06d}", "text": text}, ensure_ascii=False) + "\n")


def run_clean_command(source: Path, out: Path, checkout: Path) -> float:
    """Seconds of one ``cleaner clean SOURCE --jobs 1 --out OUT``, process start to exit."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(checkout), env.get("PYTHONPATH")]))
    command = [sys.executable, "-c", _COMMAND_ENTRY, "clean", str(source), "--jobs", "1", "--out", str(out)]
    # Flush earlier writes and deletions first, so that their write-back is not timed here.
    os.sync()
    started = time.perf_counter()
    done = subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, env=env)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"error: the command failed ({done.returncode}):\n{done.stderr}")
    return seconds


def measure_command(documents: list[str], expected: list[str], repeats: int, checkout: Path) -> dict:
    """The stream through the command's batch path, one core, JSONL in and out.

    Start-up (interpreter, imports, building the rule set, the run's bookkeeping) is measured
    by the same command on a JSONL of the stream's first document, and subtracted: the net
    figure is the speed of the batch path itself. ``expected`` is the library's output for each
    document; the command's output must be the same.
    """
    mb = sum(len(d.encode("utf-8")) for d in documents) / MB
    with tempfile.TemporaryDirectory(prefix="throughput-") as folder:
        work = Path(folder)
        stream, single = work / "stream.jsonl", work / "one.jsonl"
        write_jsonl(stream, documents)
        write_jsonl(single, documents[:1])
        stream_times, startup_times = [], []
        for repeat in range(repeats):
            # Alternated, so that a slow spell of the shared machine weighs on both.
            startup_times.append(run_clean_command(single, work / f"one-{repeat}.jsonl", checkout))
            out = work / f"stream-{repeat}.jsonl"
            stream_times.append(run_clean_command(stream, out, checkout))
        with out.open(encoding="utf-8") as records:
            produced = [json.loads(line)["text"] for line in records]
    differing = sum(a != b for a, b in zip(produced, expected, strict=False)) + abs(len(produced) - len(expected))
    raw, startup = statistics.median(stream_times), statistics.median(startup_times)
    net = raw - startup
    return {"mb": mb, "documents": len(documents), "times_s": stream_times, "startup_times_s": startup_times,
            "median_s": raw, "startup_s": startup, "net_s": net, "mb_per_s": mb / raw,
            "net_mb_per_s": mb / net if net > 0 else None, "docs_per_s": len(documents) / raw,
            "net_docs_per_s": len(documents) / net if net > 0 else None, "outputs_differing": differing}


def print_stream(library: dict, command: dict) -> None:
    """The stream's figures, through the library and through the command."""
    net_mb, net_docs = command["net_mb_per_s"], command["net_docs_per_s"]
    print(f"\n== Seed-shaped stream, {library['documents']} documents, {library['mb']:.2f} MB ==")
    print_table(["cleaned by", "median s", "MB/s", "documents/s"],
                [["Cleaner.clean", library["median_s"], f"{library['mb_per_s']:.2f}", f"{library['docs_per_s']:.0f}"],
                 ["cleaner clean --jobs 1", command["median_s"], f"{command['mb_per_s']:.2f}",
                  f"{command['docs_per_s']:.0f}"],
                 ["the same on 1 document (start-up)", command["startup_s"], "", ""],
                 ["the command, net of start-up", command["net_s"], f"{net_mb:.2f}" if net_mb else "n/a",
                  f"{net_docs:.0f}" if net_docs else "n/a"]])
    if command["outputs_differing"]:
        print(f"WARNING: {command['outputs_differing']} of the command's outputs differ from the library's")
