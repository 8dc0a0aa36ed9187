// Plumbing shared by the fake vendor APIs: a node:http server on 127.0.0.1 (random port)
// holding many independent scenarios, each under its own path prefix /s/<id>, so tests
// running at once never share state. Tests (Node or workerd) drive it over HTTP:
//   POST /__scenarios  (JSON scenario)  → { id, apiUrl }
//   GET  /__scenarios/<id>/log          → the requests the scenario saw
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { LoggedRequest } from './fake-vendor-client.ts';

export interface FakeAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ScenarioHandler {
  /** Answers one request of the scenario; `path` is after the prefix, `url` the whole URL. */
  handle(request: { method: string; path: string; url: URL; headers: IncomingMessage['headers']; body: string }): FakeAnswer;
}

export interface FakeServer {
  url: string;
  /** Adds a scenario directly (Node-side tests); answers its API URL. */
  add(scenario: unknown): { id: string; apiUrl: string };
  log(id: string): LoggedRequest[];
  stop(): Promise<void>;
}

function describeAuth(header: string | undefined): string {
  if (!header) return 'none';
  const [scheme, value = ''] = header.split(' ');
  if (scheme?.toLowerCase() === 'basic') {
    const user = Buffer.from(value, 'base64').toString('utf8').split(':')[0] ?? '';
    return `basic ${user}`;
  }
  return `${scheme?.toLowerCase()} ${value}`;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => { text += chunk; });
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}

function reply(response: ServerResponse, answer: FakeAnswer): void {
  const headers: Record<string, string> = { ...answer.headers };
  const body = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  if (answer.body !== undefined && !headers['content-type']) headers['content-type'] = typeof answer.body === 'string' ? 'text/plain' : 'application/json';
  response.writeHead(answer.status, headers);
  response.end(body);
}

/** Starts a fake vendor whose scenarios are made by `create` from the JSON a test sends. */
export async function startFakeVendor(create: (scenario: unknown, apiUrl: string) => ScenarioHandler): Promise<FakeServer> {
  const scenarios = new Map<string, { handler: ScenarioHandler; log: LoggedRequest[] }>();
  let next = 1;
  let base = '';
  const add = (scenario: unknown) => {
    const id = String(next++);
    const apiUrl = `${base}/s/${id}`;
    scenarios.set(id, { handler: create(scenario, apiUrl), log: [] });
    return { id, apiUrl };
  };
  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', base);
      const body = await readBody(request);
      if (request.method === 'POST' && url.pathname === '/__scenarios') {
        try {
          reply(response, { status: 201, body: add(JSON.parse(body)) });
        } catch (error) {
          reply(response, { status: 400, body: { error: String(error) } });
        }
        return;
      }
      const logMatch = /^\/__scenarios\/([^/]+)\/log$/.exec(url.pathname);
      if (logMatch) {
        const entry = scenarios.get(logMatch[1] ?? '');
        reply(response, entry ? { status: 200, body: entry.log } : { status: 404, body: { error: 'no such scenario' } });
        return;
      }
      const match = /^\/s\/([^/]+)(\/.*)?$/.exec(url.pathname);
      const entry = match ? scenarios.get(match[1] ?? '') : undefined;
      if (!match || !entry) {
        reply(response, { status: 404, body: { error: 'not found' } });
        return;
      }
      const path = `${match[2] ?? '/'}${url.search}`;
      const answer = entry.handler.handle({ method: request.method ?? 'GET', path, url, headers: request.headers, body });
      entry.log.push({ method: request.method ?? 'GET', path, auth: describeAuth(request.headers.authorization), status: answer.status });
      reply(response, answer);
    })().catch((error: unknown) => reply(response, { status: 500, body: { error: String(error) } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    add,
    log: (id) => scenarios.get(id)?.log ?? [],
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
