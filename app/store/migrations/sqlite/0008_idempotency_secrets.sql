-- Stored idempotent responses could hold secrets in clear (a new token,
-- a registration's token): responses that carry one are no longer stored,
-- and those kept before are dropped. They only serve retries.
DELETE FROM idempotency_keys;
