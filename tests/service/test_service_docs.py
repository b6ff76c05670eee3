"""`/docs` and `/redoc` work offline: every asset they load is served by the service."""

from __future__ import annotations

import re

import httpx
import pytest
from oci_testing.service_env import RunningService


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_the_api_docs_load_only_local_assets_and_need_no_token(
    service: RunningService, page: str
) -> None:
    response = httpx.get(f"{service.base_url}{page}")
    assert response.status_code == 200
    html = response.text
    assert "/openapi.json" in html
    assert not re.search(r"(src|href)=[\"']?(https?:)?//", html), html  # nothing from a CDN
    assets = re.findall(r"(?:src|href)=[\"']?(/docs-assets/[^\"' >]+)", html)
    assert any(asset.endswith(".js") for asset in assets), html
    for asset in assets:
        loaded = httpx.get(f"{service.base_url}{asset}")
        assert loaded.status_code == 200 and len(loaded.content) > 1000, asset
