const quantityFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 4 });

/** "1,234.5" for "1234.5000": the engine's 4 decimals without trailing zeros. */
export function formatQty(quantity: string): string {
  return quantityFormat.format(quantity as `${number}`);
}

/** A quantity as a plain decimal without trailing zeros ("11" for "11.0000"): for files, not screens. */
export function plainQuantity(quantity: string): string {
  if (!quantity.includes('.')) return quantity;
  const trimmed = quantity.replace(/0+$/, '').replace(/\.$/, '');
  return trimmed === '-0' ? '0' : trimmed;
}
