// Regenerates the derived files of @mpli/shapes from their sources:
//   vocab/mpli.ttl            -> src/generated/terms.ts, context/mpli.context.jsonld
//   src/generated/iso-countries.ts, iso-currencies.ts -> shapes/codes.ttl
//   src/units.ts              -> data/units.ttl
//   src/country-groups.ts     -> data/country-groups.ttl
// With --iso-codes it first refreshes src/generated/iso-countries.ts and iso-currencies.ts from
// Debian's iso-codes package.
// A unit test renders everything again and fails when a committed file is stale.
import { writeFileSync } from 'node:fs';
import { renderIsoCodeModules } from './iso-codes';

const root = new URL('../', import.meta.url);

if (process.argv.includes('--iso-codes')) {
  const modules = renderIsoCodeModules();
  writeFileSync(new URL('src/generated/iso-countries.ts', root), modules.countries);
  writeFileSync(new URL('src/generated/iso-currencies.ts', root), modules.currencies);
}
// Imported only now, so that a refreshed iso-codes module is the one rendered.
const { renderAll } = await import('./render-all');
const outputs = renderAll(root);
for (const [path, text] of outputs) {
  writeFileSync(new URL(path, root), text);
  console.log(`wrote ${path}`);
}
