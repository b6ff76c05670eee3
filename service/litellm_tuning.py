"""Per-call CPU that litellm spends for nothing, removed once at start-up.

litellm 1.106 re-reads and re-parses its bundled price map (a ~1.5 MB JSON file shipped
inside the package) on every Bedrock Converse call to a non-Anthropic model:
`AmazonConverseConfig._supports_sampling_params` asks
`AnthropicModelInfo._get_model_capability` for up to four model-name candidates, and each
lookup evaluates `get_bundled_model_cost_map()` eagerly. Profiled under load that is most
of litellm's ~4 ms of CPU per call, and the service runs it on every summary.

The file is part of the installed package and cannot change while the process runs, so
memoising the function returns exactly what it returned before. The parsed map is shared,
which is safe because litellm only reads it (checked for this version range, see the
test). This is a performance fix, not a fake: behaviour is unchanged and the test pins it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import litellm.utils

_MEMOISED_MARK = "_oci_memoised"


def tune_litellm() -> bool:
    """Memoise litellm's bundled price-map loader; True when it was (or already is) memoised.

    Idempotent. Does nothing (returns False) if a litellm release renames the function.
    """
    loader: Callable[[], dict[str, Any]] | None = getattr(
        litellm.utils, "get_bundled_model_cost_map", None
    )
    if loader is None:
        return False
    if getattr(loader, _MEMOISED_MARK, False):
        return True
    memoised = functools.cache(loader)
    setattr(memoised, _MEMOISED_MARK, True)
    litellm.utils.get_bundled_model_cost_map = memoised  # type: ignore[attr-defined]
    return True
