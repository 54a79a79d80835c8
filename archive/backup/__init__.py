"""``export_archive`` and ``import_archive``: the archive as one JSON document
(``export``: readable issues and entities, then ``tables``: every row), and
rebuilt from it (``restore``)."""
