import { countryGroupMembers, mpli, shapesTurtle, unitBySymbol } from '@mpli/shapes';

// IRI constants for every term of the vocabulary.
console.log(mpli.VirtualMachineOffering); // https://w3id.org/mpli#VirtualMachineOffering

// Units with exact conversion factors: GB and GiB are different.
console.log(unitBySymbol('GiB')?.factor, unitBySymbol('GB')?.factor); // 1073741824 1000000000

// Country groups are dated: the EU had 28 members in 2019 and has 27 now.
console.log(countryGroupMembers('EU', '2019-06-01').size, countryGroupMembers('EU', '2026-12-01').size); // 28 27

// The SHACL shapes, as Turtle files to load into any SHACL engine.
for (const [path, text] of shapesTurtle()) console.log(path, `${text.length} characters`);
