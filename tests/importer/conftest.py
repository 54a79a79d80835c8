"""What the importer's tests share: a copy of one seed page that a test may
rewrite, as a changed page would come back for re-import."""

import shutil

import pytest

SEED = "003_53491b8926f1e68c.txt"  # the one page with a full masthead, dated 2024-07-25


@pytest.fixture
def page(tmp_path, seeds_dir):
    """A copy of the seed page ``SEED`` that a test may rewrite."""
    path = tmp_path / SEED
    shutil.copy(seeds_dir / SEED, path)
    return path


def rewrite(path, *replacements):
    """Replace each (old, new) in the page at ``path``; every old text must be there."""
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
