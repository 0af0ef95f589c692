import { request } from 'undici';

/** The OpenStack that services/openstack/start.sh runs on loopback (Keystone, Glance, Nova with its fake driver). */
export const OPENSTACK = { authUrl: 'http://127.0.0.1:5000/v3', user: 'demo', password: 'demo-ci-pw', project: 'demo', admin: { user: 'admin', password: 'secret', project: 'admin' }, flavor: 'ci.tiny' } as const;

/**
 * Whether Keystone answers. When CI has started OpenStack (MPLI_REQUIRE_SERVICES=1), not
 * answering is an error, never a skip.
 */
export async function openstackAvailable(): Promise<boolean> {
  try {
    const response = await request(OPENSTACK.authUrl, { signal: AbortSignal.timeout(3000) });
    await response.body.dump();
    if (response.statusCode < 500) return true;
  } catch {
    // decided below
  }
  if (process.env.MPLI_REQUIRE_SERVICES === '1') throw new Error(`OpenStack is required (MPLI_REQUIRE_SERVICES=1) but Keystone does not answer at ${OPENSTACK.authUrl}`);
  console.warn(`Keystone does not answer at ${OPENSTACK.authUrl}: the OpenStack tests are skipped (set MPLI_REQUIRE_SERVICES=1 to make that an error)`);
  return false;
}
