import { isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { httpExchange, MpliError, readManifest, type Manifest } from '@mpli/core';
import { credentialDateTime, proposeAgreement } from '@mpli/trust';
import { EXIT, UsageError, type CliIo } from '../cli-io';
import { readKeyFile } from '../key-file';
import { loadInput } from '../load-inputs';
import { problemDetail } from '../problem-detail';
import { writeJson } from '../write-output';

export const AGREE_HELP = `Usage: mpli agree --key <file> --manifest <file|url> --offering <id> [options]

Proposes an agreement for one of a provider's offerings, at one of its prices, under its terms
and conditions and SLA as its manifest states them, signed with your key (you are the consumer).
With --server, sends it to the provider's MPLI endpoint (POST /agreements, bearer token from
$MPLI_TOKEN) for its countersignature and writes the agreement signed by both; without, writes
the signed proposal.

Options:
  -k, --key <file>          Your key file (from mpli keygen)
  -m, --manifest <file|url> The provider's manifest
  --offering <id>           The offering's identifier (vm-m4) or IRI
  --price <n>               Which of the offering's prices, 1-based (default 1)
  --from <date-time>        When it starts (default now)
  --until <date-time>       When it ends (default: open-ended)
  --successor <did>         A provider that may continue it under the same terms (repeatable)
  --server <url>            The provider's MPLI endpoint
  -o, --out <file>          Write the agreement there (default: stdout)
  -h, --help                Show this help

Exit codes: 0 agreed (or proposal written); 1 the provider refused (its reason is printed); 2 bad input or usage.
`;

const OPTIONS = {
  key: { type: 'string', short: 'k' }, manifest: { type: 'string', short: 'm' }, offering: { type: 'string' }, price: { type: 'string' },
  from: { type: 'string' }, until: { type: 'string' }, successor: { type: 'string', multiple: true }, server: { type: 'string' },
  out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' },
} as const;

async function manifestOf(locator: string, cwd: string): Promise<Manifest> {
  const loaded = await loadInput(locator, { cwd, maxBytes: 4 << 20, timeoutMs: 15_000 });
  if (!loaded.ok) throw new UsageError(`${locator}${loaded.error.line ? `:${loaded.error.line}:${loaded.error.column ?? 0}` : ''}: ${loaded.error.message}`);
  if (!loaded.validated.report.conforms) throw new UsageError(`${locator} breaks the MPLI shapes (run mpli validate ${locator})`);
  return readManifest(loaded.validated.parsed.store);
}

const dateTime = (name: string, value: string | undefined) => {
  if (value !== undefined && Number.isNaN(Date.parse(value))) throw new UsageError(`--${name} needs a date-time such as 2027-12-31T23:59:59Z, not "${value}"`);
  return value;
};

/** The offering, price, terms and provider DID the agreement is for, from the manifest; usage errors otherwise. */
function agreedTerms(manifest: Manifest, locator: string, offeringId: string, priceIndex: string | undefined) {
  const offering = manifest.offerings.find((o) => o.identifier === offeringId || o.id === offeringId);
  if (!offering) throw new UsageError(`${locator} has no offering "${offeringId}" (it has ${manifest.offerings.map((o) => o.identifier).join(', ')})`);
  const index = Number(priceIndex ?? '1');
  const price = offering.prices[index - 1];
  if (!Number.isInteger(index) || !price) throw new UsageError(`--price must be 1 to ${offering.prices.length}: the offering's prices`);
  const terms = offering.terms[0] ?? manifest.prerequisites.flatMap((p) => (p.kind === 'termsAcceptance' ? [p.terms] : []))[0];
  if (!terms) throw new UsageError(`${offering.identifier} names no terms and conditions to agree to`);
  if (!manifest.provider.did) throw new UsageError(`${manifest.provider.name} declares no DID (mpli:did): an agreement needs one to name`);
  return { offering, price, terms, provider: manifest.provider.did };
}

/** POST /agreements at the provider's endpoint: the countersigned agreement, or the refusal's reason. */
async function sendProposal(server: string, proposal: Record<string, unknown>): Promise<{ agreement: Record<string, unknown> } | { refused: string }> {
  const token = process.env.MPLI_TOKEN;
  const answer = await httpExchange(`${server.replace(/\/$/, '')}/agreements`, {
    method: 'POST', body: JSON.stringify(proposal), timeoutMs: 30_000, maxBytes: 1 << 20,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  if (answer.status === 201) return { agreement: JSON.parse(answer.text) as Record<string, unknown> };
  const detail = problemDetail(answer.text);
  if (answer.status === 422 || answer.status === 403) return { refused: detail ?? String(answer.status) };
  throw new UsageError(`${server} answered ${answer.status}${detail ? `: ${detail}` : ''}`);
}

export async function agreeCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: OPTIONS });
  if (values.help) return (io.stdout(AGREE_HELP), EXIT.ok);
  if (!values.key || !values.manifest || !values.offering) throw new UsageError('mpli agree needs --key, --manifest and --offering');
  const manifest = await manifestOf(values.manifest, io.cwd);
  const { offering, price, terms, provider } = agreedTerms(manifest, values.manifest, values.offering, values.price);
  const key = await readKeyFile(isAbsolute(values.key) ? values.key : join(io.cwd, values.key));
  let proposal: Record<string, unknown>;
  try {
    proposal = await proposeAgreement({
      consumer: key.controller, provider, offering: offering.id, price, terms, ...(offering.sla ? { sla: offering.sla } : {}),
      validFrom: dateTime('from', values.from) ?? credentialDateTime(new Date()), ...(values.until ? { validUntil: dateTime('until', values.until)! } : {}),
      ...(values.successor?.length ? { successors: values.successor } : {}),
    }, key);
  } catch (error) {
    if (error instanceof MpliError) throw new UsageError(error.message);
    throw error;
  }
  if (!values.server) return (await writeJson(proposal, values.out, io), EXIT.ok);
  const answer = await sendProposal(values.server, proposal);
  if ('refused' in answer) return (io.stderr(`mpli agree: ${manifest.provider.name} refused: ${answer.refused}\n`), EXIT.invalid);
  await writeJson(answer.agreement, values.out, io);
  return EXIT.ok;
}
