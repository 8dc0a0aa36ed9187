// The large bench's command line: `npm run bench -- large [--accounts N] [--days N]
// [--posted N] [--today YYYY-MM-DD] [--reload] [--load-only] [--first-open-min N] [--step-s N]`.
import { LARGE_SCALE, type LargeScale } from './generate.ts';
import { DEFAULT_LIMITS, type BrowserLimits } from './browser.ts';

export interface LargeOptions {
  scale: LargeScale;
  today: string | undefined;
  /** Load again even when a cached load of this scale and code exists. */
  reload: boolean;
  /** Load (or find the cached load) and measure D1, without the browser. */
  loadOnly: boolean;
  limits: BrowserLimits;
}

function wholeNumber(name: string, text: string | undefined, min: number): number {
  const n = Number(text);
  if (text === undefined || !Number.isInteger(n) || n < min) throw new Error(`--${name} needs a whole number of at least ${min}, got "${text ?? ''}"`);
  return n;
}

/** Reads the options among the bench's arguments (section names are left to run.ts). */
export function parseLargeOptions(argv: readonly string[]): LargeOptions {
  const options: LargeOptions = { scale: { ...LARGE_SCALE }, today: undefined, reload: false, loadOnly: false, limits: { ...DEFAULT_LIMITS } };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.includes('=') ? arg.split('=', 2) as [string, string] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--accounts': options.scale.accounts = wholeNumber('accounts', value(), 10); break;
      case '--days': options.scale.days = wholeNumber('days', value(), 60); break;
      case '--posted': options.scale.postedMonths = wholeNumber('posted', value(), 0); break;
      case '--seed': options.scale.seed = wholeNumber('seed', value(), 0); break;
      case '--today': options.today = value(); break;
      case '--reload': options.reload = true; break;
      case '--load-only': options.loadOnly = true; break;
      case '--first-open-min': options.limits.firstOpenMs = wholeNumber('first-open-min', value(), 1) * 60_000; break;
      case '--step-s': {
        const ms = wholeNumber('step-s', value(), 5) * 1000;
        options.limits = { ...options.limits, screenMs: ms, editMs: ms };
        break;
      }
      default:
        if (flag.startsWith('--')) throw new Error(`unknown option ${flag} (see docs/benchmarks.md#large-msp)`);
    }
  }
  return options;
}
