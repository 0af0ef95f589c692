import { validateDataset, type Problem } from '@mpli/core';
import type { CredentialGraph } from './credential-graph';
import type { Check } from './verification-result';

/**
 * The shape check: the credential's content conforms to the MPLI shape of its type (a
 * certification names its scheme and scope, a label its level and inputs...). Credentials of
 * types MPLI does not define conform trivially.
 */
export async function checkShape(graph: CredentialGraph): Promise<Check & { readonly problems: readonly Problem[] }> {
  const report = await validateDataset(graph.dataset, { skipManifestCheck: true });
  const violations = report.problems.filter((problem) => problem.severity === 'violation');
  return violations.length
    ? { name: 'shape', ok: false, message: violations.map((p) => `${p.rule}: ${p.message}`).join('; '), problems: report.problems }
    : { name: 'shape', ok: true, message: 'conforms to the MPLI shapes', problems: report.problems };
}
