// How many rows a page of the Billing screen holds: about 560 DOM nodes an account at a
// dozen lines, so 25 keep a page under 20,000 nodes; lines grouped by module are lighter.
// The engine worker's warm-up computes the first page of this size (views/warm.ts).
export const ACCOUNTS_PER_PAGE = 25;
export const LINES_PER_PAGE = 100;
