-- Hand-written: the functions that keep search and hidden claim statements in step run their statements on a
-- generic plan, made once per connection. They take their rows as arrays of ids, and PostgreSQL chose a custom plan
-- for each call (for that call's array) and so planned every statement again on every call: ~1 ms a call, most of a
-- one-statement create's time in the database. `column = ANY (ids)` is an index scan on either plan — linear in the
-- ids, the point of 20261208000000_linear_bulk_indexing — so one plan serves every call, a few ids or many. Same
-- rows written as before.
ALTER FUNCTION search_index_annotations(TEXT[], TEXT[]) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION search_index_replies(TEXT[], TEXT[]) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION search_index_claims(TEXT[], TEXT[]) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION search_index_documents(TEXT[], TEXT[]) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION claim_refresh_statement_hidden(TEXT[], TEXT[]) SET plan_cache_mode = force_generic_plan;
