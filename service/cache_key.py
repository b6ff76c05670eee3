"""Which SummaryCache entry a request may be answered from."""

from __future__ import annotations

from service.domain import DEFAULT_MAX_HISTORY_DAYS, DEFAULT_MAX_INTERACTIONS, InsightsQuery


def cache_key(request: InsightsQuery) -> str:
    """The SummaryCache key: the process id, plus the view when it is not the default.

    A transfer that asks for other channels or another window must not get a summary of
    different interactions, so those fields are part of the key. The default view keeps the
    bare `unique_process_id` (seed 000's key). `ivr_intent` is not part of it: a transfer
    carries the call's intent, and the response names the request that produced the summary.
    """
    days, count = request.max_history_days, request.max_interactions
    channels = sorted(request.channel_filter) if request.channel_filter else None
    if days == DEFAULT_MAX_HISTORY_DAYS and count == DEFAULT_MAX_INTERACTIONS and channels is None:
        return request.unique_process_id
    view = f"d{days}~n{count}~c{'+'.join(channels) if channels else 'all'}"
    return f"{request.unique_process_id}~{view}"
