-- Core schema: zones, branches, campaigns, organizations, events,
-- registrations, deals, experiences, tokens, idempotency keys.
CREATE TABLE IF NOT EXISTS branches (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'provincial',
  province TEXT NOT NULL,
  city TEXT NOT NULL DEFAULT '',
  created_at DATETIME NOT NULL,
  CONSTRAINT uq_branches_name UNIQUE (name)
);

CREATE TABLE IF NOT EXISTS zones (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  code TEXT,
  name_zh TEXT NOT NULL,
  short_name_zh TEXT NOT NULL DEFAULT '',
  name_en TEXT NOT NULL DEFAULT '',
  province TEXT NOT NULL,
  city TEXT NOT NULL DEFAULT '',
  branch_id INTEGER REFERENCES branches(id),
  since TEXT NOT NULL DEFAULT '',
  CONSTRAINT uq_zones_code UNIQUE (code),
  CONSTRAINT uq_zones_name UNIQUE (name_zh)
);
CREATE INDEX IF NOT EXISTS ix_zones_province ON zones(province);
CREATE INDEX IF NOT EXISTS ix_zones_branch ON zones(branch_id);

CREATE TABLE IF NOT EXISTS campaigns (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  contacts_due TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  created_at DATETIME NOT NULL,
  CONSTRAINT uq_campaigns_name UNIQUE (name)
);

CREATE TABLE IF NOT EXISTS org_contacts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  zone_id INTEGER REFERENCES zones(id),
  branch_id INTEGER REFERENCES branches(id),
  name TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  submitted_at DATETIME NOT NULL,
  CONSTRAINT uq_org_contacts_zone UNIQUE (campaign_id, zone_id),
  CONSTRAINT uq_org_contacts_branch UNIQUE (campaign_id, branch_id)
);

CREATE TABLE IF NOT EXISTS enterprises (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  credit_code TEXT NOT NULL,
  zone_id INTEGER NOT NULL REFERENCES zones(id),
  sector TEXT NOT NULL,
  subsector TEXT NOT NULL DEFAULT '',
  stage TEXT NOT NULL,
  labels TEXT NOT NULL DEFAULT '[]',
  innovation_points INTEGER NOT NULL DEFAULT 0,
  need_amount_cny INTEGER NOT NULL DEFAULT 0,
  need_instruments TEXT NOT NULL DEFAULT '[]',
  need_purpose TEXT NOT NULL DEFAULT '',
  contact_name TEXT NOT NULL DEFAULT '',
  contact_title TEXT NOT NULL DEFAULT '',
  contact_email TEXT NOT NULL DEFAULT '',
  contact_phone TEXT NOT NULL DEFAULT '',
  contact_timezone TEXT NOT NULL DEFAULT '',
  pitch_deck_url TEXT NOT NULL DEFAULT '',
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  CONSTRAINT uq_enterprises_credit_code UNIQUE (credit_code)
);
CREATE INDEX IF NOT EXISTS ix_enterprises_zone ON enterprises(zone_id);
CREATE INDEX IF NOT EXISTS ix_enterprises_sector ON enterprises(sector, stage);

CREATE TABLE IF NOT EXISTS investors (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  sectors TEXT NOT NULL DEFAULT '[]',
  stages TEXT NOT NULL DEFAULT '[]',
  ticket_min_cny INTEGER NOT NULL DEFAULT 0,
  ticket_max_cny INTEGER NOT NULL DEFAULT 0,
  instruments TEXT NOT NULL DEFAULT '[]',
  provinces TEXT NOT NULL DEFAULT '[]',
  description TEXT NOT NULL DEFAULT '',
  contacts TEXT NOT NULL DEFAULT '[]',
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  CONSTRAINT uq_investors_name UNIQUE (name)
);

CREATE TABLE IF NOT EXISTS products (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  investor_id INTEGER NOT NULL REFERENCES investors(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  instrument TEXT NOT NULL,
  amount_min_cny INTEGER NOT NULL DEFAULT 0,
  amount_max_cny INTEGER NOT NULL DEFAULT 0,
  sectors TEXT NOT NULL DEFAULT '[]',
  stages TEXT NOT NULL DEFAULT '[]',
  min_innovation_points INTEGER NOT NULL DEFAULT 0,
  required_labels TEXT NOT NULL DEFAULT '[]',
  provinces TEXT NOT NULL DEFAULT '[]',
  term_months INTEGER NOT NULL DEFAULT 0,
  description TEXT NOT NULL DEFAULT '',
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  CONSTRAINT uq_products_investor_name UNIQUE (investor_id, name)
);

CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  zone_id INTEGER REFERENCES zones(id),
  branch_id INTEGER REFERENCES branches(id),
  campaign_id INTEGER REFERENCES campaigns(id),
  venue TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  starts_at DATETIME NOT NULL,
  ends_at DATETIME NOT NULL,
  timezone TEXT NOT NULL,
  status TEXT NOT NULL,
  registration_deadline DATETIME,
  capacity INTEGER NOT NULL DEFAULT 0,
  approved_count INTEGER NOT NULL DEFAULT 0,
  slot_minutes INTEGER NOT NULL,
  break_minutes INTEGER NOT NULL,
  tables_count INTEGER NOT NULL,
  max_per_enterprise INTEGER NOT NULL,
  max_per_investor INTEGER NOT NULL,
  pitch_minutes INTEGER NOT NULL,
  qa_minutes INTEGER NOT NULL,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_events_zone ON events(zone_id, kind, status);
CREATE INDEX IF NOT EXISTS ix_events_branch ON events(branch_id);
CREATE INDEX IF NOT EXISTS ix_events_campaign ON events(campaign_id, kind, status);
CREATE INDEX IF NOT EXISTS ix_events_starts ON events(starts_at);

CREATE TABLE IF NOT EXISTS sessions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  starts_at DATETIME NOT NULL,
  ends_at DATETIME NOT NULL,
  room TEXT NOT NULL DEFAULT '',
  sectors TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS ix_sessions_event ON sessions(event_id, starts_at);

CREATE TABLE IF NOT EXISTS registrations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  enterprise_id INTEGER REFERENCES enterprises(id) ON DELETE CASCADE,
  investor_id INTEGER REFERENCES investors(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  status TEXT NOT NULL,
  availability TEXT NOT NULL DEFAULT '[]',
  note TEXT NOT NULL DEFAULT '',
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  CONSTRAINT uq_registrations_enterprise UNIQUE (event_id, enterprise_id),
  CONSTRAINT uq_registrations_investor UNIQUE (event_id, investor_id)
);
CREATE INDEX IF NOT EXISTS ix_registrations_enterprise ON registrations(enterprise_id);
CREATE INDEX IF NOT EXISTS ix_registrations_investor ON registrations(investor_id);

CREATE TABLE IF NOT EXISTS deals (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  campaign_id INTEGER REFERENCES campaigns(id),
  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
  investor_id INTEGER NOT NULL REFERENCES investors(id),
  product_id INTEGER REFERENCES products(id) ON DELETE SET NULL,
  event_id INTEGER REFERENCES events(id),
  meeting_id INTEGER,
  zone_id INTEGER NOT NULL REFERENCES zones(id),
  instrument TEXT NOT NULL,
  amount_cny INTEGER NOT NULL,
  status TEXT NOT NULL,
  deal_date TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_deals_zone ON deals(campaign_id, zone_id, status);
CREATE INDEX IF NOT EXISTS ix_deals_enterprise ON deals(enterprise_id);
CREATE INDEX IF NOT EXISTS ix_deals_investor ON deals(investor_id);

CREATE TABLE IF NOT EXISTS experiences (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  campaign_id INTEGER REFERENCES campaigns(id),
  zone_id INTEGER REFERENCES zones(id),
  branch_id INTEGER REFERENCES branches(id),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '[]',
  event_ids TEXT NOT NULL DEFAULT '[]',
  deal_ids TEXT NOT NULL DEFAULT '[]',
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_experiences_zone ON experiences(campaign_id, zone_id);

CREATE TABLE IF NOT EXISTS tokens (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  hash TEXT NOT NULL,
  role TEXT NOT NULL,
  zone_id INTEGER REFERENCES zones(id),
  branch_id INTEGER REFERENCES branches(id),
  enterprise_id INTEGER REFERENCES enterprises(id) ON DELETE CASCADE,
  investor_id INTEGER REFERENCES investors(id) ON DELETE CASCADE,
  label TEXT NOT NULL DEFAULT '',
  created_at DATETIME NOT NULL,
  expires_at DATETIME,
  last_used_at DATETIME,
  revoked_at DATETIME,
  CONSTRAINT uq_tokens_hash UNIQUE (hash)
);

CREATE TABLE IF NOT EXISTS idempotency_keys (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  scope TEXT NOT NULL,
  idem_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status_code INTEGER NOT NULL DEFAULT 0,
  body BLOB,
  created_at DATETIME NOT NULL,
  CONSTRAINT uq_idempotency_keys UNIQUE (scope, idem_key)
);
