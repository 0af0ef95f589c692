import { isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { MpliError } from '@mpli/core';
import {
  createStatusChecker, DidResolver, didWebResolver, loadTrustPolicy, verifyCredential, verifyManifest, verifyPresentation, verifyWithPolicy,
  type PolicyOutcome, type TrustPolicy, type Verification, type VerifyOptions,
} from '@mpli/trust';
import { EXIT, UsageError, type CliIo } from '../cli-io';
import { formatPolicyOutcome, formatVerification } from '../format/verify-text';
import { readDocument, type Document } from '../read-document';

export const VERIFY_HELP = `Usage: mpli verify <credential|presentation|manifest>... [options]

Verifies credentials (JSON-LD with eddsa-rdfc-2022 or Ed25519Signature2020 proofs, or vc+jwt),
presentations (with the challenge you issued) and signed manifests (with their signature file),
without ever fetching a JSON-LD context. DIDs (did:key, did:web) and status lists are resolved
over HTTPS with time and size limits unless --offline. With --policy, the credentials are also
judged together under your trust policy: the claims they establish, with chains of evidence.

Options:
  --signature <file>       For a manifest: its detached signature (ManifestCredential)
  --policy <file>          Your trust policy (JSON; see the @mpli/trust README)
  --challenge <text>       For a presentation: the challenge you issued (required)
  --domain <text>          For a presentation: your domain
  --offline                Resolve did:key only; do not check status lists
  --timeout <ms>           Each DID, status list or certificate fetch (default 5000)
  --json                   Print the result as JSON
  -h, --help               Show this help

Exit codes: 0 verified (and, with --policy, every credential establishes a claim);
            1 not verified (each failed check named); 2 bad input or usage.
`;

interface Outcome {
  readonly source: string;
  readonly kind: Document['kind'];
  readonly verification: Verification;
}

export async function verifyCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: {
    signature: { type: 'string' }, policy: { type: 'string' }, challenge: { type: 'string' }, domain: { type: 'string' },
    offline: { type: 'boolean' }, timeout: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
  } });
  if (values.help) return (io.stdout(VERIFY_HELP), EXIT.ok);
  if (positionals.length === 0) throw new UsageError('mpli verify needs at least one file');
  const timeoutMs = values.timeout === undefined ? 5_000 : Number(values.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new UsageError(`--timeout needs a positive whole number of milliseconds, not "${values.timeout}"`);
  const documents = await Promise.all(positionals.map((locator) => readDocument(locator, io.cwd)));
  const policy = values.policy ? await readPolicy(values.policy, io.cwd) : undefined;
  const options: VerifyOptions = values.offline ? {} : {
    didResolver: new DidResolver({ web: didWebResolver({ timeoutMs }) }),
    status: createStatusChecker({ timeoutMs }),
    ...(policy ? { trustedRoots: policy.anchors.flatMap((a) => (a.x509 ? [a.x509] : [])) } : {}),
  };
  const outcomes: Outcome[] = [];
  for (const document of documents) outcomes.push({ source: document.source, kind: document.kind, verification: await verifyDocument(document, values, options, io.cwd) });
  const judged = policy ? await verifyWithPolicy(documents.flatMap(credentialsOf), policy, options) : undefined;
  const verified = outcomes.every((o) => o.verification.verified) && (!judged || (judged.failed.length === 0 && judged.established.length > 0));
  if (values.json) io.stdout(`${JSON.stringify({ verified, results: outcomes.map(({ source, kind, verification }) => ({ source, kind, ...verification })), ...(judged ? { policy: withoutVerifications(judged) } : {}) }, null, 2)}\n`);
  else {
    for (const outcome of outcomes) io.stdout(formatVerification(outcome.source, outcome.kind, outcome.verification));
    if (judged && policy) io.stdout(formatPolicyOutcome(policy, judged));
  }
  return verified ? EXIT.ok : EXIT.invalid;
}

async function verifyDocument(document: Document, values: { signature?: string; challenge?: string; domain?: string }, options: VerifyOptions, cwd: string): Promise<Verification> {
  if (document.kind === 'credential') return verifyCredential(document.value, options);
  if (document.kind === 'presentation') {
    if (!values.challenge) throw new UsageError(`${document.source} is a presentation: give the challenge you issued with --challenge`);
    return verifyPresentation(document.value, { ...options, challenge: values.challenge, ...(values.domain ? { domain: values.domain } : {}) });
  }
  if (!values.signature) throw new UsageError(`${document.source} is a manifest: give its detached signature with --signature <file>`);
  const signature = await readDocument(values.signature, cwd);
  if (signature.kind !== 'credential' || typeof signature.value === 'string') throw new UsageError(`${values.signature} is not a manifest signature (a ManifestCredential in JSON)`);
  try {
    return await verifyManifest(document.text, signature.value, { ...options, format: document.format, source: document.source });
  } catch (error) {
    if (error instanceof MpliError) throw new UsageError(`${document.source}: ${error.message}`);
    throw error;
  }
}

function credentialsOf(document: Document): (Record<string, unknown> | string)[] {
  if (document.kind === 'credential') return [document.value];
  if (document.kind === 'presentation') return ([] as unknown[]).concat(document.value.verifiableCredential ?? []) as Record<string, unknown>[];
  return [];
}

async function readPolicy(locator: string, cwd: string): Promise<TrustPolicy> {
  try {
    return await loadTrustPolicy(isAbsolute(locator) ? locator : join(cwd, locator));
  } catch (error) {
    if (error instanceof MpliError) throw new UsageError(error.message);
    throw error;
  }
}

function withoutVerifications(outcome: PolicyOutcome): Omit<PolicyOutcome, 'verifications'> {
  const { verifications: _verifications, ...rest } = outcome;
  return rest;
}
