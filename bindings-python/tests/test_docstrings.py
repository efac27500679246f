"""The examples in the package's module docstrings run as written (doctest)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "envoi",
    "envoi.account",
    "envoi.billing",
    "envoi.contacts",
    "envoi.credits",
    "envoi.invoice",
    "envoi.post",
    "envoi.schedule",
    "envoi.security",
    "envoi.senders",
    "envoi.templates",
    "envoi.tracking",
    "envoi.vat",
]


@pytest.mark.parametrize("name", MODULES)
def test_module_examples_run(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.attempted > 0, f"{name} has no example"
    assert result.failed == 0
