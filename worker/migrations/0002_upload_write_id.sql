-- The request that last wrote a module-day, so the write itself can skip an identical
-- re-send inside its transaction and still tell the caller "stored" or "unchanged".
ALTER TABLE uploads ADD COLUMN write_id TEXT NOT NULL DEFAULT '';
