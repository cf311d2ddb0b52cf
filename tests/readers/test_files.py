import os
from pathlib import Path, PurePosixPath

import pytest

from cleaner.errors import InputError
from cleaner.readers.files import discover, matches_glob
from tests.listing import refuse_listing


@pytest.mark.parametrize(("relative", "pattern", "expected"), [
    ("a/b/page.html", "*.html", True),
    ("a/b/page.htm", "*.html", False),
    ("tag/river/index.html", "tag", True),         # a bare name matches a folder anywhere
    ("news/tag.html", "tag", False),
    ("news/2024/index.html", "news/*/index.html", True),
    ("news/2024/05/index.html", "news/**/index.html", True),
    ("index.html", "**/index.html", True),         # "**/" also matches at the top
    ("news/amp/story.html", "**/amp/*", True),
    ("amp/story.html", "**/amp/*", True),
    ("news/amp.html", "**/amp/*", False),
    ("drafts/x/y.txt", "drafts/", True),           # a trailing slash names the folder
    ("Page.HTML", "*.html", False),                # case matters, as on the file system
    ("a.txt", "  ", False),
])
def test_glob_meaning(relative: str, pattern: str, expected: bool) -> None:
    assert matches_glob(PurePosixPath(relative), pattern) is expected


def _tree(root: Path) -> None:
    for name in ["news/one.html", "news/amp/one.html", "tag/river.html", "notes.txt", "dump.jsonl",
                 "style.css", "news/two.htm"]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x", encoding="utf-8")


def _found(root: Path, **globs) -> list[str]:
    return [item.relative.as_posix() for item in discover([root], **globs)]


def test_include_and_exclude_filter_the_walk(tmp_path: Path) -> None:
    _tree(tmp_path)
    assert _found(tmp_path) == ["dump.jsonl", "news/amp/one.html", "news/one.html", "news/two.htm", "notes.txt",
                                "tag/river.html"]
    assert _found(tmp_path, include=["*.html"]) == ["news/amp/one.html", "news/one.html", "tag/river.html"]
    assert _found(tmp_path, include=["*.html", "*.htm"], exclude=["amp", "tag"]) == ["news/one.html",
                                                                                    "news/two.htm"]
    assert _found(tmp_path, exclude=["news/**"]) == ["dump.jsonl", "notes.txt", "tag/river.html"]
    # A glob cannot make a file of another kind an input: only known suffixes are read.
    assert _found(tmp_path, include=["*.css"]) == []


def test_a_file_named_on_its_own_ignores_the_globs(tmp_path: Path) -> None:
    _tree(tmp_path)
    named = tmp_path / "notes.txt"
    assert [item.path for item in discover([named], exclude=["*.txt"])] == [named]


@pytest.mark.bad_input
def test_missing_path_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nothing-here"):
        list(discover([tmp_path / "nothing-here"]))


@pytest.mark.bad_input
def test_links_inside_the_folder_are_followed_links_out_of_it_only_when_asked(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "news").mkdir(parents=True)
    (root / "news" / "a.txt").write_text("x", encoding="utf-8")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.txt").write_text("x", encoding="utf-8")
    (root / "latest").symlink_to(root / "news", target_is_directory=True)
    (root / "b.txt").symlink_to(root / "news" / "a.txt")
    (root / "out-file.txt").symlink_to(outside / "secret.txt")
    (root / "out-dir").symlink_to(outside, target_is_directory=True)
    (root / "news" / "loop").symlink_to(root, target_is_directory=True)
    (root / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    assert _found(root) == ["b.txt", "latest/a.txt", "news/a.txt"]
    assert _found(root, follow_symlinks=True) == ["b.txt", "latest/a.txt", "news/a.txt", "out-dir/secret.txt",
                                                  "out-file.txt"]


@pytest.mark.bad_input
@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="needs FIFOs and /dev/zero")
def test_only_regular_files_are_inputs(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    regular = tmp_path / "a.txt"
    regular.write_text("x", encoding="utf-8")
    (tmp_path / "via-link.txt").symlink_to(regular)
    for special in (fifo, Path("/dev/zero"), link):
        with pytest.raises(InputError, match="not a regular file") as caught:
            list(discover([special]))
        assert str(special) in str(caught.value) and "cleaner clean -" in str(caught.value)
    # A link to a regular file is one; a FIFO found in a folder is never opened.
    assert [item.path.name for item in discover([tmp_path / "via-link.txt"])] == ["via-link.txt"]
    assert _found(tmp_path) == ["a.txt", "via-link.txt"]


@pytest.mark.bad_input
def test_a_folder_that_cannot_be_listed_is_reported_not_passed_over(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "a.txt").write_text("A.\n", encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text("B.\n", encoding="utf-8")
    refuse_listing(monkeypatch, tmp_path / "locked")
    unreadable: list[dict[str, str]] = []
    found = [str(f.relative) for f in discover([tmp_path], unreadable=unreadable)]
    assert found == ["open/a.txt"]
    assert [r["source"] for r in unreadable] == [str(tmp_path / "locked")]
    assert "Permission denied" in unreadable[0]["reason"]


def test_a_tree_is_walked_in_the_order_of_its_relative_paths(tmp_path: Path) -> None:
    # Depth first, each folder by name: the order a sort of the whole tree gave, without it.
    names = ["a.txt", "a/x.txt", "a/b/y.txt", "a b/z.txt", "a-c.txt", "A.txt", "z/a.txt", "m.html", "a/0.txt"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    walked = [item.relative for item in discover([tmp_path])]
    assert walked == sorted((Path(n) for n in names), key=lambda p: p.parts)


def test_an_input_list_gives_back_the_inputs_it_was_given(tmp_path: Path) -> None:
    from cleaner.readers.files import InputFile, InputList

    items = [InputFile(tmp_path / "a" / "b.txt", Path("a/b.txt")), InputFile(tmp_path / "c.txt", Path("c.txt")),
             InputFile("s3://bucket/k/d.txt", Path("k/d.txt")),  # type: ignore[arg-type]
             InputFile(tmp_path / "e.txt", Path("other/name.txt"))]  # a name that is not the path's end
    held = InputList(items)
    assert list(held) == items and len(held) == 4 and held[-2] == items[2] and list(held[1:3]) == items[1:3]
    assert held.relative_text(0) == "a/b.txt" and held.is_url(2) and not held.is_url(0)
