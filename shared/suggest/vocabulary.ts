// Word lists behind name normalization. Kept small and explicit on purpose: every entry
// is a way real PSA and module names of one client differ, not a guess about meaning.

/** Legal-form words dropped wherever they stand (never ambiguous with a real name word). */
export const LEGAL_ANYWHERE: ReadonlySet<string> = new Set([
  'llc', 'inc', 'incorporated', 'corp', 'corporation', 'ltd', 'gmbh', 'plc', 'llp', 'pllc', 'lllp',
  'ltda', 'srl', 'sarl', 'pty', 'pte', 'bhd', 'sdn', 'mbh',
]);

/**
 * Legal-form, organization and professional suffixes dropped only at the end of a name,
 * because in the middle they can be words ("Co Op", "The Company Store", "Org Design").
 */
export const LEGAL_AT_END: ReadonlySet<string> = new Set([
  'co', 'company', 'org', 'limited', 'lp', 'pc', 'pa', 'sa', 'ag', 'as', 'ab', 'oy', 'nv', 'bv', 'se',
  'spa', 'sl', 'sas', 'kg', 'ug', 'kk', 'aps', 'asa',
  'md', 'dds', 'dmd', 'cpa', 'cpas', 'esq', 'phd', 'dvm',
]);

/** Words that carry no identity in a business name. */
export const STOPWORDS: ReadonlySet<string> = new Set(['the', 'and', 'of', 'dr', 'mr', 'mrs', 'ms']);

/** Spelled-out numbers and ordinals, written as digits so "Three Rivers" meets "3 Rivers". */
export const NUMBER_WORDS: Readonly<Record<string, string>> = {
  zero: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8',
  nine: '9', ten: '10', eleven: '11', twelve: '12',
  first: '1st', second: '2nd', third: '3rd', fourth: '4th', fifth: '5th', sixth: '6th',
  seventh: '7th', eighth: '8th', ninth: '9th', tenth: '10th',
};

/**
 * Abbreviations and spelling variants → one canonical (singular) form. Applied to a
 * token before and after plural stripping, so "Svcs", "Services" and "Service" agree.
 */
export const CANONICAL: Readonly<Record<string, string>> = {
  intl: 'international', natl: 'national',
  mgmt: 'management', mgt: 'management', mngmt: 'management', mgmnt: 'management',
  svc: 'service', svcs: 'service', srvc: 'service', srvcs: 'service', serv: 'service', servs: 'service',
  assoc: 'associate', assocs: 'associate', assn: 'association',
  bros: 'brother', bro: 'brother',
  grp: 'group', sys: 'system', tech: 'technology', mfg: 'manufacturing', mfr: 'manufacturer',
  ctr: 'center', cntr: 'center', centre: 'center', theatre: 'theater',
  dept: 'department', med: 'medical', hosp: 'hospital', vet: 'veterinary', univ: 'university',
  inst: 'institute', mtn: 'mountain', mt: 'mount', ft: 'fort',
  saint: 'st', street: 'st', str: 'st',
  ave: 'avenue', blvd: 'boulevard', rd: 'road', hwy: 'highway', rt: 'route', rte: 'route',
  lab: 'laboratory', acct: 'accounting', acctg: 'accounting', fin: 'financial', ins: 'insurance',
  prop: 'property', props: 'property', dev: 'development', eng: 'engineering', engr: 'engineering',
  engg: 'engineering', constr: 'construction', bldg: 'building', hldg: 'holding', hldgs: 'holding',
  coop: 'cooperative', gen: 'general', gov: 'government', govt: 'government', ofc: 'office',
  apts: 'apartment', apt: 'apartment', pharm: 'pharmacy', chiro: 'chiropractic',
};

/**
 * Words so common in business names that sharing them says little (weighted down), and
 * that may be left out of the middle of a name without changing who it is.
 */
export const GENERIC: ReadonlySet<string> = new Set([
  'service', 'solution', 'group', 'consulting', 'consultant', 'partner', 'associate', 'management',
  'holding', 'enterprise', 'international', 'global', 'industry', 'system', 'technology', 'center',
  'agency', 'office', 'main', 'site', 'location', 'branch', 'hq', 'headquarter', 'brother', 'son',
  'family', 'care', 'company', 'firm', 'studio', 'shop', 'store', 'america', 'usa', 'us', 'national',
  'network', 'specialist', 'professional', 'business', 'unlimited', 'worldwide',
]);

/** Generic words that may be missing from the middle of a shortened name ("Williams Trucking"). */
export const SKIPPABLE_MIDDLE: ReadonlySet<string> = new Set(['brother', 'son', 'family', 'and', 'company', 'group']);
