// A deterministic synthetic catalog for the match benchmark: offerings as plain objects (for the
// hand-written filter) and the same offerings as Turtle manifests (for MPLI and shacl-engine).
import { seededRandom } from './generate-catalog';

export interface PlainOffering {
  readonly id: string;
  readonly provider: string;
  readonly vcpu: number;
  readonly memory: { readonly value: number; readonly unit: 'GiB' | 'GB' };
  readonly arch: 'X86_64' | 'ARM64';
  readonly countries: readonly string[];
  readonly prices: readonly { readonly amount: string; readonly currency: string; readonly per: 'h' | 'month' }[];
  readonly certifications: readonly { readonly scheme: string; readonly level?: string; readonly evidence: boolean }[];
}

const COUNTRIES = ['BE', 'DE', 'FR', 'NL', 'IT', 'ES', 'SE', 'PL', 'AT', 'FI', 'IE', 'PT', 'CZ', 'DK', 'NO', 'CH', 'GB', 'US'];
const EUCS = ['EUCSBasic', 'EUCSSubstantial', 'EUCSHigh'];

/** All providers' offerings. */
export function generateOfferings(providers: number, perProvider: number, seed = 7): PlainOffering[][] {
  return Array.from({ length: providers }, (_, p) => providerOfferings(p, perProvider, seed));
}

/** One provider's offerings; each provider has its own seeded generator, so any subset can be made alone. */
export function providerOfferings(p: number, perProvider: number, seed = 7): PlainOffering[] {
  const random = seededRandom(seed * 100_003 + p);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  return Array.from({ length: perProvider }, (_, o) => {
    const per = random() < 0.5 ? 'h' : 'month';
    const certifications = [];
    if (random() < 0.6) certifications.push({ scheme: 'ISO27001', evidence: random() < 0.9 });
    if (random() < 0.4) certifications.push({ scheme: 'EUCS', level: pick(EUCS), evidence: random() < 0.9 });
    return {
      id: `https://p${p}.example/m#o${o}`,
      provider: `https://p${p}.example/m#provider`,
      vcpu: 2 ** Math.floor(random() * 7),
      memory: { value: 2 ** Math.floor(random() * 10), unit: random() < 0.7 ? 'GiB' : 'GB' },
      arch: random() < 0.8 ? 'X86_64' : 'ARM64',
      countries: random() < 0.2 ? [pick(COUNTRIES), pick(COUNTRIES)] : [pick(COUNTRIES)],
      prices: [{ amount: (random() * (per === 'h' ? 2 : 1400)).toFixed(4), currency: random() < 0.9 ? 'EUR' : 'CHF', per }],
      certifications,
      } satisfies PlainOffering;
    });
}

const PREFIXES = `@prefix mpli: <https://w3id.org/mpli#> . @prefix gx: <https://w3id.org/gaia-x/2511#> . @prefix schema: <https://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> . @prefix qudt: <http://qudt.org/schema/qudt/> . @prefix unit: <http://qudt.org/vocab/unit/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
`;

const UNIT_IRI = { GiB: 'unit:GibiBYTE', GB: 'unit:GigaBYTE' } as const;
const PERIOD_IRI = { h: 'unit:HR', month: 'mpli:BillingMonth' } as const;

function offeringTurtle(o: PlainOffering): string {
  const certs = o.certifications.map((c) => `[ mpli:scheme mpli:${c.scheme}${c.level ? ` ; mpli:assuranceLevel mpli:${c.level}` : ''}${c.evidence ? ' ; mpli:evidencedBy <urn:uuid:e>' : ''} ]`);
  return `<${o.id}> a mpli:VirtualMachineOffering ; dcterms:identifier "${o.id.slice(o.id.indexOf('#') + 1)}" ; schema:name "VM" ; gx:providedBy <${o.provider}> ;
  mpli:vcpu ${o.vcpu} ; mpli:cpuArchitecture mpli:${o.arch} ; mpli:memory [ qudt:numericValue ${o.memory.value} ; qudt:unit ${UNIT_IRI[o.memory.unit]} ] ;
  mpli:location ${o.countries.map((c) => `[ gx:countryCode "${c}" ]`).join(', ')} ;
  mpli:price ${o.prices.map((p) => `[ schema:price "${p.amount}"^^xsd:decimal ; schema:priceCurrency "${p.currency}" ; mpli:billingPeriod ${PERIOD_IRI[p.per]} ; mpli:billingModel mpli:PayAsYouGo ]`).join(', ')}${certs.length ? ` ;\n  mpli:certification ${certs.join(', ')}` : ''} .
`;
}

/** One provider's manifest as Turtle. */
export function manifestTurtle(p: number, offerings: readonly PlainOffering[]): string {
  return `${PREFIXES}<https://p${p}.example/m> a mpli:Manifest ; dcterms:modified "2026-11-01T00:00:00Z"^^xsd:dateTime ;
  dcterms:publisher <https://p${p}.example/m#provider> ; mpli:offering ${offerings.map((o) => `<${o.id}>`).join(', ')} .
<https://p${p}.example/m#provider> a mpli:Provider ; schema:name "Provider ${p}" ; gx:registrationNumber [ a gx:VatID ; gx:vatID "BE0${100000000 + p}" ] ;
  gx:headquartersAddress [ gx:countryCode "BE" ] ; schema:contactPoint [ schema:email "sales@p${p}.example" ] .
${offerings.map(offeringTurtle).join('')}`;
}
