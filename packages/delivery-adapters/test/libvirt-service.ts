import { LibvirtClient } from '@mpli/delivery-adapters/libvirt';
import { serviceAvailable } from '@mpli/delivery-adapters/testing';

/** The libvirtd that services/libvirtd-start.sh runs (system mode, unix socket). */
export const LIBVIRT_SOCKET = { socket: '/run/libvirt/libvirt-sock' } as const;

/** Whether libvirtd answers (an error instead of a skip when CI started it). */
export const libvirtAvailable = (): Promise<boolean> => serviceAvailable('libvirtd', async () => (await LibvirtClient.connect(LIBVIRT_SOCKET, 'qemu:///system', { timeoutMs: 3_000 })).close());
