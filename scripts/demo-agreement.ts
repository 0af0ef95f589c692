// The agreement and interop steps of pnpm demo: the consumer orders the best match under an
// agreement it signs and the provider countersigns, naming a successor provider for a later
// move; the provider's offerings go to DOME as TM Forum resources and to Gaia-X as credentials.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRdf, readManifest, type Manifest } from '@mpli/core';
import { manifestToGaiaX, manifestToTmf, tmfToManifest } from '@mpli/interop';
import { countersignAgreement, generateSigningKey, issueCredential, proposeAgreement, proposeSuccession, verifyAgreement, verifyCredential } from '@mpli/trust';

import type { AgreementHandOver, Step } from './demo-delivery';

const NOW = new Date('2026-12-01T09:00:00Z');

async function manifestOf(manifests: string, file: string): Promise<Manifest> {
  return readManifest((await parseRdf(readFileSync(join(manifests, file), 'utf8'), { source: file })).store);
}

export async function agreementSteps(manifests: string, say: (text?: string) => void): Promise<{ steps: Step[]; handOver: AgreementHandOver }> {
  const steps: Step[] = [];
  const scaldis = await manifestOf(manifests, 'scaldis-cloud.ttl');
  const offering = scaldis.offerings.find((o) => o.identifier === 'vm-m4')!;
  const terms = scaldis.prerequisites.flatMap((p) => (p.kind === 'termsAcceptance' ? [p.terms] : []))[0]!;
  // Offline, did:key stand-ins for the parties' DIDs.
  const [hospital, provider, successor] = [await generateSigningKey(), await generateSigningKey(), await generateSigningKey()];

  say('\n10. The hospital orders the best match under an agreement: it signs, the provider countersigns.');
  const proposal = await proposeAgreement({
    consumer: hospital.controller, provider: provider.controller, offering: offering.id, price: offering.prices[0]!, terms, ...(offering.sla ? { sla: offering.sla } : {}),
    validFrom: '2026-12-01T00:00:00Z', validUntil: '2027-12-01T00:00:00Z', successors: [successor.controller],
  }, hospital, { now: NOW });
  const agreement = await countersignAgreement(proposal, provider, { now: NOW });
  const verified = await verifyAgreement(agreement, { now: NOW });
  const tampered = await verifyAgreement({ ...agreement, validUntil: '2030-12-01T00:00:00Z' }, { now: NOW });
  say(`   ${verified.verified ? '✔' : '✖'} ${offering.name} at ${verified.terms?.price.amount} ${verified.terms?.price.currency}/${verified.terms?.price.per}, terms ${terms.hash.slice(0, 12)}…, SLA ${verified.terms?.sla?.availability} %: both signatures verify`);
  say(`   ${tampered.verified ? '✖ NOT' : '✔'} caught an end date changed after signing: ${tampered.errors[0] ?? ''}`);
  const next = await countersignAgreement(await proposeSuccession(agreement, { provider: successor.controller, offering: 'https://rheinwerk.example/offerings/vm-c8', validFrom: '2026-12-02T00:00:00Z' }, hospital, { now: NOW }), successor, { now: NOW });
  const continued = await verifyAgreement(next, { now: new Date('2026-12-02T09:00:00Z') });
  say(`   ${continued.verified ? '✔' : '✖'} a named successor provider, Rheinwerk, continues it under the same terms from 2 December (for the move below)`);
  steps.push({ step: 'agree: consumer signs, provider countersigns', ok: verified.verified && !tampered.verified && continued.verified, detail: `2 proofs, successor ${continued.verified ? 'ok' : 'failed'}` });

  say('\n11. The provider\'s offerings go where Europe\'s marketplaces already are: DOME (TM Forum) and Gaia-X.');
  const tmf = manifestToTmf(scaldis);
  const back = tmfToManifest(JSON.parse(JSON.stringify(tmf)) as typeof tmf, { provider: scaldis.provider, manifestId: scaldis.id });
  const roundTrip = back.skipped.length === 0 && back.unmapped.length === 0 && back.manifest.offerings.length === scaldis.offerings.length;
  say(`   ${roundTrip ? '✔' : '✖'} TMF620/TMF633: ${tmf.serviceSpecification.length} service and ${tmf.productSpecification.length} product specifications, ${tmf.productOfferingPrice.length} prices, ${tmf.productOffering.length} offerings; read back whole`);
  const signed = await Promise.all(manifestToGaiaX(scaldis, { issuer: provider.controller, validFrom: '2026-12-01T00:00:00Z' }).map((c) => issueCredential(c, provider, { now: NOW })));
  const checked = await Promise.all(signed.map((c) => verifyCredential(c, { now: NOW })));
  const allGood = checked.every((c) => c.verified);
  say(`   ${allGood ? '✔' : '✖'} Gaia-X 25.11: ${signed.map((c) => (c.type as string[])[1]).join(', ')}; signed, verified offline`);
  steps.push({ step: 'DOME and Gaia-X exports', ok: roundTrip && allGood, detail: `${tmf.productOffering.length} TMF offerings, ${signed.length} gx credentials` });
  return { steps, handOver: { agreement, succession: next, successorDid: successor.controller, keys: { consumer: hospital, provider, successor }, now: NOW } };
}
