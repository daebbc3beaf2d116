-- Web console: browser sessions, one-time sign-in links, sign-in attempts
-- (for rate limits shared by every replica) and the console's secret keys.
-- Sessions and links are stored by the SHA-256 of their secret; the secret
-- itself lives only in the browser's cookie or in the mailed link.
CREATE TABLE IF NOT EXISTS web_sessions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  hash TEXT NOT NULL,
  role TEXT NOT NULL,
  token_id INTEGER REFERENCES tokens(id) ON DELETE CASCADE,
  zone_id INTEGER,
  branch_id INTEGER,
  enterprise_id INTEGER REFERENCES enterprises(id) ON DELETE CASCADE,
  investor_id INTEGER REFERENCES investors(id) ON DELETE CASCADE,
  csrf TEXT NOT NULL,
  created_at DATETIME NOT NULL,
  expires_at DATETIME NOT NULL,
  last_seen_at DATETIME NOT NULL,
  CONSTRAINT uq_web_sessions_hash UNIQUE (hash)
);
CREATE INDEX IF NOT EXISTS ix_web_sessions_expires ON web_sessions(expires_at);

CREATE TABLE IF NOT EXISTS login_links (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  hash TEXT NOT NULL,
  role TEXT NOT NULL,
  enterprise_id INTEGER REFERENCES enterprises(id) ON DELETE CASCADE,
  investor_id INTEGER REFERENCES investors(id) ON DELETE CASCADE,
  created_at DATETIME NOT NULL,
  expires_at DATETIME NOT NULL,
  used_at DATETIME,
  CONSTRAINT uq_login_links_hash UNIQUE (hash)
);
CREATE INDEX IF NOT EXISTS ix_login_links_expires ON login_links(expires_at);

CREATE TABLE IF NOT EXISTS signin_attempts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ip_hash TEXT NOT NULL,
  address_hash TEXT NOT NULL,
  created_at DATETIME NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_signin_attempts_ip ON signin_attempts(ip_hash, created_at);
CREATE INDEX IF NOT EXISTS ix_signin_attempts_address ON signin_attempts(address_hash, created_at);
CREATE INDEX IF NOT EXISTS ix_signin_attempts_created ON signin_attempts(created_at);

CREATE TABLE IF NOT EXISTS web_keys (
  name TEXT NOT NULL PRIMARY KEY,
  secret TEXT NOT NULL,
  created_at DATETIME NOT NULL
);
