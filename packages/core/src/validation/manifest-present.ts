import type { DatasetCore } from '@rdfjs/types';
import { NS } from '@mpli/shapes';
import { subjectsOfType } from '../model/node-reader';
import type { Problem } from './problem';

/** The rule IRI for the built-in check that a document holds a manifest at all. */
export const MANIFEST_PRESENT_RULE = 'mplish:ManifestPresent';

/**
 * Warns when a document holds neither a mpli:Manifest nor a mpli:RequirementsManifest: the shapes
 * then have nothing to check, and "valid" would be an empty promise.
 */
export function checkManifestPresent(dataset: DatasetCore, source?: string): Problem[] {
  const manifests = subjectsOfType(dataset, `${NS.mpli}Manifest`).length + subjectsOfType(dataset, `${NS.mpli}RequirementsManifest`).length;
  if (manifests > 0) return [];
  return [
    {
      severity: 'warning',
      message: 'No mpli:Manifest or mpli:RequirementsManifest found: nothing here says what this document is.',
      ...(source ? { source } : {}),
      focusNode: '(document)',
      rule: MANIFEST_PRESENT_RULE,
    },
  ];
}
