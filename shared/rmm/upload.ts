import { DATTO_RMM_TYPES } from '../catalog/modules.ts';
import { isoDay } from '../schema/primitives.ts';
import { parseOrThrow, ValidationError } from '../schema/issues.ts';
import { uploadDayProblem, uploadSchema, type Upload } from '../schema/upload.ts';
import { deviceListSchema } from './device.ts';
import { classifyDevice, isBillable } from './classify.ts';

export const DATTO_RMM = 'datto-rmm';

/** A Datto RMM site, listed so that a site without devices still reports zeros. */
export interface RmmSite {
  uid: string;
  name: string;
}

function zeroCounts(): Record<string, number> {
  return Object.fromEntries(DATTO_RMM_TYPES.map(([id]) => [id, 0]));
}

/**
 * Turns a Datto RMM device list into the day's datto-rmm upload: one org per site, all 21
 * counts (see docs/billing-rules.md#datto-rmm-devices). `sites` (from the sites list) come
 * first, in their order, with their names. The result passes the upload schema (with
 * `today`, the day's upper bound too), so a site id or name over the upload limits is
 * refused by the org's path, as in a JSON upload.
 */
export function rmmUpload(devices: unknown, date: string, today?: string, sites: readonly RmmSite[] = []): Upload {
  const dateCheck = isoDay.safeParse(date);
  if (!dateCheck.success) throw new ValidationError([{ path: 'date', message: `"${date}" must be a calendar day written YYYY-MM-DD` }], 'date');
  const day = dateCheck.data;
  const dayProblem = uploadDayProblem(day, today);
  if (dayProblem) throw new ValidationError([{ path: 'date', message: dayProblem }], 'date');
  const parsed = parseOrThrow(deviceListSchema(devices), devices, 'device list');
  const list = Array.isArray(parsed) ? parsed : parsed.devices;
  const orgs = new Map<string, { name: string; counts: Record<string, number> }>();
  for (const site of sites) {
    const uid = site.uid.trim();
    if (uid !== '' && !orgs.has(uid)) orgs.set(uid, { name: site.name, counts: zeroCounts() });
  }
  for (const device of list) {
    const siteUid = device.siteUid.trim();
    let site = orgs.get(siteUid);
    if (!site) {
      site = { name: device.siteName ?? '', counts: zeroCounts() };
      orgs.set(siteUid, site);
    }
    if (!isBillable(device)) continue;
    const metric = classifyDevice(device);
    if (metric === null) continue;
    const counts = site.counts;
    counts[metric] = (counts[metric] ?? 0) + 1;
    counts.AllDevicesMetric = (counts.AllDevicesMetric ?? 0) + 1;
    if (metric === 'DesktopMetric' || metric === 'LaptopMetric') counts.DesktopLaptopMetric = (counts.DesktopLaptopMetric ?? 0) + 1;
  }
  return parseOrThrow(uploadSchema(today), {
    module: DATTO_RMM,
    date: day,
    orgs: [...orgs].map(([orgId, site]) => ({ orgId, name: site.name, metrics: site.counts })),
  }, 'device list');
}
