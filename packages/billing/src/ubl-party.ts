import { MpliError, type Address, type RegistrationNumber } from '@mpli/core';

/** A party of an EN 16931 invoice: the seller (the provider) or the buyer (the consumer). */
export interface UblParty {
  /** The legal registration name (BT-27, BT-44). */
  readonly name: string;
  /** The postal address; the country is required (BT-40, BT-55). */
  readonly address: Address;
  /** The VAT identifier with its country prefix, such as BE0123456789 (BT-31, BT-48). */
  readonly vatId?: string;
  /**
   * The electronic address invoices are sent to (BT-34, BT-49), with its Peppol EAS scheme:
   * 0208 Belgian enterprise number, 9930 German VAT, 0007 Swedish organisation number, 0088 GLN…
   */
  readonly endpoint: { readonly id: string; readonly scheme: string };
}

/**
 * A party as its MPLI description gives it (a manifest's provider, a requirements' consumer): its
 * name, headquarters and VAT identifier. The electronic address is not in MPLI's vocabulary and
 * must be given.
 */
export function ublParty(party: { readonly name: string; readonly headquarters?: Address; readonly registrationNumbers: readonly RegistrationNumber[] }, endpoint: UblParty['endpoint']): UblParty {
  if (!party.headquarters) throw new MpliError('INVALID_INPUT', `${party.name} has no address: an EN 16931 invoice needs each party's country`);
  const vat = party.registrationNumbers.find((r) => r.type === 'vatID')?.value;
  return { name: party.name, address: party.headquarters, ...(vat ? { vatId: vat } : {}), endpoint };
}
