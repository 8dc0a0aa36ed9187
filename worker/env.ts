/** The worker's bindings (wrangler.toml). */
export interface Env {
  DB: D1Database;
  /** Browser origins allowed besides the worker's own, comma-separated, or "*". */
  CORS_ORIGINS?: string;
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
