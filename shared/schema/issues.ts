import type { z } from 'zod';

export interface Issue {
  path: string;
  message: string;
}

/** Writes a path as people read it: uploads[0].orgs[2].orgId. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text === '' ? '(root)' : text;
}

/** Every problem of a failed parse, with its path. */
export function listIssues(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/** Thrown by parse helpers: carries every problem found, each with its path. */
export class ValidationError extends Error {
  readonly issues: Issue[];
  constructor(issues: Issue[], what = 'input') {
    super(`invalid ${what}:\n` + issues.map((i) => `  ${i.path}: ${i.message}`).join('\n'));
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

/** Parses with a schema or throws a ValidationError listing every problem by path. */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown, what?: string): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(listIssues(result.error), what);
  return result.data;
}
