import type { Upload } from '../../shared/schema/upload.ts';
import type { RetryPolicy, Wait } from './http.ts';

/** What a connector reads with: saved settings, opened credentials and how to pace itself. */
export interface ConnectorInput {
  apiUrl: string;
  apiKey: string;
  apiSecret: string;
  /** A bearer token kept from an earlier run, for vendors that issue them. */
  token: string | null;
  wait: Wait;
  retry: RetryPolicy;
}

/** What one run read. */
export interface ConnectorOutput {
  upload: Upload;
  /** List pages read. */
  pages: number;
  /** Devices (or other items) read. */
  devices: number;
  /** The bearer token to keep for the next run, when the vendor issues one. */
  token: string | null;
}

/** One vendor API filling one module. */
export interface Connector {
  module: string;
  /** The vendor's name in messages. */
  vendor: string;
  /** The only hosts the connector may call (besides CONNECTOR_ALLOW_HOSTS). */
  hosts: readonly string[];
  /** The API URL when the settings give none. */
  defaultApiUrl: string | null;
  /** Reads the vendor's current state as the day's upload. */
  read(input: ConnectorInput, date: string): Promise<ConnectorOutput>;
  /** Signs in and reads one page: plain words on what it saw. */
  test(input: ConnectorInput): Promise<{ message: string; token: string | null }>;
}

/** The API URL without trailing slashes, so paths join cleanly. */
export function baseUrl(apiUrl: string): string {
  return apiUrl.trim().replace(/\/+$/, '');
}
