"""One parser per file format, each ``bytes -> ParsedFile`` (see ``base.Parser``);
``assistant.ingest`` picks one by suffix."""
