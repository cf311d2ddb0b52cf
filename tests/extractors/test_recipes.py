"""A recipe's ingredient lists and steps come back when the page declares them and the
extractor dropped them; nothing else changes."""

from __future__ import annotations

import json

import lxml.html

from cleaner.extractors.base import Extraction
from cleaner.extractors.recipes import restore_recipe

METHOD = ("Heat the oven to 180 degrees and butter a round tin.\n\n"
          "Rub the butter into the flour until it looks like sand, then add the sugar and the egg.\n\n"
          "Press the dough into the tin and bake for twenty-five minutes, until golden.")
INGREDIENTS = ["125 g flour", "65 g sugar", "65 g butter", "1 egg", "1 tsp baking powder"]


def page(ld: dict | None, tables: str) -> object:
    script = f'<script type="application/ld+json">{json.dumps(ld)}</script>' if ld else ""
    paragraphs = "".join(f"<p>{p}</p>" for p in METHOD.split("\n\n"))
    return lxml.html.document_fromstring(f"<html><head>{script}</head><body><h1>Shortbread</h1>{tables}"
                                         f"<div class='method'>{paragraphs}</div>"
                                         "<ul class='menu'><li>Home</li><li>Recipes</li><li>Contact</li></ul>"
                                         "</body></html>")


def table(title: str, rows: list[str]) -> str:
    cells = "".join(f"<tr><td>{row.split(' ', 1)[0]}</td><td>{row.split(' ', 1)[1]}</td></tr>" for row in rows)
    return f"<table class='ingredients'><thead><tr><th>{title}</th></tr></thead><tbody>{cells}</tbody></table>"


RECIPE = {"@context": "https://schema.org", "@graph": [{"@type": "Recipe", "name": "Shortbread",
                                                         "recipeIngredient": INGREDIENTS}]}


def test_dropped_ingredient_tables_come_back_before_the_method() -> None:
    tree = page(RECIPE, table("For the dough:", INGREDIENTS[:3]) + table("For the top:", INGREDIENTS[3:]))
    restored = restore_recipe(tree, Extraction(METHOD, "trafilatura"), markdown=False)
    assert restored.text.split("\n\n")[:7] == ["For the dough:", "125 g flour", "65 g sugar", "65 g butter",
                                               "For the top:", "1 egg", "1 tsp baking powder"]
    assert restored.text.endswith(METHOD) and "Home" not in restored.text
    assert restored.extractor == "trafilatura (+ingredients)"


def test_a_list_of_items_comes_back_marked_as_a_list_in_markdown() -> None:
    items = "<ul class='zutaten'>" + "".join(f"<li>{i}</li>" for i in INGREDIENTS) + "</ul>"
    restored = restore_recipe(page(RECIPE, items), Extraction(METHOD, "trafilatura"), markdown=True)
    assert restored.text.startswith("- 125 g flour\n\n- 65 g sugar")


def test_nothing_changes_without_a_declaration_or_when_the_text_has_the_ingredients() -> None:
    tables = table("For the dough:", INGREDIENTS)
    plain = Extraction(METHOD, "trafilatura")
    assert restore_recipe(page(None, tables), plain, markdown=False) is plain
    kept = Extraction("\n\n".join(INGREDIENTS) + "\n\n" + METHOD, "trafilatura")
    assert restore_recipe(page(RECIPE, tables), kept, markdown=False) is kept
    broken = page(None, tables)
    broken.find(".//head").append(lxml.html.fromstring(
        '<script type="application/ld+json">{"recipeIngredient": ["125 g flour", </script>'))
    assert restore_recipe(broken, plain, markdown=False) is plain


def test_a_hidden_copy_and_a_list_of_other_things_stay_out() -> None:
    hidden = "<div style='display:none'>" + table("Print version", INGREDIENTS) + "</div>"
    other = "<ul><li>125 g flour sifted twice</li><li>Our shop</li><li>Newsletter</li><li>Imprint</li>" \
            "<li>Privacy</li><li>Careers at the bakery and the cafe</li></ul>"
    restored = restore_recipe(page(RECIPE, hidden + other), Extraction(METHOD, "trafilatura"), markdown=False)
    assert restored.text == METHOD


def test_a_deeply_nested_recipe_page_is_read_in_one_pass() -> None:
    # Thousands of nested blocks around the list: no recursion, no container read twice over.
    import time

    from cleaner.html import parse_html

    depth = 600
    nested = "<span>" * 1200 + "</span>" * 1200  # an item nested past Python's recursion limit
    items = "<ul>" + "".join(f"<li>{i}{nested}</li>" for i in INGREDIENTS) + "</ul>"
    filler = "<p>" + "Crumbs and notes from the bakery. " * 30 + "</p>"
    html = ("<html><head><script type='application/ld+json'>" + json.dumps(RECIPE) + "</script></head><body>"
            + ("<div>" + filler) * depth + items + "</div>" * depth + "</body></html>")
    tree = parse_html(html)
    started = time.perf_counter()
    restored = restore_recipe(tree, Extraction(METHOD, "trafilatura"), markdown=False)
    assert restored.text.startswith("125 g flour\n\n65 g sugar")
    assert time.perf_counter() - started < 30  # linear: well under a second; quadratic: minutes


# The method in a slider of numbered cards, which precision mode drops with the cards' widgets.
STEPS = ["Heat the oven to 180 degrees and butter a round tin.",
         "Rub the butter into the flour until it looks like sand, then add the sugar and the egg.",
         "Press the dough into the tin and bake for twenty-five minutes, until golden."]
KEPT = "\n\n".join(INGREDIENTS)


def card_page(ld: dict | None, cards: str | None = None) -> object:
    script = f'<script type="application/ld+json">{json.dumps(ld)}</script>' if ld else ""
    if cards is None:
        cards = "".join(f'<div class="card"><div class="count"><span>{n}</span> of {len(STEPS)}</div>'
                        f'<div class="bar" role="progressbar"><div style="width: 6%"> </div></div> {step}'
                        f'<div class="toggle">Show picture</div></div>' for n, step in enumerate(STEPS, 1))
    items = "".join(f"<li>{i}</li>" for i in INGREDIENTS)
    return lxml.html.document_fromstring(f"<html><head>{script}</head><body><h1>Shortbread</h1><ul>{items}</ul>"
                                         f'<div class="slider">{cards}</div></body></html>')


def recipe_with(instructions) -> dict:
    return {"@context": "https://schema.org", "@type": "Recipe", "name": "Shortbread",
            "recipeIngredient": INGREDIENTS, "recipeInstructions": instructions}


HOW_TO_STEPS = [{"@type": "HowToStep", "text": step} for step in STEPS]


def test_dropped_steps_come_back_after_the_text_in_their_order() -> None:
    restored = restore_recipe(card_page(recipe_with(HOW_TO_STEPS)), Extraction(KEPT, "trafilatura"), markdown=False)
    assert restored.text.split("\n\n") == INGREDIENTS + STEPS
    assert restored.extractor == "trafilatura (+method)"


def test_steps_are_read_from_sections_and_from_lines_of_one_text() -> None:
    sections = [{"@type": "HowToSection", "name": "Dough", "itemListElement": HOW_TO_STEPS[:2]},
                {"@type": "HowToSection", "name": "Baking", "itemListElement": HOW_TO_STEPS[2:]}]
    for instructions in (sections, "\n".join(STEPS), STEPS):
        restored = restore_recipe(card_page(recipe_with(instructions)), Extraction(KEPT, "t"), markdown=False)
        assert restored.text.split("\n\n")[-3:] == STEPS


def test_a_step_comes_back_as_the_page_words_it() -> None:
    # The declaration spaces and marks it otherwise; the page's own text is what comes back.
    declared = [{"@type": "HowToStep", "text": "<p>Heat the oven to 180 degrees &amp; butter a round tin</p>"},
                *HOW_TO_STEPS[1:]]
    cards = ('<div class="card">„Heat the <b>oven</b> to 180\u00a0degrees &amp; butter a round tin.“ '
             '<span>Show picture</span></div>' + "".join(f"<div class='card'>{step}</div>" for step in STEPS[1:]))
    restored = restore_recipe(card_page(recipe_with(declared), cards), Extraction(KEPT, "t"), markdown=False)
    assert restored.text.split("\n\n")[len(INGREDIENTS)] == "„Heat the oven to 180 degrees & butter a round tin.“"


def test_numbered_steps_in_markdown() -> None:
    restored = restore_recipe(card_page(recipe_with(HOW_TO_STEPS)), Extraction(KEPT, "t"), markdown=True)
    assert restored.text.split("\n\n")[-3:] == [f"{n}. {step}" for n, step in enumerate(STEPS, 1)]


def test_nothing_changes_when_the_text_has_the_steps_or_the_page_does_not_show_them() -> None:
    kept = Extraction(KEPT + "\n\n" + "\n\n".join(STEPS[:2]), "t")
    assert restore_recipe(card_page(recipe_with(HOW_TO_STEPS)), kept, markdown=False) is kept
    plain = Extraction(KEPT, "t")
    assert restore_recipe(card_page(None), plain, markdown=False) is plain
    hidden = "<div hidden>" + "".join(f"<p>{step}</p>" for step in STEPS) + "</div>"
    assert restore_recipe(card_page(recipe_with(HOW_TO_STEPS), hidden), plain, markdown=False) is plain
    # Declared, but not on the page: the JSON-LD alone is not the page's text.
    assert restore_recipe(card_page(recipe_with(HOW_TO_STEPS), "<p>See the video.</p>"), plain,
                          markdown=False) is plain


def test_a_page_too_large_for_a_recipe_is_left_as_it_is() -> None:
    # A dump that carries a recipe's JSON-LD: its steps are not looked for letter by letter.
    filler = "<p>" + "Crumbs and notes from the bakery. " * 30 + "</p>"
    cards = filler * 2500 + "".join(f"<div class='card'>{step}</div>" for step in STEPS)
    plain = Extraction(KEPT, "t")
    assert restore_recipe(card_page(recipe_with(HOW_TO_STEPS), cards), plain, markdown=False) is plain


def test_a_word_marked_up_in_part_comes_back_whole_and_blocks_stay_apart() -> None:
    # Inline markup inside a word joins it ("gol<em>den</em>"); a line break or a block parts words.
    marked = ["Heat the oven to 180 degrees and butter a round tin.",
              "Rub the butter into the flour until it looks like sand,<br>then add the sugar and the egg.",
              "Press the dough into the tin and bake for twenty-five minutes, until gol<em>den</em>."]
    cards = "".join(f"<div class='card'>{step}</div>" for step in marked)
    restored = restore_recipe(card_page(recipe_with(HOW_TO_STEPS), cards), Extraction(KEPT, "t"), markdown=False)
    assert restored.text.split("\n\n")[-3:] == [
        STEPS[0], "Rub the butter into the flour until it looks like sand, then add the sugar and the egg.", STEPS[2]]
