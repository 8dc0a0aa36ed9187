-- A share remembers which invoice it shows, so the page can look the invoice's status
-- up in the change log when it is served: once a void syncs, the link shows it VOID.
ALTER TABLE shares ADD COLUMN invoice_id TEXT;
