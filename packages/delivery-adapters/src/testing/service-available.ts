/**
 * Whether a service the integration tests need answers (`probe` resolves). When CI has started
 * the services (MPLI_REQUIRE_SERVICES=1), not answering is an error, never a skip; otherwise the
 * tests that need it are skipped with a warning saying why.
 *
 * @example
 * const available = await serviceAvailable('libvirtd', () => LibvirtClient.connect(socket, 'qemu:///system').then((c) => c.close()));
 * describe.runIf(available)('…', () => { … });
 */
export async function serviceAvailable(name: string, probe: () => Promise<unknown>): Promise<boolean> {
  try {
    await probe();
    return true;
  } catch (error) {
    if (process.env.MPLI_REQUIRE_SERVICES === '1') throw new Error(`${name} is required (MPLI_REQUIRE_SERVICES=1) but does not answer: ${(error as Error).message}`, { cause: error });
    console.warn(`${name} does not answer (${(error as Error).message}): its tests are skipped (set MPLI_REQUIRE_SERVICES=1 to make that an error)`);
    return false;
  }
}
