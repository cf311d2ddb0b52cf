"""Inputs and outputs named by URL (``s3://``, ``gs://``, ``file://``, any fsspec file
system), for archives kept in object storage.

Remote files are staged: a task downloads its input to a temporary folder, cleans it with the
same code as a local file, and uploads its output (one ``put``, which object stores make
visible whole or not at all). Record sources, rejects and reports name the URL, never the
temporary copy, so a rerun names everything the same. The run's own files (manifest, rejects,
warnings, report) are kept in a local state folder and copied to ``OUT/.cleaner/`` at the end;
a rerun copies the manifest back first, so it resumes from another machine too.

Needs ``fsspec`` (in the ``ray`` extra) and the file system's own package (``s3fs``, ``gcsfs``,
``adlfs``), installed by the user; imported only when a URL is given.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from cleaner.errors import CleanerError, InputError
from cleaner.readers.files import INPUT_SUFFIXES, InputFile, matches_glob
from cleaner.readers.records import archive_kind

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
# Object stores show an object whole or not at all: a put to the final name is atomic there.
_ATOMIC_PUT = frozenset({"s3", "s3a", "gs", "gcs", "az", "abfs", "abfss", "adl", "oss", "r2"})


def is_url(name: str | Path | None) -> bool:
    return isinstance(name, str) and bool(_URL.match(name))


def file_system(url: str) -> tuple[Any, str]:
    """The fsspec file system of a URL, and the path inside it."""
    try:
        from fsspec.core import url_to_fs
    except ImportError:
        raise CleanerError(f"{url}: URLs need fsspec (pip install 'cleaner[ray]'), and the file system's own "
                           "package (s3fs for s3://, gcsfs for gs://)") from None
    try:
        return url_to_fs(url)
    except (ImportError, ValueError) as exc:
        raise CleanerError(f"{url}: cannot open this file system ({exc}); install its fsspec package "
                           "(s3fs for s3://, gcsfs for gs://, adlfs for az://)") from None


def url_name(url: str) -> PurePosixPath:
    """The path part of a URL, for names: ``s3://b/crawl/a.jsonl`` -> ``/b/crawl/a.jsonl``."""
    return PurePosixPath(_URL.sub("/", url, count=1))


def join(url: str, relative: PurePosixPath | Path | str) -> str:
    return url.rstrip("/") + "/" + PurePosixPath(str(relative).replace("\\", "/")).as_posix()


def discover_urls(urls: Sequence[str], *, include: Sequence[str] = (),
                  exclude: Sequence[str] = ()) -> Iterator[InputFile]:
    """Input files under each URL, sorted, filtered as local folders are (``--include``,
    ``--exclude``); a URL of one file is taken as it is. ``path`` holds the URL."""
    for url in urls:
        fs, root = file_system(url)
        try:
            is_dir = fs.isdir(root)
            found = sorted(fs.find(root)) if is_dir else None
        except OSError as exc:
            raise InputError(f"{url}: cannot list it ({exc})") from None
        if found is None:
            if not fs.exists(root):
                raise InputError(f"{url}: no such file or folder")
            yield InputFile(url, Path(PurePosixPath(root).name))  # type: ignore[arg-type]
            continue
        prefix = root.rstrip("/") + "/"
        for path in found:
            relative = PurePosixPath(path[len(prefix):] if path.startswith(prefix) else PurePosixPath(path).name)
            if not (relative.suffix.lower() in INPUT_SUFFIXES or archive_kind(Path(relative.name))):
                continue
            if include and not any(matches_glob(relative, g) for g in include):
                continue
            if any(matches_glob(relative, g) for g in exclude):
                continue
            yield InputFile(join(url, relative), Path(relative))  # type: ignore[arg-type]


def signature(url: str) -> dict[str, Any]:
    """What identifies the object's content as it is now: size, and the store's version tag or
    modification time."""
    fs, path = file_system(url)
    info = fs.info(path)
    tag = next((str(info[k]) for k in ("ETag", "etag", "md5Hash", "crc32c", "mtime", "LastModified", "updated",
                                       "created") if info.get(k) is not None), "")
    return {"size": int(info.get("size") or 0), "tag": tag}


def exists(url: str) -> bool:
    fs, path = file_system(url)
    return bool(fs.exists(path))


def size(url: str) -> int:
    fs, path = file_system(url)
    return int(fs.size(path) or 0)


def download(url: str, local: Path) -> None:
    fs, path = file_system(url)
    local.parent.mkdir(parents=True, exist_ok=True)
    fs.get_file(path, str(local))


def upload(local: Path, url: str) -> None:
    """``local`` to ``url``, seen whole or not at all: a put to the final name on object
    stores, a put beside it and a rename elsewhere."""
    fs, path = file_system(url)
    parent = path.rsplit("/", 1)[0] if "/" in path else ""
    if parent:
        fs.makedirs(parent, exist_ok=True)
    protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
    if protocol in _ATOMIC_PUT:
        fs.put_file(str(local), path)
        return
    digest = hashlib.sha1(str(local).encode("utf-8", "surrogateescape")).hexdigest()[:8]
    temporary = f"{path}.tmp-{digest}"
    fs.put_file(str(local), temporary)
    fs.mv(temporary, path)


def local_state(out: str) -> Path:
    """The local folder for the run state of a remote ``--out``: the same for the same URL."""
    return Path(tempfile.gettempdir()) / "cleaner-state" / hashlib.sha256(out.encode()).hexdigest()[:20]
