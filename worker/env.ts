/** The worker's bindings (wrangler.toml). */
export interface Env {
  DB: D1Database;
  /** Browser origins allowed besides the worker's own, comma-separated, or "*". */
  CORS_ORIGINS?: string;
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
