import type { PolicyOutcome, TrustPolicy, Verification } from '@mpli/trust';

/** One verified document, for people: a verdict line, then each check. */
export function formatVerification(source: string, kind: string, verification: Verification): string {
  const lines = [`${verification.verified ? '✔' : '✖'} ${source}  (${kind})`];
  for (const check of verification.checks) lines.push(`    ${check.ok ? '✔' : '✖'} ${check.name}: ${check.message}`);
  for (const warning of verification.warnings) lines.push(`    ⚠ ${warning}`);
  const nested = (verification as { credentials?: readonly Verification[] }).credentials ?? [];
  nested.forEach((inner, i) => {
    lines.push(`    credential ${i + 1}: ${inner.verified ? '✔ verified' : '✖ not verified'}`);
    for (const error of inner.errors) lines.push(`        ✖ ${error}`);
  });
  return `${lines.join('\n')}\n`;
}

/** What a policy established and what failed, each with why. */
export function formatPolicyOutcome(policy: TrustPolicy, outcome: PolicyOutcome): string {
  const lines = [``, `Under the policy ${policy.name ?? policy.id}:`];
  for (const claim of outcome.established) {
    lines.push(`  ✔ ${claim.claim}: ${claim.subject}${claim.validUntil ? ` (until ${claim.validUntil})` : ''}`);
    for (const link of claim.chain) lines.push(`      ← ${link.reason}${link.credential ? ` [${link.credential}]` : ''}`);
  }
  for (const failure of outcome.failed) {
    lines.push(`  ✖ ${failure.claim ?? 'not established'}: ${failure.credential}`);
    for (const reason of failure.reasons) lines.push(`      ${reason}`);
  }
  for (const unused of outcome.unused) lines.push(`  · ${unused.credential}: ${unused.reason}`);
  if (!outcome.established.length && !outcome.failed.length) lines.push('  nothing established');
  return `${lines.join('\n')}\n`;
}
