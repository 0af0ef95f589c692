import { isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { MpliError } from '@mpli/core';
import { issueCredential, signManifest, signPresentation } from '@mpli/trust';
import { EXIT, UsageError, type CliIo } from '../cli-io';
import { readKeyFile } from '../key-file';
import { readDocument } from '../read-document';
import { writeJson } from '../write-output';

export const SIGN_HELP = `Usage: mpli sign <manifest|credential|presentation> --key <file> [options]

Signs a document with your key (Ed25519, eddsa-rdfc-2022):
  a provider manifest (Turtle, JSON-LD, N-Quads)  → a detached signature (ManifestCredential) over
                                                    its canonical RDF; publish it beside the manifest
  an unsigned credential (JSON, you its issuer)   → the credential with its proof
  a presentation (JSON, with --challenge)         → the presentation signed for that verifier

Options:
  -k, --key <file>        Your key file (from mpli keygen)
  --challenge <text>      For a presentation: the verifier's challenge
  --domain <text>         For a presentation: the verifier's domain
  -o, --out <file>        Write the result there (default: stdout)
  -h, --help              Show this help

Exit codes: 0 signed; 2 bad input (unreadable, not yours to sign) or usage.
`;

export async function signCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: {
    key: { type: 'string', short: 'k' }, challenge: { type: 'string' }, domain: { type: 'string' }, out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' },
  } });
  if (values.help) return (io.stdout(SIGN_HELP), EXIT.ok);
  if (positionals.length !== 1) throw new UsageError('mpli sign needs exactly one document');
  if (!values.key) throw new UsageError('mpli sign needs --key <file>');
  const document = await readDocument(positionals[0]!, io.cwd);
  const key = await readKeyFile(isAbsolute(values.key) ? values.key : join(io.cwd, values.key));
  try {
    if (document.kind === 'manifest') {
      await writeJson(await signManifest(document.text, key, { format: document.format, source: document.source }), values.out, io);
    } else if (document.kind === 'presentation') {
      if (!values.challenge) throw new UsageError('signing a presentation needs the verifier\'s --challenge');
      const credentials = ([] as unknown[]).concat(document.value.verifiableCredential ?? []) as Record<string, unknown>[];
      await writeJson(await signPresentation(credentials, key, { challenge: values.challenge, ...(values.domain ? { domain: values.domain } : {}) }), values.out, io);
    } else {
      if (typeof document.value === 'string' || 'proof' in document.value) throw new UsageError(`${document.source} is already signed`);
      await writeJson(await issueCredential(document.value, key), values.out, io);
    }
  } catch (error) {
    if (error instanceof MpliError) throw new UsageError(`${document.source}: ${error.message}`);
    throw error;
  }
  return EXIT.ok;
}
