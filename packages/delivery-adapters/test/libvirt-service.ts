import { LibvirtClient } from '@mpli/delivery-adapters/libvirt';

/** The libvirtd that services/libvirtd-start.sh runs (system mode, unix socket). */
export const LIBVIRT_SOCKET = { socket: '/run/libvirt/libvirt-sock' } as const;

/**
 * Whether libvirtd answers. When CI has started it (MPLI_REQUIRE_SERVICES=1), not answering is
 * an error, never a skip.
 */
export async function libvirtAvailable(): Promise<boolean> {
  try {
    const client = await LibvirtClient.connect(LIBVIRT_SOCKET, 'qemu:///system', { timeoutMs: 3_000 });
    await client.close();
    return true;
  } catch (error) {
    if (process.env.MPLI_REQUIRE_SERVICES === '1') throw new Error(`libvirtd is required (MPLI_REQUIRE_SERVICES=1) but does not answer: ${(error as Error).message}`, { cause: error });
    console.warn(`libvirtd does not answer (${(error as Error).message}): the libvirt tests are skipped (set MPLI_REQUIRE_SERVICES=1 to make that an error)`);
    return false;
  }
}
