import { parseRdf, validateDataset } from '@mpli/core';
import { generateCatalogTurtle } from './generate-catalog';
const text = generateCatalogTurtle(50, 100);
const { store } = await parseRdf(text, { format: 'text/turtle', maxBytes: Infinity });
const t = performance.now();
const r = await validateDataset(store);
console.log('validate', performance.now() - t, r.conforms);
