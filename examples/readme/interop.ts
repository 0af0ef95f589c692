import { readFileSync } from 'node:fs';
import { buildManifest, parseRdf, readManifest } from '@mpli/core';
import { manifestToTmf, tmfToManifest } from '@mpli/interop';

// A provider's MPLI manifest, as the TMF620/TMF633 resources a DOME access node takes.
const text = readFileSync('examples/manifests/scaldis-cloud.ttl', 'utf8');
const manifest = readManifest((await parseRdf(text, { format: 'text/turtle' })).store);
const tmf = manifestToTmf(manifest);
console.log(tmf.serviceSpecification.length, tmf.productSpecification.length, tmf.productOfferingPrice.length, tmf.productOffering.length);
const offering = tmf.productOffering.find((o) => o.name.startsWith('Medium VM'))!;
const price = tmf.productOfferingPrice.find((p) => p.id === offering.productOfferingPrice![0]!.id)!;
console.log(offering.id.split(':').slice(0, 3).join(':'), price.priceType, price.price, price.unitOfMeasure);

// And back: the same offerings, ready to build into RDF again.
const back = tmfToManifest(tmf, { provider: manifest.provider, manifestId: manifest.id });
console.log(readManifest(buildManifest(back.manifest)).offerings.map((o) => o.identifier).join(' '), back.skipped.length, back.unmapped.length);
