"""Decoding text of any provenance: the right characters, never a crash, binary refused."""

import codecs

import pytest

from cleaner.readers.html import decode_html
from cleaner.readers.text import decode_bytes, looks_binary

TEXT = "Advertisement\nThe harbour reopened on Monday, the council said: “a good day”.\n"


@pytest.mark.bad_input
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_unicode_with_or_without_a_bom_is_read(encoding: str) -> None:
    data = TEXT.encode(encoding)
    assert not looks_binary(data)
    assert decode_bytes(data)[0].lstrip("\ufeff") == TEXT


@pytest.mark.bad_input
@pytest.mark.parametrize(("text", "encoding"), [
    ("Le café où nous déjeunons près de la gare sert des crêpes à volonté; très bon. «Bonjour»", "cp1252"),
    ("Straße, Größe, Übermut — “quoted” text… and €5 in München’s café, 50 m², 5 µg, nº 3.", "cp1252"),
    ("Ñoño año: el niño comió piñata en España, ¿verdad? ¡Sí!", "cp1252"),
    ("Zażółć gęślą jaźń. Pójdźże, kiń tę chmurność w głąb flaszy! Ładny dzień w Łodzi.", "cp1250"),
    ("Příliš žluťoučký kůň úpěl ďábelské ódy. Čeština je krásná.", "cp1250"),
    ("Съешь же ещё этих мягких французских булок, да выпей чаю. Погода хорошая.", "cp1251"),
], ids=["french", "german", "spanish", "polish", "czech", "russian"])
def test_legacy_code_pages_are_read_as_written(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding))[0] == text


@pytest.mark.bad_input
def test_a_page_that_declares_utf8_but_is_cp1252_is_read_as_cp1252() -> None:
    page = '<html><head><meta charset="utf-8"></head><body><p>The café said so.</p></body></html>'
    text, encoding = decode_html(page.encode("cp1252"))
    assert "The café said so." in text and encoding == "cp1252"


@pytest.mark.bad_input
def test_a_utf16_page_without_a_bom_is_read() -> None:
    page = "<html><body><p>The café said so.</p></body></html>"
    assert "The café said so." in decode_html(page.encode("utf-16-le"))[0]


@pytest.mark.bad_input
@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
                                  b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(200)],
                         ids=["png", "zip"])
def test_binary_is_recognised(data: bytes) -> None:
    assert looks_binary(data)


@pytest.mark.bad_input
def test_invalid_utf8_never_raises_and_keeps_the_readable_text() -> None:
    data = TEXT.encode() + b"\xff\xfe\xc3\x28 caf\xe9\n" + codecs.BOM_UTF8
    text, _ = decode_bytes(data)
    assert "The harbour reopened on Monday" in text


@pytest.mark.bad_input
@pytest.mark.parametrize("declared", ['<meta charset="utf-8">', ""], ids=["declared", "undeclared"])
def test_utf8_with_one_stray_bad_byte_is_read_as_utf8(declared: str) -> None:
    # A character cut in half by a teaser's "..." in a UTF-8 page of mostly ASCII markup: a
    # browser shows one U+FFFD and every other character as written; detection read the whole
    # page in a legacy code page and garbled every accented word.
    menu = '<div class="menu-item"><a href="/kategoria/x">Informacje</a></div>\n' * 50
    body = "<p>Sprzeciw wobec ataków na fundację, mówi ksiądz. Żółta łódź płynęła.</p>" * 3
    page = (f"<html><head>{declared}</head><body>{menu}{body}</body></html>".encode()
            + "<span>paczek papieros".encode() + b"\xc3...</span>")
    text, encoding = decode_html(page)
    assert "Żółta łódź płynęła" in text and "papieros\ufffd..." in text
    assert encoding == "utf-8 (with replacements)"


@pytest.mark.bad_input
def test_a_legacy_page_is_not_taken_for_utf8_with_strays() -> None:
    page = '<html><head><meta charset="utf-8"></head><body><p>Zażółć gęślą jaźń.</p></body></html>'
    text, encoding = decode_html(page.encode("cp1250"))
    assert "Zażółć gęślą jaźń." in text and encoding == "cp1250"
