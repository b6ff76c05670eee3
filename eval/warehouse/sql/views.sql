-- Report views, written once for DuckDB, PostgreSQL and Redshift: ANSI joins, window
-- functions, CASE, date_trunc('week', ...) (ISO weeks, Monday first) and percentile_cont.
-- Ratios are left to the reader as counts, so every consumer rounds the same way.

-- The feedback that counts: the latest event per request (agents may change their mind).
CREATE VIEW v_feedback_latest AS
SELECT feedback_id, request_id, unique_process_id, contact_id, account_number, helpful,
       comment, received_at, prompt_name, prompt_version, model_used, cache_hit,
       generation_timestamp,
       CAST(date_trunc('week', generation_timestamp) AS DATE) AS week_start
FROM (
    SELECT f.*,
           ROW_NUMBER() OVER (
               PARTITION BY request_id ORDER BY received_at DESC, feedback_id DESC
           ) AS vote_rank
    FROM omni_feedback f
) ranked
WHERE vote_rank = 1;

-- Helpful / not-helpful counts per week of generation, prompt version and model.
CREATE VIEW v_weekly_helpful AS
SELECT week_start, prompt_version, model_used,
       COUNT(*) AS n_feedback,
       SUM(CASE WHEN helpful THEN 1 ELSE 0 END) AS n_helpful,
       SUM(CASE WHEN helpful THEN 0 ELSE 1 END) AS n_not_helpful
FROM v_feedback_latest
GROUP BY week_start, prompt_version, model_used;

-- Generation performance per week and prompt version (model-called summaries only:
-- "No interactions found" answers cost nothing and take no time, and would flatter both).
-- A validation failure is a summary whose first draft failed the service's claim check
-- (it was regenerated, redacted or withheld); the rate is over checked summaries.
CREATE VIEW v_weekly_performance AS
SELECT CAST(date_trunc('week', generation_timestamp) AS DATE) AS week_start, prompt_version,
       COUNT(*) AS n_summaries,
       SUM(CASE WHEN fallback_used THEN 1 ELSE 0 END) AS n_failover,
       percentile_cont(0.50) WITHIN GROUP (ORDER BY latency_ms) AS latency_p50,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS latency_p95,
       percentile_cont(0.99) WITHIN GROUP (ORDER BY latency_ms) AS latency_p99,
       SUM(cost) AS cost_total,
       SUM(CASE WHEN summary_check <> 'not_checked' THEN 1 ELSE 0 END) AS n_checked,
       SUM(CASE WHEN summary_check IN ('regenerated', 'redacted', 'withheld')
                THEN 1 ELSE 0 END) AS n_check_failed
FROM omni_summaries
WHERE model_called
GROUP BY CAST(date_trunc('week', generation_timestamp) AS DATE), prompt_version;

-- The same over every version: percentiles cannot be combined from the per-version rows.
CREATE VIEW v_weekly_performance_total AS
SELECT CAST(date_trunc('week', generation_timestamp) AS DATE) AS week_start,
       COUNT(*) AS n_summaries,
       SUM(CASE WHEN fallback_used THEN 1 ELSE 0 END) AS n_failover,
       percentile_cont(0.50) WITHIN GROUP (ORDER BY latency_ms) AS latency_p50,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS latency_p95,
       percentile_cont(0.99) WITHIN GROUP (ORDER BY latency_ms) AS latency_p99,
       SUM(cost) AS cost_total,
       SUM(CASE WHEN summary_check <> 'not_checked' THEN 1 ELSE 0 END) AS n_checked,
       SUM(CASE WHEN summary_check IN ('regenerated', 'redacted', 'withheld')
                THEN 1 ELSE 0 END) AS n_check_failed
FROM omni_summaries
WHERE model_called
GROUP BY CAST(date_trunc('week', generation_timestamp) AS DATE);

-- Requests with the gap to the previous request of the same process: an agent transfer is a
-- repeat of a unique_process_id within 5 minutes (the seed's cache-hit KPI population).
CREATE VIEW v_request_transfers AS
SELECT request_id, unique_process_id, received_at, outcome, cache_hit,
       CAST(date_trunc('week', received_at) AS DATE) AS week_start,
       CASE WHEN previous_at IS NOT NULL AND received_at <= previous_at + INTERVAL '5 minutes'
            THEN 1 ELSE 0 END AS is_transfer_5min
FROM (
    SELECT r.*,
           LAG(received_at) OVER (
               PARTITION BY unique_process_id ORDER BY received_at, request_id
           ) AS previous_at
    FROM omni_requests r
) ordered;

-- Request outcomes per week: errors (503s), cache hits, and cache hits on 5-minute transfers.
CREATE VIEW v_weekly_requests AS
SELECT week_start,
       COUNT(*) AS n_requests,
       SUM(CASE WHEN outcome = 'error' THEN 1 ELSE 0 END) AS n_errors,
       SUM(CASE WHEN cache_hit THEN 1 ELSE 0 END) AS n_cache_hits,
       SUM(is_transfer_5min) AS n_transfers_5min,
       SUM(CASE WHEN is_transfer_5min = 1 AND cache_hit THEN 1 ELSE 0 END) AS n_transfer_hits_5min
FROM v_request_transfers
GROUP BY week_start;

-- Summary effectiveness per day (the seed's first dashboard: helpful ratio over time).
CREATE VIEW v_daily_effectiveness AS
SELECT CAST(generation_timestamp AS DATE) AS day, prompt_version,
       COUNT(*) AS n_feedback,
       SUM(CASE WHEN helpful THEN 1 ELSE 0 END) AS n_helpful
FROM v_feedback_latest
GROUP BY CAST(generation_timestamp AS DATE), prompt_version;

-- Summaries with the vote that counts, their options and interactions: the judge-agreement
-- and regression-set input. A summary served to several agents (transfers) appears once per vote.
CREATE VIEW v_rated_summaries AS
SELECT fb.week_start, fb.request_id AS voted_request_id, fb.helpful, fb.comment,
       fb.received_at, s.request_id, s.contact_id, s.account_number, s.generation_timestamp,
       s.prompt_version, s.model_used, s.summary_text, s.ivr_intent, c.max_history_days,
       c.max_interactions, c.channel_filter, c.interactions
FROM v_feedback_latest fb
JOIN omni_summaries s
  ON s.unique_process_id = fb.unique_process_id
 AND s.generation_timestamp = fb.generation_timestamp
JOIN omni_summary_context c ON c.request_id = s.request_id;
