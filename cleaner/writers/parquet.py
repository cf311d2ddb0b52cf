"""A Parquet output written atomically, row group by row group (pyarrow imported only here,
when a Parquet file is written)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from cleaner.writers.atomic import new_temporary

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.parquet as pq


@contextmanager
def parquet_writer(path: Path, schema: pa.Schema) -> Iterator[pq.ParquetWriter]:
    """A writer into a temporary file beside ``path`` (the sweep after a killed run knows its
    name), renamed into place only when every row group was written and the footer closed:
    a Parquet file without its footer cannot be read at all."""
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = new_temporary(path)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        with pq.ParquetWriter(tmp, schema) as writer:
            yield writer
        os.replace(tmp_path, path)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise
