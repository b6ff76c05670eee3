"""What the loader runs after staging a source into its temp table `stage_<source>`."""

from __future__ import annotations

# What each source loads into, and the key its rows are deleted by when a partition reloads.
TARGETS = {
    "processed": (("omni_summaries", "omni_summary_context"), "request_id"),
    "feedback": (("omni_feedback",), "feedback_id"),
    "requests": (("omni_requests",), "request_id"),
}
INSERTS = {
    "feedback": (
        "INSERT INTO omni_feedback SELECT feedback_id, idempotency_key, request_id,"
        " unique_process_id, contact_id, account_number, feedback = 'helpful', comment,"
        " received_at, prompt_name, prompt_version, model_used, cache_hit,"
        " generation_timestamp FROM stage_feedback",
    ),
    "requests": (
        "INSERT INTO omni_requests SELECT request_id, unique_process_id, contact_id,"
        " received_at, outcome, cache_hit, latency_ms, prompt_version, model_used,"
        " generation_timestamp FROM stage_requests",
    ),
    "processed": (
        "INSERT INTO omni_summaries SELECT p.contact_id, p.account_number, p.summary,"
        " p.model_used, p.prompt_version, p.generation_timestamp, p.latency_ms,"
        " r.unique_process_id IS NOT NULL, p.cost_usd, v.helpful, v.voted_at, p.request_id,"
        " p.unique_process_id, p.prompt_name, p.fallback_used, p.model_used <> 'none',"
        " p.input_tokens, p.output_tokens, p.interaction_count, p.ivr_intent,"
        " coalesce(v.votes, 0), p.summary_check FROM stage_processed p LEFT JOIN stage_votes v"
        " USING (unique_process_id, generation_timestamp) LEFT JOIN stage_reused r USING"
        " (unique_process_id, generation_timestamp)",
        "INSERT INTO omni_summary_context SELECT request_id, max_history_days,"
        " max_interactions, channel_filter, interactions FROM stage_processed",
    ),
}
# What summaries need from every loaded event (changed partitions or not), computed once all
# feedback and requests are in: the vote that counts per summary (the latest latest-per-
# request vote of its requests: a vote's partition is its day, not its summary's), and whether
# any later request was answered from the cache.
CROSS_PARTITION = (
    "CREATE TEMP TABLE stage_votes AS SELECT unique_process_id, generation_timestamp,"
    " arg_max(helpful, received_at) AS helpful, max(received_at) AS voted_at,"
    " count(*) AS votes FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY request_id"
    " ORDER BY received_at DESC, feedback_id DESC) AS vote_rank FROM omni_feedback)"
    " WHERE vote_rank = 1 GROUP BY unique_process_id, generation_timestamp",
    "CREATE TEMP TABLE stage_reused AS SELECT DISTINCT unique_process_id,"
    " generation_timestamp FROM (SELECT unique_process_id, generation_timestamp"
    " FROM omni_requests WHERE cache_hit UNION ALL SELECT unique_process_id,"
    " generation_timestamp FROM omni_feedback WHERE cache_hit)",
)
# Summaries of unchanged partitions whose votes or cache hits changed (new feedback or
# requests): recompute exactly what a full rebuild would write, update only those rows.
# A rebuild has no such rows.
REVOTES = (
    "CREATE TEMP TABLE stage_revoted AS SELECT s.contact_id, s.generation_timestamp,"
    " r.unique_process_id IS NOT NULL AS cache_hit, v.helpful, v.voted_at,"
    " coalesce(v.votes, 0) AS votes FROM omni_summaries s LEFT JOIN stage_votes v"
    " ON s.unique_process_id = v.unique_process_id AND s.generation_timestamp ="
    " v.generation_timestamp LEFT JOIN stage_reused r ON s.unique_process_id ="
    " r.unique_process_id AND s.generation_timestamp = r.generation_timestamp WHERE"
    " s.cache_hit <> (r.unique_process_id IS NOT NULL) OR s.helpful_feedback IS DISTINCT"
    " FROM v.helpful OR s.feedback_timestamp IS DISTINCT FROM v.voted_at OR"
    " s.feedback_count <> coalesce(v.votes, 0)",
    "UPDATE omni_summaries SET cache_hit = d.cache_hit, helpful_feedback = d.helpful,"
    " feedback_timestamp = d.voted_at, feedback_count = d.votes FROM stage_revoted d WHERE"
    " omni_summaries.contact_id = d.contact_id AND omni_summaries.generation_timestamp ="
    " d.generation_timestamp",
    "DROP TABLE stage_revoted",
)
# A re-simulated week replaces the week: `oci simulate` names every request
# `sim-<week>-r<run>-...` (run: when it started, fixed width), and only each week's latest run
# is kept, whatever objects of earlier runs the blob store still holds. Traffic without the
# prefix is never touched; simulations from before run names count as the oldest run.
_SIM_RUN = (
    "regexp_extract(request_id, '^sim-([0-9]{4}-W[0-9]{2})-', 1) AS sim_week,"
    " regexp_extract(request_id, '^sim-[0-9]{4}-W[0-9]{2}-r([0-9]+)-', 1) AS sim_run"
)
SUPERSEDED_SIMULATIONS = (
    "CREATE TEMP TABLE stage_sim_latest AS SELECT sim_week, max(sim_run) AS sim_run FROM"
    f" (SELECT {_SIM_RUN} FROM (SELECT request_id FROM omni_requests WHERE request_id LIKE"
    " 'sim-%' UNION ALL SELECT request_id FROM omni_summaries WHERE request_id LIKE 'sim-%'"
    " UNION ALL SELECT request_id FROM omni_feedback WHERE request_id LIKE 'sim-%'))"
    " GROUP BY sim_week",
    *(
        f"DELETE FROM {table} WHERE request_id LIKE 'sim-%' AND request_id IN (SELECT"
        f" request_id FROM (SELECT request_id, {_SIM_RUN} FROM {table} WHERE request_id LIKE"
        " 'sim-%') t JOIN stage_sim_latest l USING (sim_week) WHERE t.sim_run < l.sim_run)"
        for table in ("omni_summaries", "omni_summary_context", "omni_feedback", "omni_requests")
    ),
    "DROP TABLE stage_sim_latest",
)
