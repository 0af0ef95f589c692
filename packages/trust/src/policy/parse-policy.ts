import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { MpliError } from '@mpli/core';
import type { IssuerRule, PolicyRule, TrustAnchor, TrustPolicy } from './trust-policy';

type Json = Record<string, unknown>;

class PolicyReader {
  constructor(private readonly source: string) {}

  fail(path: string, message: string): never {
    throw new MpliError('INVALID_POLICY', `${this.source}: ${path}: ${message}`, { details: { source: this.source, path } });
  }

  object(value: unknown, path: string): Json {
    if (!value || typeof value !== 'object' || Array.isArray(value)) this.fail(path, 'must be an object');
    return value as Json;
  }

  string(value: unknown, path: string): string {
    if (typeof value !== 'string' || value.length === 0) this.fail(path, 'must be a non-empty string');
    return value;
  }

  optionalString(value: unknown, path: string): string | undefined {
    return value === undefined ? undefined : this.string(value, path);
  }

  strings(value: unknown, path: string): string[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) this.fail(path, 'must be an array of strings');
    return value.map((item, i) => this.string(item, `${path}[${i}]`));
  }

  array(value: unknown, path: string): unknown[] {
    if (!Array.isArray(value)) this.fail(path, 'must be an array');
    return value;
  }

  known(object: Json, keys: readonly string[], path: string): void {
    const unknown = Object.keys(object).filter((key) => !keys.includes(key));
    if (unknown.length) this.fail(`${path}.${unknown[0]}`, `is not a policy field (expected one of ${keys.join(', ')})`);
  }
}

/**
 * Reads a trust policy from its JSON form, checking every field. Throws `INVALID_POLICY` naming
 * the file and the JSON path of the first problem (`policy.json: rules[2].issuers.accreditedBy[0]:
 * no anchor named "belac"`).
 *
 * @example
 * const policy = parseTrustPolicy(JSON.parse(text), { source: 'policy.json' });
 */
export function parseTrustPolicy(json: unknown, options: { source?: string } = {}): TrustPolicy {
  const read = new PolicyReader(options.source ?? 'policy');
  const root = read.object(json, '$');
  read.known(root, ['id', 'name', 'anchors', 'rules', 'maxChainLength', '$comment'], '$');
  const anchors = read.array(root.anchors, 'anchors').map((a, i) => readAnchor(read, a, `anchors[${i}]`));
  const names = new Set<string>();
  anchors.forEach((anchor, i) => {
    if (names.has(anchor.name)) read.fail(`anchors[${i}].name`, `"${anchor.name}" names two anchors`);
    names.add(anchor.name);
  });
  const rules = read.array(root.rules, 'rules').map((r, i) => readRule(read, r, `rules[${i}]`, names));
  const maxChainLength = root.maxChainLength ?? 3;
  if (!Number.isInteger(maxChainLength) || (maxChainLength as number) < 1 || (maxChainLength as number) > 10) read.fail('maxChainLength', 'must be an integer from 1 to 10');
  const name = read.optionalString(root.name, 'name');
  return { id: read.string(root.id, 'id'), ...(name ? { name } : {}), anchors, rules, maxChainLength: maxChainLength as number };
}

function readAnchor(read: PolicyReader, value: unknown, path: string): TrustAnchor {
  const anchor = read.object(value, path);
  read.known(anchor, ['name', 'did', 'x509', 'description'], path);
  const did = read.optionalString(anchor.did, `${path}.did`);
  const x509 = read.optionalString(anchor.x509, `${path}.x509`);
  const description = read.optionalString(anchor.description, `${path}.description`);
  if (!did && !x509) read.fail(path, 'an anchor needs a did or an x509 root certificate');
  if (did && !did.startsWith('did:')) read.fail(`${path}.did`, `"${did}" is not a DID`);
  if (x509 && !x509.includes('-----BEGIN CERTIFICATE-----')) read.fail(`${path}.x509`, 'must be a PEM certificate (loadTrustPolicy reads it from a file path)');
  return { name: read.string(anchor.name, `${path}.name`), ...(did ? { did } : {}), ...(x509 ? { x509 } : {}), ...(description ? { description } : {}) };
}

function readRule(read: PolicyReader, value: unknown, path: string, anchors: ReadonlySet<string>): PolicyRule {
  const rule = read.object(value, path);
  read.known(rule, ['claim', 'credentialType', 'where', 'issuers', 'maxAgeDays', 'requireStatus', 'requiredEvidence'], path);
  const where = rule.where === undefined ? {} : read.object(rule.where, `${path}.where`);
  for (const [key, condition] of Object.entries(where)) read.string(condition, `${path}.where["${key}"]`);
  const maxAgeDays = rule.maxAgeDays;
  if (maxAgeDays !== undefined && (typeof maxAgeDays !== 'number' || !(maxAgeDays > 0))) read.fail(`${path}.maxAgeDays`, 'must be a positive number of days');
  if (rule.requireStatus !== undefined && typeof rule.requireStatus !== 'boolean') read.fail(`${path}.requireStatus`, 'must be true or false');
  return {
    claim: read.string(rule.claim, `${path}.claim`),
    credentialType: read.string(rule.credentialType, `${path}.credentialType`),
    where: where as Record<string, string>,
    issuers: readIssuers(read, rule.issuers, `${path}.issuers`, anchors),
    ...(maxAgeDays !== undefined ? { maxAgeDays: maxAgeDays as number } : {}),
    requireStatus: rule.requireStatus === true,
    requiredEvidence: read.strings(rule.requiredEvidence, `${path}.requiredEvidence`),
  };
}

function readIssuers(read: PolicyReader, value: unknown, path: string, anchors: ReadonlySet<string>): IssuerRule {
  const issuers = read.object(value, path);
  read.known(issuers, ['anchors', 'accreditedBy', 'accreditedFor'], path);
  const direct = read.strings(issuers.anchors, `${path}.anchors`);
  const accreditedBy = read.strings(issuers.accreditedBy, `${path}.accreditedBy`);
  for (const [list, key] of [[direct, 'anchors'], [accreditedBy, 'accreditedBy']] as const) {
    list.forEach((name, i) => {
      if (!anchors.has(name)) read.fail(`${path}.${key}[${i}]`, `no anchor named "${name}"`);
    });
  }
  if (!direct.length && !accreditedBy.length) read.fail(path, 'a rule trusts some issuer: list anchors, accreditedBy, or both');
  const accreditedFor = read.optionalString(issuers.accreditedFor, `${path}.accreditedFor`);
  return { anchors: direct, accreditedBy, ...(accreditedFor ? { accreditedFor } : {}) };
}

/**
 * Reads a trust policy file (JSON). An anchor's `x509` may name a PEM file, relative to the
 * policy file, instead of holding the certificate.
 */
export async function loadTrustPolicy(path: string): Promise<TrustPolicy> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new MpliError('READ_FAILED', `Cannot read the policy ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new MpliError('INVALID_POLICY', `${path}: not JSON: ${(error as Error).message}`, { cause: error, details: { source: path } });
  }
  const anchors = (json as { anchors?: unknown }).anchors;
  if (Array.isArray(anchors)) {
    for (const anchor of anchors as Json[]) {
      if (anchor && typeof anchor.x509 === 'string' && !anchor.x509.includes('-----BEGIN')) {
        anchor.x509 = await readFile(resolve(dirname(path), anchor.x509), 'utf8').catch((error: unknown) => {
          throw new MpliError('INVALID_POLICY', `${path}: anchor ${String(anchor.name)}: cannot read the certificate ${anchor.x509 as string}: ${(error as NodeJS.ErrnoException).code ?? ''}`, { cause: error });
        });
      }
    }
  }
  return parseTrustPolicy(json, { source: path });
}
