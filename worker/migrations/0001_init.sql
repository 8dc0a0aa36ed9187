-- The edge's whole schema. Migrations are the only schema source: wrangler applies
-- them to local and remote D1, and the worker tests apply the very same files.

-- One row per tenant (MSP). `seq` is the tenant's write cursor: every stored or
-- replaced module-day and every change takes the next value inside the same batch
-- (transaction), so commit order is cursor order and a pull never skips a row.
-- `clock` is the edge's hybrid logical clock for the changes it appends.
CREATE TABLE tenants (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  currency TEXT NOT NULL DEFAULT 'USD',
  seq INTEGER NOT NULL DEFAULT 0,
  clock TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);

-- Admin tokens and per-module upload keys: only SHA-256 hashes are kept.
CREATE TABLE tokens (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  kind TEXT NOT NULL CHECK (kind IN ('admin', 'module')),
  module TEXT,
  hash TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  CHECK ((kind = 'module') = (module IS NOT NULL))
);
CREATE INDEX tokens_by_tenant ON tokens(tenant_id);

-- Custom modules of a tenant, as the shared moduleDef schema (JSON).
CREATE TABLE modules (
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  id TEXT NOT NULL,
  def TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

-- One row per module-day, its orgs split into parts of bounded size (D1 caps a row
-- at 2 MB; a 5,000-org day is ~3 MB of JSON). Replacing a module-day rewrites the
-- header and its parts in one batch and gives it a new seq. `hash` (SHA-256 of the
-- canonical upload) makes re-sending the same upload a no-op.
CREATE TABLE uploads (
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  module TEXT NOT NULL,
  date TEXT NOT NULL,
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL,
  org_count INTEGER NOT NULL,
  parts INTEGER NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, module, date)
);
CREATE UNIQUE INDEX uploads_by_seq ON uploads(tenant_id, seq);

CREATE TABLE upload_parts (
  tenant_id TEXT NOT NULL,
  module TEXT NOT NULL,
  date TEXT NOT NULL,
  part INTEGER NOT NULL,
  orgs TEXT NOT NULL,
  PRIMARY KEY (tenant_id, module, date, part)
);

-- The config change log (docs/billing-rules.md#sync). A change is identified by (table, record, clock),
-- so pushing the same change twice stores it once.
CREATE TABLE changes (
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  seq INTEGER NOT NULL,
  tbl TEXT NOT NULL,
  record_id TEXT NOT NULL,
  fields TEXT NOT NULL,
  hlc TEXT NOT NULL,
  origin TEXT NOT NULL,
  PRIMARY KEY (tenant_id, seq)
);
CREATE UNIQUE INDEX changes_identity ON changes(tenant_id, tbl, record_id, hlc);

-- The tenant's gapless invoice-number sequence: number n is INV-<n, 6 digits>. A row
-- is never deleted (a voided invoice keeps its number), so MAX(n) + 1 is the next.
-- `announced` = 1 once the edge appended the change that carries the number.
CREATE TABLE invoice_numbers (
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  invoice_id TEXT NOT NULL,
  n INTEGER NOT NULL,
  announced INTEGER NOT NULL DEFAULT 0,
  assigned_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, invoice_id),
  UNIQUE (tenant_id, n)
);

-- Published invoice documents, frozen as JSON; reachable only by the token's hash.
CREATE TABLE shares (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  token_hash TEXT NOT NULL UNIQUE,
  invoice TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  revoked_at TEXT
);
CREATE INDEX shares_by_tenant ON shares(tenant_id);
