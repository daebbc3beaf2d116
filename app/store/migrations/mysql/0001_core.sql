-- Core schema: zones, branches, campaigns, organizations, events,
-- registrations, deals, experiences, tokens, idempotency keys.
CREATE TABLE IF NOT EXISTS branches (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  kind VARCHAR(20) NOT NULL DEFAULT 'provincial',
  province VARCHAR(50) NOT NULL,
  city VARCHAR(50) NOT NULL DEFAULT '',
  created_at DATETIME(6) NOT NULL,
  UNIQUE KEY uq_branches_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci /*T![auto_id_cache] AUTO_ID_CACHE=1 */;

CREATE TABLE IF NOT EXISTS zones (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(20) NULL,
  name_zh VARCHAR(100) NOT NULL,
  short_name_zh VARCHAR(100) NOT NULL DEFAULT '',
  name_en VARCHAR(200) NOT NULL DEFAULT '',
  province VARCHAR(50) NOT NULL,
  city VARCHAR(50) NOT NULL DEFAULT '',
  branch_id BIGINT NULL,
  since VARCHAR(10) NOT NULL DEFAULT '',
  UNIQUE KEY uq_zones_code (code),
  UNIQUE KEY uq_zones_name (name_zh),
  KEY ix_zones_province (province),
  KEY ix_zones_branch (branch_id),
  CONSTRAINT fk_zones_branch FOREIGN KEY (branch_id) REFERENCES branches(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci /*T![auto_id_cache] AUTO_ID_CACHE=1 */;

CREATE TABLE IF NOT EXISTS campaigns (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  starts_on VARCHAR(10) NOT NULL,
  contacts_due VARCHAR(10) NOT NULL,
  ends_on VARCHAR(10) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  UNIQUE KEY uq_campaigns_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci /*T![auto_id_cache] AUTO_ID_CACHE=1 */;

CREATE TABLE IF NOT EXISTS org_contacts (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  campaign_id BIGINT NOT NULL,
  zone_id BIGINT NULL,
  branch_id BIGINT NULL,
  name VARCHAR(100) NOT NULL,
  title VARCHAR(100) NOT NULL DEFAULT '',
  phone VARCHAR(50) NOT NULL DEFAULT '',
  email VARCHAR(254) NOT NULL DEFAULT '',
  submitted_at DATETIME(6) NOT NULL,
  UNIQUE KEY uq_org_contacts_zone (campaign_id, zone_id),
  UNIQUE KEY uq_org_contacts_branch (campaign_id, branch_id),
  CONSTRAINT fk_org_contacts_campaign FOREIGN KEY (campaign_id) REFERENCES campaigns(id) ON DELETE CASCADE,
  CONSTRAINT fk_org_contacts_zone FOREIGN KEY (zone_id) REFERENCES zones(id),
  CONSTRAINT fk_org_contacts_branch FOREIGN KEY (branch_id) REFERENCES branches(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci /*T![auto_id_cache] AUTO_ID_CACHE=1 */;

CREATE TABLE IF NOT EXISTS enterprises (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  credit_code CHAR(18) NOT NULL,
  zone_id BIGINT NOT NULL,
  sector VARCHAR(40) NOT NULL,
  subsector VARCHAR(10) NOT NULL DEFAULT '',
  stage VARCHAR(20) NOT NULL,
  labels TEXT NOT NULL,
  innovation_points INT NOT NULL DEFAULT 0,
  need_amount_cny BIGINT NOT NULL DEFAULT 0,
  need_instruments TEXT NOT NULL,
  need_purpose TEXT NOT NULL,
  contact_name VARCHAR(100) NOT NULL DEFAULT '',
  contact_title VARCHAR(100) NOT NULL DEFAULT '',
  contact_email VARCHAR(254) NOT NULL DEFAULT '',
  contact_phone VARCHAR(50) NOT NULL DEFAULT '',
  contact_timezone VARCHAR(64) NOT NULL DEFAULT '',
  pitch_deck_url VARCHAR(1000) NOT NULL DEFAULT '',
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  UNIQUE KEY uq_enterprises_credit_code (credit_code),
  KEY ix_enterprises_zone (zone_id),
  KEY ix_enterprises_sector (sector, stage),
  CONSTRAINT fk_enterprises_zone FOREIGN KEY (zone_id) REFERENCES zones(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci /*T![auto_id_cache] AUTO_ID_CACHE=1 */;

CREATE TABLE IF NOT EXISTS investors (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  kind VARCHAR(20) NOT NULL,
  sectors TEXT NOT NULL,
  stages TEXT NOT NULL,
  ticket_min_cny BIGINT NOT NULL DEFAULT 0,
  ticket_max_cny BIGINT NOT NULL DEFAULT 0,
  instruments TEXT NOT NULL,
  provinces TEXT NOT NULL,
  description TEXT NOT NULL,
  contacts TEXT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  UNIQUE KEY uq_investors_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci /*T![auto_id_cache] AUTO_ID_CACHE=1 */;

CREATE TABLE IF NOT EXISTS products (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  investor_id BIGINT NOT NULL,
  name VARCHAR(200) NOT NULL,
  instrument VARCHAR(20) NOT NULL,
  amount_min_cny BIGINT NOT NULL DEFAULT 0,
  amount_max_cny BIGINT NOT NULL DEFAULT 0,
  sectors TEXT NOT NULL,
  stages TEXT NOT NULL,
  min_innovation_points INT NOT NULL DEFAULT 0,
  required_labels TEXT NOT NULL,
  provinces TEXT NOT NULL,
  term_months INT NOT NULL DEFAULT 0,
  description TEXT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  UNIQUE KEY uq_products_investor_name (investor_id, name),
  CONSTRAINT fk_products_investor FOREIGN KEY (investor_id) REFERENCES investors(id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci /*T![auto_id_cache] AUTO_ID_CACHE=1 */;

CREATE TABLE IF NOT EXISTS events (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind VARCHAR(20) NOT NULL,
  title VARCHAR(200) NOT NULL,
  zone_id BIGINT NULL,
  branch_id BIGINT NULL,
  campaign_id BIGINT NULL,
  venue VARCHAR(200) NOT NULL DEFAULT '',
  description TEXT NOT NULL,
  starts_at DATETIME(6) NOT NULL,
  ends_at DATETIME(6) NOT NULL,
  timezone VARCHAR(64) NOT NULL,
  status VARCHAR(20) NOT NULL,
  registration_deadline DATETIME(6) NULL,
  capacity INT NOT NULL DEFAULT 0,
  approved_count INT NOT NULL DEFAULT 0,
  slot_minutes INT NOT NULL,
  break_minutes INT NOT NULL,
  tables_count INT NOT NULL,
  max_per_enterprise INT NOT NULL,
  max_per_investor INT NOT NULL,
  pitch_minutes INT NOT NULL,
  qa_minutes INT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  KEY ix_events_zone (zone_id, kind, status),
  KEY ix_events_branch (branch_id),
  KEY ix_events_campaign (campaign_id, kind, status),
  KEY ix_events_starts (starts_at),
  CONSTRAINT fk_events_zone FOREIGN KEY (zone_id) REFERENCES zones(id),
  CONSTRAINT fk_events_branch FOREIGN KEY (branch_id) REFERENCES branches(id),
  CONSTRAINT fk_events_campaign FOREIGN KEY (campaign_id) REFERENCES campaigns(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci /*T![auto_id_cache] AUTO_ID_CACHE=1 */;

CREATE TABLE IF NOT EXISTS sessions (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  event_id BIGINT NOT NULL,
  title VARCHAR(200) NOT NULL,
  starts_at DATETIME(6) NOT NULL,
  ends_at DATETIME(6) NOT NULL,
  room VARCHAR(100) NOT NULL DEFAULT '',
  sectors TEXT NOT NULL,
  KEY ix_sessions_event (event_id, starts_at),
  CONSTRAINT fk_sessions_event FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci /*T![auto_id_cache] AUTO_ID_CACHE=1 */;

CREATE TABLE IF NOT EXISTS registrations (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  event_id BIGINT NOT NULL,
  enterprise_id BIGINT NULL,
  investor_id BIGINT NULL,
  role VARCHAR(20) NOT NULL,
  status VARCHAR(20) NOT NULL,
  availability TEXT NOT NULL,
  note TEXT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  UNIQUE KEY uq_registrations_enterprise (event_id, enterprise_id),
  UNIQUE KEY uq_registrations_investor (event_id, investor_id),
  KEY ix_registrations_enterprise (enterprise_id),
  KEY ix_registrations_investor (investor_id),
  CONSTRAINT fk_registrations_event FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE,
  CONSTRAINT fk_registrations_enterprise FOREIGN KEY (enterprise_id) REFERENCES enterprises(id) ON DELETE CASCADE,
  CONSTRAINT fk_registrations_investor FOREIGN KEY (investor_id) REFERENCES investors(id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci /*T![auto_id_cache] AUTO_ID_CACHE=1 */;

CREATE TABLE IF NOT EXISTS deals (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  campaign_id BIGINT NULL,
  enterprise_id BIGINT NOT NULL,
  investor_id BIGINT NOT NULL,
  product_id BIGINT NULL,
  event_id BIGINT NULL,
  meeting_id BIGINT NULL,
  zone_id BIGINT NOT NULL,
  instrument VARCHAR(20) NOT NULL,
  amount_cny BIGINT NOT NULL,
  status VARCHAR(20) NOT NULL,
  deal_date VARCHAR(10) NOT NULL,
  note TEXT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  KEY ix_deals_zone (campaign_id, zone_id, status),
  KEY ix_deals_enterprise (enterprise_id),
  KEY ix_deals_investor (investor_id),
  CONSTRAINT fk_deals_campaign FOREIGN KEY (campaign_id) REFERENCES campaigns(id),
  CONSTRAINT fk_deals_enterprise FOREIGN KEY (enterprise_id) REFERENCES enterprises(id),
  CONSTRAINT fk_deals_investor FOREIGN KEY (investor_id) REFERENCES investors(id),
  CONSTRAINT fk_deals_product FOREIGN KEY (product_id) REFERENCES products(id) ON DELETE SET NULL,
  CONSTRAINT fk_deals_event FOREIGN KEY (event_id) REFERENCES events(id),
  CONSTRAINT fk_deals_zone FOREIGN KEY (zone_id) REFERENCES zones(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci /*T![auto_id_cache] AUTO_ID_CACHE=1 */;

CREATE TABLE IF NOT EXISTS experiences (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  campaign_id BIGINT NULL,
  zone_id BIGINT NULL,
  branch_id BIGINT NULL,
  title VARCHAR(200) NOT NULL,
  body MEDIUMTEXT NOT NULL,
  tags TEXT NOT NULL,
  event_ids TEXT NOT NULL,
  deal_ids TEXT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  KEY ix_experiences_zone (campaign_id, zone_id),
  CONSTRAINT fk_experiences_campaign FOREIGN KEY (campaign_id) REFERENCES campaigns(id),
  CONSTRAINT fk_experiences_zone FOREIGN KEY (zone_id) REFERENCES zones(id),
  CONSTRAINT fk_experiences_branch FOREIGN KEY (branch_id) REFERENCES branches(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci /*T![auto_id_cache] AUTO_ID_CACHE=1 */;

CREATE TABLE IF NOT EXISTS tokens (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  hash CHAR(64) NOT NULL,
  role VARCHAR(20) NOT NULL,
  zone_id BIGINT NULL,
  branch_id BIGINT NULL,
  enterprise_id BIGINT NULL,
  investor_id BIGINT NULL,
  label VARCHAR(100) NOT NULL DEFAULT '',
  created_at DATETIME(6) NOT NULL,
  expires_at DATETIME(6) NULL,
  last_used_at DATETIME(6) NULL,
  revoked_at DATETIME(6) NULL,
  UNIQUE KEY uq_tokens_hash (hash),
  CONSTRAINT fk_tokens_zone FOREIGN KEY (zone_id) REFERENCES zones(id),
  CONSTRAINT fk_tokens_branch FOREIGN KEY (branch_id) REFERENCES branches(id),
  CONSTRAINT fk_tokens_enterprise FOREIGN KEY (enterprise_id) REFERENCES enterprises(id) ON DELETE CASCADE,
  CONSTRAINT fk_tokens_investor FOREIGN KEY (investor_id) REFERENCES investors(id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci /*T![auto_id_cache] AUTO_ID_CACHE=1 */;

CREATE TABLE IF NOT EXISTS idempotency_keys (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  scope VARCHAR(64) NOT NULL,
  idem_key VARCHAR(200) NOT NULL,
  request_hash CHAR(64) NOT NULL,
  status_code INT NOT NULL DEFAULT 0,
  body MEDIUMBLOB NULL,
  created_at DATETIME(6) NOT NULL,
  UNIQUE KEY uq_idempotency_keys (scope, idem_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci /*T![auto_id_cache] AUTO_ID_CACHE=1 */;
