-- Production twin of tables.sql for Amazon Redshift. Same columns, same order, same types;
-- distribution and sort keys chosen for the weekly report's access pattern (a week at a time,
-- joins on the process id). After these, run views.sql unchanged: it is the same view SQL
-- the tests run on DuckDB and PostgreSQL.
--
-- Loading: COPY each source from S3 into a staging table, then the dedup below (the ETL in
-- eval/warehouse/load.py does the same with DuckDB window functions):
--   COPY omni_processed_staging FROM 's3://<bucket>/omni-channel/processed/dt=2026-11-'
--     IAM_ROLE '<role-arn>' FORMAT AS JSON 'auto ignorecase' TIMEFORMAT 'auto';
--   DELETE FROM omni_summaries USING omni_processed_staging s
--     WHERE omni_summaries.contact_id = s.contact_id
--       AND omni_summaries.generation_timestamp = s.generation_timestamp;
--   INSERT INTO omni_summaries SELECT ... FROM (SELECT *, ROW_NUMBER() OVER (
--     PARTITION BY contact_id, generation_timestamp ORDER BY request_id) AS rn
--     FROM omni_processed_staging) WHERE rn = 1;

CREATE TABLE IF NOT EXISTS omni_summaries (
    contact_id VARCHAR(128) NOT NULL,
    account_number VARCHAR(64) NOT NULL,
    summary_text VARCHAR(8000) NOT NULL,
    model_used VARCHAR(256) NOT NULL,
    prompt_version VARCHAR(64) NOT NULL,
    generation_timestamp TIMESTAMP NOT NULL,
    latency_ms DOUBLE PRECISION NOT NULL,
    cache_hit BOOLEAN NOT NULL,
    cost DOUBLE PRECISION NOT NULL,
    helpful_feedback BOOLEAN,
    feedback_timestamp TIMESTAMP,
    request_id VARCHAR(128) NOT NULL,
    unique_process_id VARCHAR(256) NOT NULL,
    prompt_name VARCHAR(128) NOT NULL,
    fallback_used BOOLEAN NOT NULL,
    model_called BOOLEAN NOT NULL,
    input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    interaction_count INTEGER NOT NULL,
    ivr_intent VARCHAR(200) NOT NULL,
    feedback_count INTEGER NOT NULL,
    summary_check VARCHAR(32) NOT NULL,
    PRIMARY KEY (contact_id, generation_timestamp)  -- informational in Redshift: the ETL dedups
)
DISTSTYLE KEY DISTKEY (unique_process_id)
COMPOUND SORTKEY (generation_timestamp, prompt_version);

CREATE TABLE IF NOT EXISTS omni_summary_context (
    request_id VARCHAR(128) NOT NULL,
    max_history_days INTEGER NOT NULL,
    max_interactions INTEGER NOT NULL,
    channel_filter VARCHAR(256),
    interactions VARCHAR(65535) NOT NULL,
    PRIMARY KEY (request_id)
)
DISTSTYLE KEY DISTKEY (request_id);

CREATE TABLE IF NOT EXISTS omni_feedback (
    feedback_id VARCHAR(128) NOT NULL,
    idempotency_key VARCHAR(256),
    request_id VARCHAR(128) NOT NULL,
    unique_process_id VARCHAR(256) NOT NULL,
    contact_id VARCHAR(128) NOT NULL,
    account_number VARCHAR(64) NOT NULL,
    helpful BOOLEAN NOT NULL,
    comment VARCHAR(2000),
    received_at TIMESTAMP NOT NULL,
    prompt_name VARCHAR(128),
    prompt_version VARCHAR(64) NOT NULL,
    model_used VARCHAR(256) NOT NULL,
    cache_hit BOOLEAN NOT NULL,
    generation_timestamp TIMESTAMP NOT NULL,
    PRIMARY KEY (feedback_id)
)
DISTSTYLE KEY DISTKEY (unique_process_id)
COMPOUND SORTKEY (generation_timestamp);

CREATE TABLE IF NOT EXISTS omni_requests (
    request_id VARCHAR(128) NOT NULL,
    unique_process_id VARCHAR(256) NOT NULL,
    contact_id VARCHAR(128) NOT NULL,
    received_at TIMESTAMP NOT NULL,
    outcome VARCHAR(32) NOT NULL,
    cache_hit BOOLEAN NOT NULL,
    latency_ms DOUBLE PRECISION NOT NULL,
    prompt_version VARCHAR(64),
    model_used VARCHAR(256),
    generation_timestamp TIMESTAMP,
    PRIMARY KEY (request_id)
)
DISTSTYLE KEY DISTKEY (unique_process_id)
COMPOUND SORTKEY (received_at);
