-- A token records the token that minted it, so that revoking a token
-- revokes its descendants and only the minter (or an admin) revokes.
ALTER TABLE tokens ADD COLUMN minted_by INTEGER;
CREATE INDEX IF NOT EXISTS ix_tokens_minted_by ON tokens (minted_by);

-- Calendar feed secrets are stored hashed, like API tokens: a secret (48
-- hex characters) becomes its SHA-256 (64); existing feed URLs keep
-- working. Hashed rows are left alone, so a re-run changes nothing.
-- roadshow_sha256 is registered by the store (sqlitefunc.go).
UPDATE calendar_tokens SET token = roadshow_sha256(token) WHERE LENGTH(token) = 48;
