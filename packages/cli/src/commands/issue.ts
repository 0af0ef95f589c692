import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { MpliError } from '@mpli/core';
import { checkShape, credentialDateTime, credentialGraph, issueCredential } from '@mpli/trust';
import { EXIT, UsageError, type CliIo } from '../cli-io';
import { readKeyFile } from '../key-file';
import { writeJson } from '../write-output';

export const ISSUE_HELP = `Usage: mpli issue --key <file> --type <CredentialType> --subject <file> [options]

Issues a W3C Verifiable Credential (VC 2.0, eddsa-rdfc-2022) of an MPLI type about a subject,
signed with your key. The credential is checked against its type's shape before it is signed.
Types: LegalIdentityCredential, RepresentativeCredential, CertificationCredential,
SlaCredential, BillingAccountCredential, TermsAcceptanceCredential, ComplianceLabelCredential,
AccreditationCredential (see the @mpli/trust README for each subject's fields).

Options:
  -k, --key <file>          Your key file (from mpli keygen); you are the issuer
  -t, --type <type>         The credential type
  -s, --subject <file>      The credentialSubject, as JSON (with its "id")
  --id <iri>                The credential's id (default: a new urn:uuid)
  --valid-from <date-time>  Default: now
  --valid-until <date-time> When it expires
  -o, --out <file>          Write the credential there (default: stdout)
  -h, --help                Show this help

Exit codes: 0 issued; 1 the credential would break its type's shape; 2 bad input or usage.
`;

const OPTIONS = {
  key: { type: 'string', short: 'k' }, type: { type: 'string', short: 't' }, subject: { type: 'string', short: 's' }, id: { type: 'string' },
  'valid-from': { type: 'string' }, 'valid-until': { type: 'string' }, out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' },
} as const;

const dateTime = (name: string, value: string | undefined) => {
  if (value !== undefined && (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(Date.parse(value)))) {
    throw new UsageError(`--${name} needs a date-time such as 2027-12-31T23:59:59Z, not "${value}"`);
  }
  return value;
};

export async function issueCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: OPTIONS });
  if (values.help) return (io.stdout(ISSUE_HELP), EXIT.ok);
  if (!values.key || !values.type || !values.subject) throw new UsageError('mpli issue needs --key, --type and --subject');
  if (!/^[A-Z][A-Za-z]*Credential$/.test(values.type)) throw new UsageError(`--type needs a credential type such as CertificationCredential, not "${values.type}"`);
  const subject = await readSubject(values.subject, io.cwd);
  const key = await readKeyFile(isAbsolute(values.key) ? values.key : join(io.cwd, values.key));
  const now = new Date();
  const draft = {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://w3id.org/mpli/context/v1'],
    id: values.id ?? `urn:uuid:${crypto.randomUUID()}`,
    type: ['VerifiableCredential', values.type],
    issuer: key.controller,
    validFrom: dateTime('valid-from', values['valid-from']) ?? credentialDateTime(now),
    ...(values['valid-until'] ? { validUntil: dateTime('valid-until', values['valid-until']) } : {}),
    credentialSubject: subject,
  };
  try {
    const shape = await checkShape(await credentialGraph(draft));
    if (!shape.ok) {
      io.stderr(`mpli issue: the ${values.type} would break its shape:\n${shape.problems.filter((p) => p.severity === 'violation').map((p) => `  [${p.rule}] ${p.message}`).join('\n')}\n`);
      return EXIT.invalid;
    }
    await writeJson(await issueCredential(draft, key, { now }), values.out, io);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof MpliError) throw new UsageError(error.message);
    throw error;
  }
}

async function readSubject(locator: string, cwd: string): Promise<Record<string, unknown>> {
  let subject: unknown;
  try {
    subject = JSON.parse(await readFile(isAbsolute(locator) ? locator : join(cwd, locator), 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read the subject ${locator}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (!subject || typeof subject !== 'object' || Array.isArray(subject)) throw new UsageError(`the subject ${locator} must be a JSON object`);
  return subject as Record<string, unknown>;
}
