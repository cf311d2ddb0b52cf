"""A recipe's ingredient lists come back when the page declares its ingredients and the
extractor dropped them; nothing else changes."""

from __future__ import annotations

import json

import lxml.html

from cleaner.extractors.base import Extraction
from cleaner.extractors.recipes import restore_ingredients

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
    restored = restore_ingredients(tree, Extraction(METHOD, "trafilatura"), markdown=False)
    assert restored.text.split("\n\n")[:7] == ["For the dough:", "125 g flour", "65 g sugar", "65 g butter",
                                               "For the top:", "1 egg", "1 tsp baking powder"]
    assert restored.text.endswith(METHOD) and "Home" not in restored.text
    assert restored.extractor == "trafilatura (+ingredients)"


def test_a_list_of_items_comes_back_marked_as_a_list_in_markdown() -> None:
    items = "<ul class='zutaten'>" + "".join(f"<li>{i}</li>" for i in INGREDIENTS) + "</ul>"
    restored = restore_ingredients(page(RECIPE, items), Extraction(METHOD, "trafilatura"), markdown=True)
    assert restored.text.startswith("- 125 g flour\n\n- 65 g sugar")


def test_nothing_changes_without_a_declaration_or_when_the_text_has_the_ingredients() -> None:
    tables = table("For the dough:", INGREDIENTS)
    plain = Extraction(METHOD, "trafilatura")
    assert restore_ingredients(page(None, tables), plain, markdown=False) is plain
    kept = Extraction("\n\n".join(INGREDIENTS) + "\n\n" + METHOD, "trafilatura")
    assert restore_ingredients(page(RECIPE, tables), kept, markdown=False) is kept
    broken = page(None, tables)
    broken.find(".//head").append(lxml.html.fromstring(
        '<script type="application/ld+json">{"recipeIngredient": ["125 g flour", </script>'))
    assert restore_ingredients(broken, plain, markdown=False) is plain


def test_a_hidden_copy_and_a_list_of_other_things_stay_out() -> None:
    hidden = "<div style='display:none'>" + table("Print version", INGREDIENTS) + "</div>"
    other = "<ul><li>125 g flour sifted twice</li><li>Our shop</li><li>Newsletter</li><li>Imprint</li>" \
            "<li>Privacy</li><li>Careers at the bakery and the cafe</li></ul>"
    restored = restore_ingredients(page(RECIPE, hidden + other), Extraction(METHOD, "trafilatura"), markdown=False)
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
    restored = restore_ingredients(tree, Extraction(METHOD, "trafilatura"), markdown=False)
    assert restored.text.startswith("125 g flour\n\n65 g sugar")
    assert time.perf_counter() - started < 30  # linear: well under a second; quadratic: minutes
