import { renderCodesShapes } from './render-codes';
import { renderContext } from './render-context';
import { renderCountryGroups, renderUnits } from './render-data';
import { readOntologyTerms, renderTermsModule } from './ontology-terms';

/** Renders every generated file of the package, as [path relative to the package, text]. */
export function renderAll(packageRoot: URL): [string, string][] {
  const terms = readOntologyTerms(new URL('vocab/mpli.ttl', packageRoot));
  return [
    ['src/generated/terms.ts', renderTermsModule(terms)],
    ['context/mpli.context.jsonld', renderContext(terms)],
    ['shapes/codes.ttl', renderCodesShapes()],
    ['data/units.ttl', renderUnits()],
    ['data/country-groups.ttl', renderCountryGroups()],
  ];
}
