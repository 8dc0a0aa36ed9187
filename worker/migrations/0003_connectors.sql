-- Pull connectors: per tenant and module, where the vendor's API is and the sealed
-- credentials to read it (AES-GCM under the CONNECTOR_KEY secret; never answered back).
-- `token` is the vendor's bearer token kept between runs, sealed the same way.
CREATE TABLE connectors (
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  module TEXT NOT NULL,
  api_url TEXT NOT NULL,
  credentials TEXT NOT NULL,
  token TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, module)
);

-- Every run of a connector, on demand or on the schedule: what it read and, when it
-- failed, why in plain words.
CREATE TABLE connector_runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  module TEXT NOT NULL,
  trigger TEXT NOT NULL CHECK (trigger IN ('manual', 'schedule')),
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  date TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
  pages INTEGER NOT NULL DEFAULT 0,
  devices INTEGER NOT NULL DEFAULT 0,
  orgs INTEGER NOT NULL DEFAULT 0,
  error TEXT
);
CREATE INDEX connector_runs_latest ON connector_runs(tenant_id, module, id);
