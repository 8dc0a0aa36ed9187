// Driving a fake vendor (test/support/fake-vendor.ts) over HTTP, with fetch only, so
// worker tests inside workerd can use it as well as Node tests.

export interface LoggedRequest {
  method: string;
  /** Path after the scenario prefix, with the query. */
  path: string;
  /** "basic <user>", "bearer <token>" or "none": never the password. */
  auth: string;
  status: number;
}

/** Makes a scenario on a running fake over HTTP (works from workerd too). */
export async function addScenario(fakeUrl: string, scenario: unknown): Promise<{ id: string; apiUrl: string }> {
  const response = await fetch(`${fakeUrl}/__scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(scenario) });
  if (response.status !== 201) throw new Error(`the fake vendor refused the scenario: ${await response.text()}`);
  return response.json() as Promise<{ id: string; apiUrl: string }>;
}

/** The requests a scenario saw, over HTTP. */
export async function scenarioLog(fakeUrl: string, id: string): Promise<LoggedRequest[]> {
  const response = await fetch(`${fakeUrl}/__scenarios/${id}/log`);
  return response.json() as Promise<LoggedRequest[]>;
}
