-- Campaign progress: covering indexes for the per-zone GROUP BY queries
-- over a campaign's events and deals.
CREATE INDEX IF NOT EXISTS ix_events_progress ON events (campaign_id, zone_id, kind, status, starts_at, ends_at);
CREATE INDEX IF NOT EXISTS ix_deals_progress ON deals (campaign_id, zone_id, status, instrument, amount_cny);
