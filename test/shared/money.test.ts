import { describe, expect, it } from 'vitest';
import { divRound, formatAmount, lineAmount, minorDigits, parseScaled, priceUnits, quantityUnits } from '../../shared/money/index.ts';

describe('divRound: half away from zero', () => {
  it('rounds halves away from zero in both signs', () => {
    expect(divRound(5n, 2n)).toBe(3n);
    expect(divRound(-5n, 2n)).toBe(-3n);
    expect(divRound(15n, 10n)).toBe(2n);
    expect(divRound(-15n, 10n)).toBe(-2n);
    expect(divRound(14n, 10n)).toBe(1n);
    expect(divRound(-14n, 10n)).toBe(-1n);
    expect(divRound(5n, -2n)).toBe(-3n);
  });
});

describe('lineAmount in currencies of 0, 2 and 3 minor digits', () => {
  it('knows the minor digits', () => {
    expect(minorDigits('USD')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
  });
  it('rounds 0.125 USD to 0.13 and -0.125 to -0.13', () => {
    // 0.125 = price 0.125 × 1 unit
    expect(formatAmount(lineAmount(priceUnits('0.125'), quantityUnits(1), 1n, 1n, 'USD'), 'USD')).toBe('0.13');
    expect(formatAmount(lineAmount(priceUnits('-0.125'), quantityUnits(1), 1n, 1n, 'USD'), 'USD')).toBe('-0.13');
    expect(formatAmount(lineAmount(priceUnits('0.1249'), quantityUnits(1), 1n, 1n, 'USD'), 'USD')).toBe('0.12');
  });
  it('rounds 2.5 JPY to 3 and -2.5 to -3', () => {
    expect(formatAmount(lineAmount(priceUnits('2.5'), quantityUnits(1), 1n, 1n, 'JPY'), 'JPY')).toBe('3');
    expect(formatAmount(lineAmount(priceUnits('-2.5'), quantityUnits(1), 1n, 1n, 'JPY'), 'JPY')).toBe('-3');
  });
  it('rounds 0.0005 KWD to 0.001 and -0.0005 to -0.001', () => {
    expect(formatAmount(lineAmount(priceUnits('0.0005'), quantityUnits(1), 1n, 1n, 'KWD'), 'KWD')).toBe('0.001');
    expect(formatAmount(lineAmount(priceUnits('-0.0005'), quantityUnits(1), 1n, 1n, 'KWD'), 'KWD')).toBe('-0.001');
  });
  it('prorates $5.00 × 315 device-days / 30 to 52.50 exactly', () => {
    expect(formatAmount(lineAmount(priceUnits('5.00'), quantityUnits(315), 1n, 30n, 'USD'), 'USD')).toBe('52.50');
  });
  it('never goes through floats: 0.1 + 0.2 style values stay exact', () => {
    expect(formatAmount(lineAmount(priceUnits('0.1'), quantityUnits('3'), 1n, 1n, 'USD'), 'USD')).toBe('0.30');
    expect(formatAmount(lineAmount(priceUnits('1234.5678'), quantityUnits('9999.9999'), 1n, 31n, 'USD'), 'USD')).toBe('398247.67') // 12345677.87654322 / 31 = 398247.6734…;
  });
});

describe('parsing', () => {
  it('rejects too many decimals and non-numbers', () => {
    expect(() => parseScaled('1.23456', 4)).toThrow(/more than 4 decimal places/);
    expect(() => parseScaled('abc', 4)).toThrow(/not a decimal/);
    expect(() => quantityUnits(1e-7)).toThrow();
  });
  it('reads booleans as 1 and 0', () => {
    expect(quantityUnits(true)).toBe(10_000n);
    expect(quantityUnits(false)).toBe(0n);
  });
});
