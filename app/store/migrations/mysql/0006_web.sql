-- Web console: browser sessions, one-time sign-in links, sign-in attempts
-- (for rate limits shared by every replica) and the console's secret keys.
-- Sessions and links are stored by the SHA-256 of their secret; the secret
-- itself lives only in the browser's cookie or in the mailed link.
CREATE TABLE IF NOT EXISTS web_sessions (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  hash CHAR(64) NOT NULL,
  role VARCHAR(16) NOT NULL,
  token_id BIGINT NULL,
  zone_id BIGINT NULL,
  branch_id BIGINT NULL,
  enterprise_id BIGINT NULL,
  investor_id BIGINT NULL,
  csrf VARCHAR(64) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  expires_at DATETIME(6) NOT NULL,
  last_seen_at DATETIME(6) NOT NULL,
  UNIQUE KEY uq_web_sessions_hash (hash),
  KEY ix_web_sessions_expires (expires_at),
  CONSTRAINT fk_web_sessions_token FOREIGN KEY (token_id) REFERENCES tokens(id) ON DELETE CASCADE,
  CONSTRAINT fk_web_sessions_enterprise FOREIGN KEY (enterprise_id) REFERENCES enterprises(id) ON DELETE CASCADE,
  CONSTRAINT fk_web_sessions_investor FOREIGN KEY (investor_id) REFERENCES investors(id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci /*T![auto_id_cache] AUTO_ID_CACHE=1 */;

CREATE TABLE IF NOT EXISTS login_links (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  hash CHAR(64) NOT NULL,
  role VARCHAR(16) NOT NULL,
  enterprise_id BIGINT NULL,
  investor_id BIGINT NULL,
  created_at DATETIME(6) NOT NULL,
  expires_at DATETIME(6) NOT NULL,
  used_at DATETIME(6) NULL,
  UNIQUE KEY uq_login_links_hash (hash),
  KEY ix_login_links_expires (expires_at),
  CONSTRAINT fk_login_links_enterprise FOREIGN KEY (enterprise_id) REFERENCES enterprises(id) ON DELETE CASCADE,
  CONSTRAINT fk_login_links_investor FOREIGN KEY (investor_id) REFERENCES investors(id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci /*T![auto_id_cache] AUTO_ID_CACHE=1 */;

CREATE TABLE IF NOT EXISTS signin_attempts (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  ip_hash CHAR(64) NOT NULL,
  address_hash CHAR(64) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  KEY ix_signin_attempts_ip (ip_hash, created_at),
  KEY ix_signin_attempts_address (address_hash, created_at),
  KEY ix_signin_attempts_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci /*T![auto_id_cache] AUTO_ID_CACHE=1 */;

CREATE TABLE IF NOT EXISTS web_keys (
  name VARCHAR(64) NOT NULL PRIMARY KEY,
  secret VARCHAR(128) NOT NULL,
  created_at DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci /*T![auto_id_cache] AUTO_ID_CACHE=1 */;
