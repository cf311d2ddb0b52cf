import gzip
import io
import json

import pytest
import zstandard

from cleaner.readers.records import read_jsonl_stream
from cleaner.readers.stdin import open_stdin

LINES = [{"id": i, "text": f"Advertisement\nBody {i}.\n"} for i in range(3)]
JSONL = "".join(json.dumps(line) + "\n" for line in LINES).encode()


@pytest.mark.parametrize("data", [JSONL, b"\n\n" + JSONL, gzip.compress(JSONL),
                                  zstandard.ZstdCompressor().compress(JSONL[:40])
                                  + zstandard.ZstdCompressor().compress(JSONL[40:])],
                         ids=["plain", "leading-blank-lines", "gzip", "zstd-two-frames"])
def test_jsonl_is_recognised_and_streamed_whole(data: bytes) -> None:
    kind, stream = open_stdin(io.BytesIO(data))
    assert kind == "jsonl"
    records = list(read_jsonl_stream(stream, display="<stdin>"))
    assert [r.fields["id"] for r in records] == [0, 1, 2]
    assert records[1].text == "Advertisement\nBody 1.\n" and records[1].source.startswith("<stdin>:")


def test_a_first_record_longer_than_the_sniffed_bytes_is_still_jsonl() -> None:
    data = json.dumps({"text": "word " * 40000}).encode() + b"\n" + JSONL
    kind, stream = open_stdin(io.BytesIO(data))
    assert kind == "jsonl"
    assert len(list(read_jsonl_stream(stream, display="<stdin>"))) == 4


@pytest.mark.bad_input
@pytest.mark.parametrize("data", [b"Advertisement\nA plain story.\n", b"<html><body><p>Hi</p></body></html>",
                                  b"{braces} open this text, which is not JSON\nat all\n",
                                  b'["a JSON array", "is not a record"]\n', b""],
                         ids=["text", "html", "braces", "array", "empty"])
def test_anything_else_is_one_document_with_every_byte_kept(data: bytes) -> None:
    kind, stream = open_stdin(io.BytesIO(data))
    assert kind == "document"
    assert stream.read() == data


def test_a_compressed_document_is_decompressed() -> None:
    data = b"Advertisement\n" + b"A long story. " * 10000
    kind, stream = open_stdin(io.BytesIO(gzip.compress(data)))
    assert kind == "document" and stream.read() == data


@pytest.mark.bad_input
@pytest.mark.parametrize("compress", [gzip.compress, lambda data: zstandard.ZstdCompressor().compress(data)],
                         ids=["gzip", "zstd"])
def test_a_truncated_compressed_stream_says_it_ends_early(compress) -> None:
    data = "".join(json.dumps({"id": i, "text": f"Story {i} of the quay, told at length. " * 20}) + "\n"
                   for i in range(2000)).encode()
    whole = compress(data)
    kind, stream = open_stdin(io.BytesIO(whole[: len(whole) // 2]))
    assert kind == "jsonl"
    with pytest.raises(EOFError):
        stream.read()
