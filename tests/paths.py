"""The checkout's folders, as the tests in every subfolder find them."""

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO / "seeds"
