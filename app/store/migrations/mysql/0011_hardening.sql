-- A token records the token that minted it, so that revoking a token
-- revokes its descendants and only the minter (or an admin) revokes.
ALTER TABLE tokens ADD COLUMN minted_by BIGINT NULL;
CREATE INDEX ix_tokens_minted_by ON tokens (minted_by);

-- Calendar feed secrets are stored hashed, like API tokens: a secret (48
-- hex characters) becomes its SHA-256 (64); existing feed URLs keep
-- working. Hashed rows are left alone, so a re-run changes nothing.
UPDATE calendar_tokens SET token = SHA2(token, 256) WHERE CHAR_LENGTH(token) = 48;
