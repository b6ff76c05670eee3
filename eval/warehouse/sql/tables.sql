-- Warehouse tables, in the SQL subset DuckDB, PostgreSQL and Redshift all accept.
-- The first eleven columns of omni_summaries are the seed's schema (CSDXOCI-4), in its order;
-- the rest are what the weekly report needs beyond it. redshift_ddl.sql is the production twin.

CREATE TABLE omni_summaries (
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
    -- What the service's claim check did: passed, regenerated, redacted, withheld, not_checked.
    summary_check VARCHAR(32) NOT NULL
);

-- What a regression case and the judge need: the options and the interactions summarised.
CREATE TABLE omni_summary_context (
    request_id VARCHAR(128) NOT NULL,
    max_history_days INTEGER NOT NULL,
    max_interactions INTEGER NOT NULL,
    channel_filter VARCHAR(256),
    interactions VARCHAR(65535) NOT NULL
);

-- Every archived feedback event (the service keeps all; v_feedback_latest picks the one that counts).
CREATE TABLE omni_feedback (
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
    generation_timestamp TIMESTAMP NOT NULL
);

-- Every answered or failed summary request (cache hits and 503s included): the served log.
CREATE TABLE omni_requests (
    request_id VARCHAR(128) NOT NULL,
    unique_process_id VARCHAR(256) NOT NULL,
    contact_id VARCHAR(128) NOT NULL,
    received_at TIMESTAMP NOT NULL,
    outcome VARCHAR(32) NOT NULL,
    cache_hit BOOLEAN NOT NULL,
    latency_ms DOUBLE PRECISION NOT NULL,
    prompt_version VARCHAR(64),
    model_used VARCHAR(256),
    generation_timestamp TIMESTAMP
);
