/** The worker's bindings (wrangler.toml). */
export interface Env {
  DB: D1Database;
  /** Browser origins allowed besides the worker's own, comma-separated, or "*". */
  CORS_ORIGINS?: string;
  /** "1" only under wrangler dev and worker tests: lets the next variable shift the clock. */
  TRUEUP_DEV?: string;
  /** Dev/test-only: milliseconds added to the edge's clock (worker/clock.ts); ignored unless TRUEUP_DEV is "1". */
  TRUEUP_DEV_CLOCK_OFFSET_MS?: string;
  /** AES-GCM key sealing connector credentials: 32 random bytes, base64 (a Worker secret). */
  CONNECTOR_KEY?: string;
  /** Hosts connectors may call besides the vendors' own, comma-separated (local tests: 127.0.0.1). */
  CONNECTOR_ALLOW_HOSTS?: string;
}

/** Who is calling: set by the auth middleware. */
export interface Caller {
  tenantId: string;
  tokenId: string;
  kind: 'admin' | 'module';
  /** For a module key: the only module it may upload for. */
  module: string | null;
}

export interface AppEnv {
  Bindings: Env;
  Variables: { caller: Caller };
}
