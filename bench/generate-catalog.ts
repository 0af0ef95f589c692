// Generates a synthetic but valid catalog of provider manifests as one Turtle text, for benchmarks.
// Deterministic (a seeded generator), so runs compare like with like.

const COUNTRIES = ['BE', 'DE', 'FR', 'NL', 'IT', 'ES', 'SE', 'PL', 'AT', 'FI', 'IE', 'PT', 'CZ', 'DK', 'NO', 'CH'];
const UNITS = ['GibiBYTE', 'GigaBYTE'];
const PERIODS = ['unit:HR', 'mpli:BillingMonth'];

/** A small deterministic pseudo-random generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PREFIXES = `@prefix mpli: <https://w3id.org/mpli#> .
@prefix gx: <https://w3id.org/gaia-x/2511#> .
@prefix schema: <https://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix qudt: <http://qudt.org/schema/qudt/> .
@prefix unit: <http://qudt.org/vocab/unit/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
`;

function offering(p: number, o: number, random: () => number): string {
  const country = COUNTRIES[Math.floor(random() * COUNTRIES.length)];
  const memory = 2 ** Math.floor(random() * 8);
  const unit = UNITS[Math.floor(random() * UNITS.length)];
  const period = PERIODS[Math.floor(random() * PERIODS.length)];
  const price = (random() * (period === 'unit:HR' ? 2 : 1500)).toFixed(4);
  return `<https://p${p}.example/m#o${o}> a mpli:VirtualMachineOffering ; dcterms:identifier "o${o}" ; schema:name "Offering ${o} of provider ${p}" ;
  gx:providedBy <https://p${p}.example/m#provider> ; mpli:vcpu ${1 + Math.floor(random() * 64)} ; mpli:cpuArchitecture mpli:X86_64 ;
  mpli:memory [ qudt:numericValue ${memory} ; qudt:unit unit:${unit} ] ;
  mpli:location [ gx:countryCode "${country}" ] ;
  mpli:price [ schema:price "${price}"^^xsd:decimal ; schema:priceCurrency "EUR" ; mpli:billingPeriod ${period} ; mpli:billingModel mpli:PayAsYouGo ] .
`;
}

function provider(p: number, offerings: number, random: () => number): string {
  const ids = Array.from({ length: offerings }, (_, o) => `<https://p${p}.example/m#o${o}>`).join(', ');
  const head = `<https://p${p}.example/m> a mpli:Manifest ; dcterms:modified "2026-11-01T00:00:00Z"^^xsd:dateTime ;
  dcterms:publisher <https://p${p}.example/m#provider> ; mpli:offering ${ids} .
<https://p${p}.example/m#provider> a mpli:Provider ; schema:name "Provider ${p}" ;
  gx:registrationNumber [ a gx:VatID ; gx:vatID "BE0${String(100000000 + p)}" ] ;
  gx:headquartersAddress [ gx:countryCode "BE" ] ; schema:contactPoint [ schema:email "sales@p${p}.example" ] ;
  mpli:manifestLocation <https://p${p}.example/m> .
`;
  return head + Array.from({ length: offerings }, (_, o) => offering(p, o, random)).join('');
}

/** A catalog of `providers` manifests with `offeringsPerProvider` VM offerings each, as Turtle. */
export function generateCatalogTurtle(providers: number, offeringsPerProvider: number, seed = 42): string {
  const random = seededRandom(seed);
  const parts = [PREFIXES];
  for (let p = 0; p < providers; p += 1) parts.push(provider(p, offeringsPerProvider, random));
  return parts.join('');
}
