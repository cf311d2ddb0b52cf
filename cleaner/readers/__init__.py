"""Reading inputs: finding the files under the paths given, and turning bytes into Documents."""

from cleaner.readers.files import InputFile, discover
from cleaner.readers.text import decode_bytes, read_text

__all__ = ["InputFile", "decode_bytes", "discover", "read_text"]
