// How times read on screen.
import { appNow } from './clock.ts';

/** "just now", "5 min ago", "3 h ago", or the date. */
export function timeAgo(iso: string | null, now = appNow()): string {
  if (!iso) return 'never';
  const ms = now - Date.parse(iso);
  if (!Number.isFinite(ms)) return 'never';
  if (ms < 60_000) return 'just now';
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ago`;
  if (ms < 86_400_000) return `${Math.floor(ms / 3_600_000)} h ago`;
  return iso.slice(0, 10);
}
