import { describe, expect, it } from 'vitest';
import { analyzeName, canonical } from '../../shared/suggest/name.ts';
import { withinOneEdit } from '../../shared/suggest/distance.ts';

const words = (name: string) => analyzeName(name).tokens.map((t) => t.surface).join(' ');
const canon = (name: string) => analyzeName(name).canonKey;

describe('analyzeName: the words that identify an organization', () => {
  it('drops the suffixes modules add in the BMS account mapping screen', () => {
    expect(words('Brass Building Supplies LLC')).toBe('brass building supplies');
    expect(words('Brass Building Supplies_LLC')).toBe('brass building supplies');
    expect(words('Brass Building Supplies_Org')).toBe('brass building supplies');
    expect(words('Cobalt Communications Inc._LLC')).toBe('cobalt communications');
    expect(words('Chartreuse Creative Co. LLC')).toBe('chartreuse creative');
    expect(words('Global Services Corp._Org')).toBe('global services');
  });

  it('drops legal forms written in many ways, keeping words that only look like one', () => {
    expect(words('Acme, L.L.C.')).toBe('acme');
    expect(words('Acme GmbH & Co. KG')).toBe('acme');
    expect(words('Acme Pty Ltd')).toBe('acme');
    expect(words('Øresund Shipping A/S')).toBe('oresund shipping');
    expect(words('Lakeview Veterinary Clinic, P.C.')).toBe('lakeview veterinary clinic');
    expect(words('Acme Company Store')).toBe('acme company store');
    expect(words('Co Op Grocers')).toBe('co op grocers');
    expect(words('LLC')).toBe('llc');
  });

  it('folds case, accents, apostrophes, "&", "The" and honorifics', () => {
    expect(words('CAFÉ LUMIÈRE')).toBe('cafe lumiere');
    expect(words('Müller Straße')).toBe('muller strasse');
    expect(words('O’Brien & Associates')).toBe('obrien associates');
    expect(words("The Law Offices of David Chen")).toBe('law offices david chen');
    expect(words('Dr. Sarah Kim, DDS')).toBe('sarah kim');
    expect(canon('Fox & Hound')).toBe(canon('Fox and Hound'));
  });

  it('keeps acronyms and short hyphenated words in one piece, splits long ones', () => {
    expect(words('Expert I.T. Services')).toBe('expert it services');
    expect(words('A.B.C. Learning Center')).toBe('abc learning center');
    expect(words('A-1 Appliance')).toBe('a1 appliance');
    expect(words('Tri-County Medical')).toBe('tricounty medical');
    expect(words('Smith-Jones Law')).toBe('smith jones law');
  });

  it('expands abbreviations, spells numbers as digits and drops plurals', () => {
    expect(canonical('intl')).toBe('international');
    expect(canonical('mgmt')).toBe('management');
    expect(canonical('svcs')).toBe(canonical('services'));
    expect(canonical('supplies')).toBe('supply');
    expect(canonical('labs')).toBe(canonical('laboratories'));
    expect(canonical('three')).toBe('3');
    expect(canonical('first')).toBe('1st');
    expect(canonical('glass')).toBe('glass');
    expect(canon('St. Mary’s Hospital')).toBe(canon('Saint Marys Hospital'));
    expect(canon('Horizon Intl Trading')).toBe(canon('Horizon International Trading Ltd'));
  });

  it('recognises a name cut off with "..." or "…"', () => {
    const cut = analyzeName('Rosewood Real Estate...');
    expect(cut.truncated).toBe(true);
    expect(cut.fullCompact).toBe('rosewoodrealestate');
    expect(analyzeName('Olive Oil Trading C…').truncated).toBe(true);
    expect(analyzeName('Olive Oil Trading Co.').truncated).toBe(false);
  });

  it('reads a domain as the name it spells', () => {
    expect(words('brassbuildingsupplies.com')).toBe('brassbuildingsupplies');
    expect(words('www.acme-plumbing.co.uk')).toBe('acme plumbing');
    expect(words('acme.onmicrosoft.com')).toBe('acme');
  });

  it('marks initials written in capitals only', () => {
    expect(analyzeName('Granite State CU').tokens.map((t) => t.upper)).toEqual([false, false, true]);
    expect(analyzeName('Granite State cu').tokens.map((t) => t.upper)).toEqual([false, false, false]);
  });
});

describe('withinOneEdit', () => {
  it('accepts one insertion, deletion, substitution or swap, nothing more', () => {
    expect(withinOneEdit('harbor', 'harbour')).toBe(true);
    expect(withinOneEdit('navigation', 'navigaton')).toBe(true);
    expect(withinOneEdit('hansen', 'hanson')).toBe(true);
    expect(withinOneEdit('noble', 'nobel')).toBe(true);
    expect(withinOneEdit('dayton', 'clayton')).toBe(false);
    expect(withinOneEdit('brewery', 'brewing')).toBe(false);
    expect(withinOneEdit('abcd', 'badc')).toBe(false);
  });
});
