"""The analytics warehouse: staged blob-store partitions loaded into DuckDB, portable views.

`run_etl` builds it; `sql/views.sql` holds the report views (DuckDB, PostgreSQL, Redshift);
`sql/redshift_ddl.sql` is the production schema.
"""
