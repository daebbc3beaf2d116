-- A token records the token that minted it, so that revoking a token
-- revokes its descendants and only the minter (or an admin) revokes.
ALTER TABLE tokens ADD COLUMN minted_by INTEGER;
CREATE INDEX IF NOT EXISTS ix_tokens_minted_by ON tokens (minted_by);
