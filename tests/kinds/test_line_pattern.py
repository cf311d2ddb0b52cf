"""line_pattern and the bundled ads.furniture and ads.notices rules: whole lines of page furniture
(share bars, counters, newsletter, paywall and cookie prompts, read-also teasers) go; prose
containing the same words stays; a catastrophic user pattern costs the document that rule, with
a warning, not a hang."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.document import Document
from cleaner.errors import RuleSetError
from cleaner.kinds.base import validate_params
from cleaner.kinds.line_pattern import LinePattern
from cleaner.pipeline import Cleaner


def build(rule_id: str = "t", **params) -> LinePattern:
    return LinePattern(rule_id, **validate_params(LinePattern, params, source=None, rule_id=rule_id))


def furniture() -> list[LinePattern]:
    """The bundled whole-line furniture rules: short furniture (in eight languages), and the
    longer notices."""
    rules = [r for r in Cleaner.from_rules("ads").rules if r.id in ("ads.furniture", "ads.notices")]
    assert len(rules) == 2 and all(isinstance(r, LinePattern) for r in rules)
    return rules


FURNITURE = furniture()


def run(text: str, *rules) -> Document:
    return Cleaner.clean_document_with(list(rules) or FURNITURE, Document(text))


BEFORE = "The bakery opened its second shop on Saturday.\n"
AFTER = "Queues stretched down the street by nine.\n"


def framed(line: str) -> str:
    return BEFORE + line + "\n" + AFTER


@pytest.mark.parametrize("line", [
    "Share this:EmailFacebookTwitter",
    "Share this:EmailFacebookTwitterWhatsApp",
    "Share this:EmailFacebookLinkedIn",
    "Share: Facebook | Twitter | Email",
    "Share on Facebook",
    "Facebook Twitter LinkedIn Email",
    "Facebook · Twitter · WhatsApp · Print",
    "Click to share on Twitter (Opens in new window)",
    "(Opens in new window)",
], ids=lambda s: s[:30])
def test_share_bar_line_is_removed(line):
    assert run(framed(line)).text == BEFORE + AFTER


@pytest.mark.parametrize("line", [
    "Like this:Like Loading...",
    "Like this:",
    "Loading...",
    "Loading…",
    "12 Comments",
    "1 Comment",
    "3 likes",
    "1,204 shares",
    "2.4k reactions",
    "No comments",
    "No comments (comments are moderated)",
    "One comment",
    "View all 45 comments",
    "Show comments (8)",
    "Leave a comment",
    "Post a reply",
], ids=lambda s: s[:30])
def test_like_and_comment_counter_line_is_removed(line):
    assert run(framed(line)).text == BEFORE + AFTER


@pytest.mark.parametrize("line", [
    "Sign up for our newsletter",
    "Subscribe to our free weekly newsletter.",
    "Sign up for the daily newsletter! Sign up",
    "Get our newsletter in your inbox",
    "We use cookies to improve your experience. Accept",
    "We use cookies to personalise content and ads. Manage preferences",
    "This site uses cookies. Got it",
    "This website uses cookies. Accept all",
    "Accept all cookies",
    "Manage cookies",
    "Follow us on Facebook and Instagram",
    "Related stories:",
    "Share this article",
    "Article continues after advertisement",
    "- Story continues after ad -",
    "Content continues below",
    "Click here to subscribe to our newsletter",
], ids=lambda s: s[:30])
def test_newsletter_cookie_and_follow_prompt_line_is_removed(line):
    assert run(framed(line)).text == BEFORE + AFTER


def test_furniture_line_with_surrounding_spaces_is_removed():
    assert run(framed("   12 Comments  ")).text == BEFORE + AFTER


PROSE = [
    "She left 12 comments on the draft before lunch.",
    "The post drew 3 likes and a complaint from the landlord.",
    "Share this article with a friend who cooks.",
    "I like this: the loading dock is quiet at night.",
    "Loading the van took most of the morning.",
    "Related to the mayor, she declined to comment.",
    "Twitter, Facebook and LinkedIn all declined to comment.",
    "Facebook, Twitter",
    "Sign up for our newsletter if you want the recipes, she wrote in the shop window.",
    "Readers who subscribe to our newsletter get the recipes first.",
    "We would like to thank everyone who left a comment.",
    "Comments",
    "Share",
    "Like",
    "Ten comments arrived before noon.",
    "Print",
    "The story continues below the harbour wall, where the old quay stood.",
    "Click here to subscribe, the sign said, and nobody did.",
]


@pytest.mark.parametrize("line", PROSE, ids=lambda s: s[:30])
def test_prose_containing_furniture_words_is_kept(line):
    text = framed(line)
    doc = run(text)
    assert doc.text == text
    assert doc.changes == []


@pytest.mark.parametrize("line", [
    # Paywall, app and feedback prompts where the story stops.
    "To read the full story, please subscribe to The Valley Courier.",
    "To continue reading this article, log in or register for free.",
    "Subscribe today to the Harbour Gazette for unlimited access.",
    "Already a subscriber? Sign in here.",
    "To view the full story, please subscribe to the Courier. Plans start at $5 a week.",
    "Get the Courier's Morning Briefing by email and never miss a story Free Sign Up",
    "If you're already a subscriber, log in to read on.",
    "For the latest updates, download our Gazette app for iOS and Android.",
    "We'd love to hear what you think about this story. Write to letters@example.org.",
    # Teasers of other stories, the headings of their boxes, follow prompts, filing and reading time.
    "More Great Harbour Stories",
    "Most read in world news",
    "Don't miss",
    "Follow the Courier's opinion desk on Facebook, Twitter (@courierops) and Instagram.",
    "Filed under: Harbour, Ferries |",
    "Reading time: 3 min",
    "6 min read",
    # Date stamps.
    "Posted on March 3, 2021 at 10:14 am",
    "Updated: 3 May 2021, 10:32 BST",
    "Published 12:30 PM ET, Mon March 2, 2020",
    "Last updated 2 hours ago",
    "Posted 3 days ago by admin",
    "First published on 14 June 2019.",
    # Widget messages and prompts.
    "An error occurred. Please try again later.",
    "There was an error processing your request, please try again.",
    "Oops! Something went wrong. Please reload the page.",
    "Let us know what you think in the comments below.",
    "We'd love to hear what you think about this article. Email letters@example.org.",
    "Keep an eye on your inbox for your first issue.",
    "Have a tip? Email us at tips@example.org.",
    "Have a news tip? Contact the newsroom on 0123 456 789.",
    "Have a tip? Ana Reyes may be reached at areyes@example.org. Follow her on Twitter.",
    "If you enjoyed this article, and found it useful, we have a request: join the Courier's members.",
    "If you liked this story, please share it with a friend.",
    "If you valued this article, consider supporting our journalism.",
    "Did you enjoy this story? Share it with a friend!",
    "Like this story? Follow us on Google News for more!",
    "Text size",
    "If you enjoyed this article, become a member: it keeps the Courier free.",
    "Get the latest updates right in your inbox. Subscribe to Courier.com's newsletters.",
    # Disclosures.
    "This article contains references to products from our partners. We may earn a fee.",
    "Anzeige, enthält Affiliate-Links",
    "Dieser Beitrag enthält Werbung.",
], ids=lambda s: s[:30])
def test_paywall_app_and_disclosure_line_is_removed(line):
    assert run(framed(line)).text == BEFORE + AFTER


@pytest.mark.parametrize("line", [
    # Read-also teasers: the label alone, or with a colon and another article's headline.
    "Lesen Sie auch: Neue Fähre für die Nordsee-Inseln",
    "Auch lesen:",
    "Mehr zum Thema",
    "Lesen Sie auch die folgenden Beiträge:",
    "Mehr zum Thema auf hafenblatt.de",
    "Top-Themen bei Hafenblatt",
    "Lire aussi : Le port de Brest agrandit son quai",
    "À lire également",
    "Lea también: El puerto amplía su terminal",
    "VEA TAMBIÉN: Nueva ruta de ferry en la costa",
    "Te puede interesar: Cinco rutas por la sierra",
    "Leia também: Porto recebe novo navio",
    "Leggi anche: Il porto apre il nuovo molo",
    "Lees ook: Nieuwe veerboot voor Texel",
    "Czytaj także: Nowy prom na Bałtyku",
    # Headings of the related and most-read boxes.
    "Weitere Artikel zum Thema",
    "Ähnliche Beiträge",
    "Meistgelesen",
    "Articles similaires",
    "Noticias relacionadas",
    "Lo más leído",
    "Notícias relacionadas",
    "Articoli correlati",
    "Gerelateerde artikelen",
    "Najczęściej czytane",
    # Comment counters and prompts, newsletter and follow prompts, stamps, widget buttons.
    "Keine Kommentare",
    "3 Kommentare",
    "Laisser un commentaire",
    "12 comentarios",
    "Deixe um comentário",
    "Nessun commento",
    "Dodaj komentarz",
    "Jetzt zum Newsletter anmelden!",
    "Noch nicht genug? Melde dich hier für unseren Newsletter an!",
    "Inscrivez-vous à notre newsletter",
    "Suscríbete a nuestro boletín",
    "Folgen Sie uns auf Instagram",
    "Aktualisiert am 04.03.2024, 10:12 Uhr",
    "Zuletzt aktualisiert:",
    "Mis à jour le 4 mars 2024",
    "Publicado el 04/03/2024 a las 10h12",
    "Pubblicato il 3 maggio 2021",
    "Opublikowano: 03.05.2021, 10:32",
    "Veröffentlichung: 2. Februar 2031",
    "Date de publication : 3 mai 2031",
    "Fecha de publicación: 03/05/2031",
    "Keine Kommentare (Kommentare erscheinen erst nach Freigabe)",
    "2 commentaires (modérés)",
    "Bild vergrößern",
    "Lesezeit: 4 Minuten",
    "Tempo de leitura: 1 minuto",
    "Inhaltsverzeichnis",
    "Table des matières",
], ids=lambda s: s[:30])
def test_furniture_in_other_languages_is_removed(line):
    assert run(framed(line)).text == BEFORE + AFTER


@pytest.mark.parametrize("line", [
    "Lesen\u00a0Sie auch: Der Hafen wird ausgebaggert",
    "Share\u00a0this article",
    "Leave\u202fa comment",
    "Sign up for our\u2009newsletter",
], ids=["nbsp-de", "nbsp-en", "narrow-nbsp", "thin-space"])
def test_furniture_spaced_with_no_break_or_thin_spaces_is_removed(line):
    assert run(framed(line)).text == BEFORE + AFTER


def test_prose_with_no_break_spaces_is_kept_as_it_is():
    text = framed("Share\u00a0this article with the harbour master, she said, and left.")
    doc = run(text)
    assert doc.text == text and doc.changes == []


@pytest.mark.parametrize("line", [
    "Harbour board furious at ferry strike [INSIGHT]",
    "Harbour board furious at ferry strike\u00a0[INSIGHT]|",
    "Ferry strike: union makes final decision\u00a0[VIDEO]",
    "Dredging 'threatened by budget cuts' [REACTION]",
    "New quay opens [Pics]",
], ids=lambda s: s[:30])
def test_a_teaser_headline_with_its_tag_is_removed(line):
    assert run(framed(line)).text == BEFORE + AFTER


@pytest.mark.parametrize("line", [
    "He said the rules were clear [sic] and left.",
    "The board [of the harbour] met on Monday",
], ids=lambda s: s[:30])
def test_a_bracket_in_prose_is_not_a_teasers_tag(line):
    text = framed(line)
    assert run(text).text == text


@pytest.mark.parametrize("line", [
    "Foto: dpa",
    "Foto: NDR/Hanna Beispiel",
    "(Bild: Jo Example)",
    "Fotos: PR, Kim Muster",
    "Titelbild: Alex Sample on Unsplash",
    "Photo: J. Doe / Harbour Times",
    "Images: Getty Images, Reuters",
    "Copyright: Kim Muster",
    "(Credits: Harbour Studios)",
    "Crédit photo : AFP",
    "Foto: Sam Beispiel (Archiv)",
    "Titelbild: Kim Muster/ABACA/picture-alliance",
], ids=lambda s: s[:30])
def test_an_image_credit_alone_on_a_line_is_removed(line):
    assert run(framed(line)).text == BEFORE + AFTER


@pytest.mark.parametrize("line", [
    # A caption that says something, a heading, a specification, a copyright line: they stay.
    "Foto: Die Feuerwehr rückte mit drei Fahrzeugen an.",
    "Bilder: So feierte die Stadt den Karneval",
    "Copyright: what the new law means for artists",
    "Copyright: Who owns a selfie?",
    "Bild: 55 Zoll, 4K-Auflösung",
    "Photo: courtesy of the harbour museum",
    "© Harbour Times",
    "© 2031 Harbour Times. All rights reserved.",
], ids=lambda s: s[:30])
def test_captions_headings_and_copyright_lines_are_not_credits(line):
    text = framed(line)
    doc = run(text)
    assert doc.text == text and doc.changes == []


@pytest.mark.parametrize("line", [
    # The same words opening a sentence of the article stay: no colon, no teaser.
    "Lesen Sie mehr über die Geschichte des Hafens im Stadtarchiv.",
    "Weitere Artikel folgen in den nächsten Wochen.",
    "Mehr zum Thema wollte der Bürgermeister nicht sagen.",
    "Lesen Sie auch die Briefe seiner Mutter: sie erklären viel.",
    "Lire aussi les lettres de sa mère, c'est comprendre son départ.",
    "Lea también el informe completo, dijo la ministra.",
    "Keine Kommentare gab es vom Betreiber der Fähre.",
    "Aktualisiert wurde der Fahrplan zuletzt im Mai.",
    "Publicado el informe, el ministro dimitió.",
    "Le indice dei prezzi è salito del due per cento.",
    "Subscribe now, the ferryman shouted, or miss the boat.",
    "Already a subscriber, she laughed, and never read a page.",
    "Related to the mayor by marriage, he kept quiet.",
    # What a user's shortcode template renders ("Related: {slug|title}") stays.
    "Related: Ferry timetable changes for the winter",
    "More and more people get their news from the radio.",
    "Follow the river on foot and you reach the ferry.",
    "Most read the letter twice before they answered.",
    "If you enjoyed this article you will like her book more.",
    # A sentence opening with the word a date stamp opens with, a number near, and a clause after.
    "Posted to India in 1919, he stayed for twenty years.",
    "Published in 1851, the novel sold poorly.",
    "Updated twice since 1990, the guide is still the best.",
    "Last updated in 2004, the map shows roads that no longer exist.",
    "Publicado en 1851, el libro se vendió mal.",
    "Veröffentlicht am 3. Mai 1920, wurde das Buch sofort verboten.",
    "Publié le 3 mai 1920, le livre fut aussitôt interdit.",
    "Veröffentlichung: 1920 erschien das Buch, ein Jahr später der Film.",
    "Veröffentlichung: Die Studie erscheint im Herbst.",
    "Keine Kommentare (so der Sprecher) gab es zum Unfall.",
    "Pubblicato il 3 maggio 1920, il libro fu subito vietato.",
    "Opublikowano w 1920, książka została zakazana.",
    # A sentence of a story that opens like a widget's message or a prompt, and goes on as prose.
    "An error occurred in the navigation system, and the ship ran aground.",
    "There was an error processing the ballots in the third ward, officials admitted.",
    "Oops! Something went wrong, and the cake collapsed in the oven.",
    "Let us know what you think of the new bridge, the council asked residents.",
    "Keep an eye on your inbox for the results, the organisers said, which are due on Friday.",
    "Have a tip? The police asked anyone with information to call.",
    "If you liked this story, you will love her novel.",
    "Did you enjoy this story? The children shouted yes.",
    "Liked this story? Tell the author at the festival, she said.",
    "Get the latest news delivered to your inbox, the pigeon fancier joked.",
], ids=lambda s: s[:30])
def test_prose_opening_with_furniture_words_is_kept(line):
    text = framed(line)
    doc = run(text)
    assert doc.text == text and doc.changes == []


@pytest.mark.parametrize("line", [
    "We use cookies from the bakery next door for the crust.",
    "This website uses cookies to track readers, the regulator found.",
    # A notice's words in a sentence that reports who said or did it: a story about the notice.
    "This website uses cookies to track readers, the regulator found, without their consent.",
    "This site uses cookies, the complaint said, and never asked for consent.",
    "This article contains affiliate links, the watchdog said, which were not disclosed to readers.",
    "As an Amazon associate, she earned a commission on every book her readers bought, the court heard.",
    "We may earn a commission, the company admitted, but only on some products.",
    "This copy is for your personal, non-commercial use only, the librarian wrote on the flyleaf.",
    "Dieser Beitrag enthält Werbung, urteilte das Gericht, und hätte gekennzeichnet werden müssen.",
])
def test_one_sentence_paragraph_about_cookies_is_kept(line):
    text = framed(line)
    assert run(text).text == text


def test_a_line_holding_an_unless_pattern_is_kept_though_it_matches():
    rule = build(patterns=[r"share this.*"], unless=[r",\s+the \w+ said\b"])
    kept, dropped = "Share this with nobody, the guide said.", "Share this on Facebook"
    assert run(framed(kept), rule).text == framed(kept)
    assert run(framed(dropped), rule).text == BEFORE + AFTER


def test_a_bad_unless_pattern_is_refused_at_build_time_naming_it():
    with pytest.raises(RuleSetError) as info:
        build(patterns=["x"], unless=["(unclosed"])
    assert "unless[0]" in str(info.value)


def test_line_longer_than_max_length_is_never_matched():
    rule = build(patterns=[r".*comments?.*"], max_length=30)
    short = framed("12 comments")
    assert run(short, rule).text == BEFORE + AFTER
    long_line = framed("A long line that mentions comments and goes on for a while")
    assert run(long_line, rule).text == long_line


def test_pattern_must_match_the_whole_line():
    rule = build(patterns=["share"])
    text = framed("Share the cake with the neighbours.")
    assert run(text, rule).text == text
    assert run(framed("SHARE"), rule).text == BEFORE + AFTER


def test_case_sensitive_option_respects_case():
    rule = build(patterns=["Share"], case_sensitive=True)
    assert run(framed("Share"), rule).text == BEFORE + AFTER
    kept = framed("SHARE")
    assert run(kept, rule).text == kept


def test_bad_pattern_is_refused_at_build_time_naming_the_pattern_index():
    with pytest.raises(RuleSetError) as info:
        build(patterns=["ok", "(unclosed"])
    assert info.value.field == "patterns[1]"
    assert "(unclosed" in str(info.value)


def test_nested_quantifier_on_long_line_returns_quickly_and_changes_nothing():
    line = "a" * 5000 + "b"
    text = BEFORE + line + "\n" + AFTER
    rule = build(patterns=[r"(a+)+$"], timeout_ms=50, max_length=10000)
    started = time.monotonic()
    doc = run(text, rule)
    assert time.monotonic() - started < 5
    assert doc.text == text
    assert doc.changes == []


def test_catastrophic_pattern_ends_with_a_warning_and_leaves_document_unchanged():
    # (a|a)+$ backtracks exponentially even in the `regex` module.
    text = "Share this:EmailFacebook\n" + "a" * 40 + "b\n" + AFTER
    rule = build("user.furniture", patterns=[r"share this:.*", r"(a|a)+$"], timeout_ms=30)
    started = time.monotonic()
    doc = run(text, rule)
    assert time.monotonic() - started < 5
    assert doc.text == text  # the share bar, matched before the timeout, stays too
    assert doc.changes == []
    assert len(doc.warnings) == 1
    assert "user.furniture" in doc.warnings[0]
    assert "30 ms" in doc.warnings[0]


@pytest.mark.bad_input
def test_rules_after_a_timed_out_rule_still_run():
    slow = build("slow", patterns=[r"(a|a)+$"], timeout_ms=20)
    text = "a" * 40 + "b\n12 Comments\n" + AFTER
    doc = run(text, slow, *FURNITURE)
    assert doc.text == "a" * 40 + "b\n" + AFTER
    assert len(doc.warnings) == 1


def test_cleaning_twice_changes_nothing_more():
    text = (BEFORE + "Share this:EmailFacebookTwitter\nLike this:Like Loading...\n12 Comments\n"
            "She left 12 comments on the draft before lunch.\nSign up for our newsletter\n"
            "We use cookies to improve your experience. Accept\n" + AFTER)
    once = run(text)
    assert once.text == BEFORE + "She left 12 comments on the draft before lunch.\n" + AFTER
    twice = run(once.text)
    assert twice.text == once.text
    assert twice.changes == []


def test_default_set_removes_furniture_and_keeps_prose():
    text = ("Bakery opens second shop\n\nQueues formed early.\n\nShare this:EmailFacebookTwitter\n\n"
            "3 likes\n\nShe left 12 comments on the draft before lunch.\n")
    assert Cleaner.from_rules("default").clean(text).text == \
        "Bakery opens second shop\n\nQueues formed early.\n\nShe left 12 comments on the draft before lunch.\n"


_SAMPLES = ["Share this:EmailFacebookTwitter", "12 Comments", "Lesen Sie auch: Neue Fähre", "Keine Kommentare",
            "ÜBER UNS", "Über die Fähre", "ſhare", "Related", "  5 min read ", "Story continues below", "-- Print article",
            "The bakery opened.", "Mehr zum Thema", "(Opens in new window)", "¿Ya sabías?", "3 likes", "Ⅻ Comments",
            "“Quoted,” she said.", "\u212a comments", "Lesen ſie auch:", "Info by clicking here.", "ſee more: x",
            "Learn more by cliccking here", "BY CLICKING HERE", "A b c by clicking here!", "\u0663 comments",
            "\u0663\u0664 likes", "İnfo", "Ünsere Themen"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_SAMPLES), st.text(max_size=30)), max_size=12),
       st.sampled_from([str, str.upper, str.lower, str.title]))
def test_trying_a_line_only_on_the_patterns_its_first_character_allows_changes_nothing(lines, case) -> None:
    # The bundled rule against one alternation of all its patterns, tried on every short line.
    import re

    rule = FURNITURE[0]
    everything = re.compile("|".join(f"(?:{p})" for p in rule.patterns), re.IGNORECASE)
    text = "\n".join(case(line).replace("\n", " ").replace("\r", " ") for line in lines) + "\n"
    removed = [change.before.strip() for change in run(text, rule).changes]
    expected = [line.strip() for line in text.split("\n")
                if line.strip() and len(line.strip()) <= rule.max_length and everything.fullmatch(line.strip())]
    assert removed == expected


@pytest.mark.parametrize("case_sensitive", [False, True])
def test_a_hinted_rule_finds_its_lines_in_any_case_and_beside_letters_that_change_length(case_sensitive) -> None:
    rule = build(patterns=["we use cookies.{0,40}", "We use cookies.{0,40}", "WE USE COOKIES.{0,40}"],
                 hints=["cookie"], case_sensitive=case_sensitive)
    # "İ" lower-cases to two characters: the offsets of a lowered copy would be off by one.
    for before in (BEFORE, "İstanbul harbour opened its second pier on Saturday.\n"):
        for line in ("We use cookies on this site.", "WE USE COOKIES ON THIS SITE."):
            assert run(before + line + "\n" + AFTER, rule).text == before + AFTER
    mixed = BEFORE + "We use CoOkies on this site.\n" + AFTER
    assert run(mixed, rule).text == (mixed if case_sensitive else BEFORE + AFTER)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["cookie", "COOKIE", "Cookie", "coo", "kie", "é", "“", "ß", "Σ", "😀",
                                          "\u212a", "\ud800", "werb", "WERBUNG", "x" * 50, " "]), max_size=8),
                max_size=6))
def test_a_hinted_rule_tries_exactly_the_short_lines_that_hold_a_hint_in_any_case(lines) -> None:
    # The lines found in the text's bytes, or beside the Kelvin sign in the lower-cased text, are
    # those that hold a hint once lower-cased, line by line. (Beside "İ", which changes the
    # lowered text's length, the spellings are searched: the test above.)
    rule = build(patterns=["x"], hints=["cookie", "werb"], max_length=60)
    text = "\n".join("".join(words) for words in lines)
    found = rule._candidate_lines(text)
    expected, start = [], 0
    for line in text.split("\n"):
        if len(line) <= rule.max_length + 8 and any(hint in line.lower() for hint in ("cookie", "werb")):
            expected.append((start, line))
        start += len(line) + 1
    assert found == expected
