// The delivery and migration steps of pnpm demo, on real software started by services/up.sh:
// the hospital's order of Scaldis's vm-m4 is delivered by the OpenStack adapter (Debian's
// Keystone, Glance and Nova), then the VM moves to Rheinwerk's vm-c8, delivered by libvirt
// (Debian's libvirtd and QEMU), where it boots. A move to Nuage Souverain is refused first,
// explained, before anything moves. Without the services, the steps are skipped, saying how to
// start them.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { parseRdf, readManifest, readRequirements, type Manifest } from '@mpli/core';
import type { DeliveryAdapter, DeliveryOrder } from '@mpli/delivery-adapters';
import { LibvirtClient, libvirtAdapter } from '@mpli/delivery-adapters/libvirt';
import { openstackAdapter } from '@mpli/delivery-adapters/openstack';
import { buildGuestImage, GUEST_MARKER } from '@mpli/delivery-adapters/testing';
import { guestDigest, planMigration, runMigration, type MigrationRequest } from '@mpli/migrate';
import type { SigningKey } from '@mpli/trust';

export type Step = { step: string; ok: boolean; detail: string; skipped?: boolean };
/** What the agreement step hands on: the agreement and the stand-in DID of the successor it names. */
export interface AgreementHandOver {
  readonly agreement: Record<string, unknown>;
  /** The successor's countersigned continuation of it. */
  readonly succession: Record<string, unknown>;
  readonly successorDid: string;
  /** The parties' keys (offline stand-ins for their DIDs), for the billing step. */
  readonly keys: { readonly consumer: SigningKey; readonly provider: SigningKey; readonly successor: SigningKey };
  readonly now: Date;
}

const KEYSTONE = 'http://127.0.0.1:5000/v3';
const LIBVIRT = { socket: '/run/libvirt/libvirt-sock' } as const;
const START = 'bash services/up.sh (installs the Debian packages and starts Keystone, Glance, Nova, libvirtd on loopback)';

async function manifestOf(manifests: string, file: string): Promise<Manifest> {
  return readManifest((await parseRdf(readFileSync(join(manifests, file), 'utf8'), { source: file })).store);
}

/** What is missing for these steps, each with how to get it. */
async function missingServices(): Promise<string[]> {
  const missing: string[] = [];
  await request(KEYSTONE, { signal: AbortSignal.timeout(3000) }).then((r) => r.body.dump(), () => missing.push(`OpenStack (Keystone at ${KEYSTONE})`));
  await LibvirtClient.connect(LIBVIRT, 'qemu:///system', { timeoutMs: 3000 }).then((c) => c.close(), () => missing.push(`libvirtd (${LIBVIRT.socket})`));
  try {
    execFileSync('qemu-img', ['--version'], { stdio: 'ignore' });
  } catch {
    missing.push('qemu-img (Debian package qemu-utils)');
  }
  return missing;
}

const orderFor = (manifest: Manifest, identifier: string, id: string, extra: Record<string, string | number> = {}): DeliveryOrder => {
  const offering = manifest.offerings.find((o) => o.identifier === identifier)!;
  return { id, offering: offering.id, adapter: offering.delivery!.adapter, parameters: { ...offering.delivery!.parameters, ...extra } };
};

export async function deliverySteps(manifests: string, say: (text?: string) => void, handOver: AgreementHandOver): Promise<Step[]> {
  say('\n12. The order is delivered: Scaldis\'s OpenStack adapter builds the hospital\'s VM.');
  const missing = await missingServices();
  if (missing.length > 0) {
    say(`   ⚠ skipped: ${missing.join(', ')} not running. Start them with: ${START}`);
    say('\n13. The VM moves to another provider.\n   ⚠ skipped (needs the same services)');
    const detail = `missing ${missing.join(', ')}`;
    return [{ step: 'deliver the order (OpenStack)', ok: false, skipped: true, detail }, { step: 'migrate OpenStack → libvirt', ok: false, skipped: true, detail }];
  }
  const [scaldis, rheinwerk, nuage] = [await manifestOf(manifests, 'scaldis-cloud.ttl'), await manifestOf(manifests, 'rheinwerk-cloud.jsonld'), await manifestOf(manifests, 'nuage-souverain.ttl')];
  const hospital = readRequirements((await parseRdf(readFileSync(join(manifests, 'requirements-hospital.ttl'), 'utf8'), { source: 'requirements-hospital.ttl' })).store).consumer;
  const root = mkdtempSync(join(tmpdir(), 'mpli-demo-'));
  chmodSync(root, 0o755); // QEMU runs as another user and reads the pool from here
  // The provider's image: a small disk whose boot sector prints a marker, so the boot is visible.
  const image = buildGuestImage(root, { powerOff: false, name: 'debian-12' });
  const openstack = openstackAdapter({ authUrl: KEYSTONE, auth: { username: 'demo', project: 'demo' }, credentials: async () => ({ password: 'demo-ci-pw' }), images: { 'debian-12': { path: image.qcow2, diskFormat: 'qcow2' } }, exportFrom: 'boot-image' });
  const admin = await LibvirtClient.connect(LIBVIRT, 'qemu:///system');
  mkdirSync(join(root, 'pool'), { mode: 0o755 });
  const pool = await admin.createPool(`<pool type='dir'><name>mpli-demo-${process.pid}</name><target><path>${join(root, 'pool')}</path></target></pool>`);
  const libvirt = libvirtAdapter({ address: LIBVIRT, uri: 'qemu:///system', pool: pool.name, consoleDir: join(root, 'pool'), shutdownTimeoutMs: 1_000 });
  const source = orderFor(scaldis, 'vm-m4', `demo-hospital-${process.pid}`, { image: 'debian-12' });
  const target = orderFor(rheinwerk, 'vm-c8', `${source.id}-rw`, { waitForConsole: GUEST_MARKER });
  const steps: Step[] = [];
  try {
    const delivered = await openstack.apply(source).result;
    const ok = delivered.status === 'succeeded' && delivered.outputs.status === 'ACTIVE';
    say(`   ${ok ? '✔' : '✖'} ${source.adapter} delivered ${source.offering.split('#').pop()} (flavor ${String(source.parameters.flavor)}): Nova server ${delivered.outputs.server ?? '?'} is ${delivered.outputs.status ?? delivered.error}; ${delivered.resources.length} resources made`);
    steps.push({ step: 'deliver the order (OpenStack)', ok, detail: ok ? `server ${delivered.outputs.server!.slice(0, 8)} ACTIVE` : (delivered.error ?? delivered.status) });
    if (!ok) return [...steps, { step: 'migrate OpenStack → libvirt', ok: false, detail: 'nothing delivered to move' }];
    steps.push(await migrationStep(say, { openstack, libvirt, root, source, target, hospital, nuage, rheinwerk, image: image.qcow2, handOver }));
    return steps;
  } finally {
    await libvirt.destroy(target.id).result.catch(() => undefined);
    await openstack.destroy(source.id).result.catch(() => undefined);
    await libvirt.dispose();
    await openstack.dispose();
    await admin.destroyPool(pool).catch(() => undefined);
    await admin.close();
    rmSync(root, { recursive: true, force: true });
  }
}

interface MigrationSetting {
  readonly openstack: DeliveryAdapter;
  readonly libvirt: DeliveryAdapter;
  readonly root: string;
  readonly source: DeliveryOrder;
  readonly target: DeliveryOrder;
  readonly hospital: ReturnType<typeof readRequirements>['consumer'];
  readonly nuage: Manifest;
  readonly rheinwerk: Manifest;
  readonly image: string;
  readonly handOver: AgreementHandOver;
}

async function migrationStep(say: (text?: string) => void, s: MigrationSetting): Promise<Step> {
  say('\n13. The hospital moves its VM to another provider (EU Data Act portability), under the same agreement.');
  const asOf = s.handOver.now.toISOString().slice(0, 10);
  const verify = { now: s.handOver.now };
  // Refused first: Nuage Souverain's prerequisites, checked before anything moves.
  const toNuage: MigrationRequest = {
    id: `${s.source.id}-to-ns`, workDir: join(s.root, 'work'), source: { adapter: s.openstack, orderId: s.source.id },
    target: { adapter: s.libvirt, order: { ...s.target, id: `${s.source.id}-ns`, offering: s.nuage.offerings.find((o) => o.identifier === 'vm-secure-4')!.id } },
    trust: { target: s.nuage, offering: s.nuage.offerings.find((o) => o.identifier === 'vm-secure-4')!.id, consumer: s.hospital, asOf, agreement: s.handOver.agreement, verify },
  };
  const refused = (await planMigration(toNuage)).checks.filter((c) => !c.passed && c.severity === 'error');
  say(`   ✔ to ${s.nuage.provider.name}: refused before anything moved`);
  for (const c of refused) say(`       ${c.id}: ${c.explanation}`);
  // Then Rheinwerk, the successor the agreement names. Offline, its DID is a did:key stand-in.
  const rheinwerk = { ...s.rheinwerk, provider: { ...s.rheinwerk.provider, did: s.handOver.successorDid } };
  const toRheinwerk: MigrationRequest = {
    id: `${s.source.id}-to-rw`, workDir: join(s.root, 'work'), source: { adapter: s.openstack, orderId: s.source.id }, target: { adapter: s.libvirt, order: s.target },
    trust: { target: rheinwerk, offering: s.target.offering, consumer: s.hospital, asOf, agreement: s.handOver.agreement, verify },
  };
  const plan = await planMigration(toRheinwerk);
  const blocking = plan.checks.filter((c) => !c.passed && c.severity === 'error');
  say(`   ${blocking.length === 0 ? '✔' : '✖'} to ${rheinwerk.provider.name}: ${plan.checks.length} checks, ${blocking.length === 0 ? 'all clear' : blocking.map((c) => c.explanation).join('; ')}`);
  for (const c of plan.checks.filter((c) => c.id.startsWith('target.prerequisites') || c.id === 'target.agreement')) say(`       ${c.id}: ${c.explanation}`);
  const steps: string[] = [];
  const started = Date.now();
  const result = await runMigration(toRheinwerk, { onEvent: (e) => void (e.type === 'step' && steps.push(e.step)) });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const sameDisk = result.status === 'migrated' && result.digests.disk0 === (await guestDigest(s.image));
  const screen = readFileSync(join(s.root, 'pool', `mpli-${s.target.id}.log`), 'latin1');
  const booted = screen.includes(GUEST_MARKER);
  const sourceState = (await s.openstack.status(s.source.id)).outputs.status;
  say(`   ${result.status === 'migrated' ? '✔' : '✖'} ${result.status} in ${seconds} s through ${[...new Set(steps)].join(' → ')}; ${result.sentBytes} bytes sent`);
  say(`   ${sameDisk ? '✔' : '✖'} the disk that arrived is the disk that left: ${result.digests.disk0?.slice(0, 28) ?? 'none'}…`);
  say(`   ${booted ? '✔' : '✖'} the VM booted under QEMU at Rheinwerk and printed "${GUEST_MARKER}"; the OpenStack server is ${sourceState}, kept until the hospital lets it go`);
  const ok = refused.length > 0 && blocking.length === 0 && result.status === 'migrated' && sameDisk && booted;
  return { step: 'migrate OpenStack → libvirt', ok, detail: ok ? `${seconds} s, refused ${refused.length} check(s) at Nuage first` : (result.error ?? `${blocking.length} blocking checks`) };
}
