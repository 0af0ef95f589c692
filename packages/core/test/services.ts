import { request } from 'undici';

/**
 * Whether a service the integration tests need answers. When CI has started it
 * (MPLI_REQUIRE_SERVICES=1) an unavailable service is an error, never a skip.
 */
export async function serviceAvailable(name: string, url: string): Promise<boolean> {
  try {
    const response = await request(url, { signal: AbortSignal.timeout(3000) });
    await response.body.dump();
    if (response.statusCode < 500) return true;
  } catch {
    // not reachable: decided below
  }
  if (process.env.MPLI_REQUIRE_SERVICES === '1') throw new Error(`${name} is required (MPLI_REQUIRE_SERVICES=1) but does not answer at ${url}`);
  console.warn(`${name} does not answer at ${url}: its integration tests are skipped (set MPLI_REQUIRE_SERVICES=1 to make that an error)`);
  return false;
}
