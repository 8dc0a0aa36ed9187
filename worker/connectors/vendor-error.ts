/** A run that stopped because of the vendor (refused, forbidden, unreachable, malformed): the message is plain words for the admin. */
export class VendorError extends Error {
  /** The vendor's HTTP status, when it answered. */
  readonly status: number | null;
  constructor(message: string, status: number | null = null) {
    super(message);
    this.name = 'VendorError';
    this.status = status;
  }
}
