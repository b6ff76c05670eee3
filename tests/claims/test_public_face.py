"""Code outside the claim checker imports it only through `service.claims`'s public names."""

from __future__ import annotations

from oci_testing.import_graph import imports

import service.claims


def test_outside_code_imports_only_the_public_names() -> None:
    reached_in = [
        f"{found.importer}:{found.line} imports {found.imported}.{found.name}"
        for found in imports()
        if found.imported.startswith("service.claims")
        and not found.importer.startswith("service.claims")
        and (found.imported != "service.claims" or found.name not in service.claims.__all__)
    ]
    assert reached_in == []


def test_every_public_name_is_there() -> None:
    missing = [name for name in service.claims.__all__ if not hasattr(service.claims, name)]
    assert missing == []
