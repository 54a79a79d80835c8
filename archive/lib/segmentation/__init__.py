"""Word segmentation, kept free of Django so that it can be tested and
benchmarked alone: the models store what these functions return, and the admin
hands editors' corrections to them.
"""

from .corrections import Correction, CorrectionError, correct, spaced
from .keywords import counted_words, keywords
from .terms import query_terms, search_terms
from .tokenizer import (
    BLOCK,
    WORD_CHARACTER,
    Token,
    apply_lexicon,
    data_dir,
    reset_lexicon,
    segment,
    set_lexicon_source,
    shared_tokenizer,
    validate_word,
)

__all__ = [
    "BLOCK",
    "WORD_CHARACTER",
    "Correction",
    "CorrectionError",
    "Token",
    "apply_lexicon",
    "correct",
    "counted_words",
    "data_dir",
    "keywords",
    "query_terms",
    "reset_lexicon",
    "search_terms",
    "segment",
    "set_lexicon_source",
    "shared_tokenizer",
    "spaced",
    "validate_word",
]
