/** What a domain is made of, in the adapter's terms. */
export interface DomainSpec {
  readonly name: string;
  /** `qemu` (TCG, or KVM-less), `kvm`, or `test` for libvirt's test driver. */
  readonly type: 'qemu' | 'kvm' | 'test';
  readonly vcpus: number;
  readonly memoryMiB: number;
  /** The order (operation) id, kept in the domain's metadata. */
  readonly operation: string;
  readonly disks: readonly { readonly path: string; readonly format: 'qcow2' | 'raw' | 'vmdk'; readonly target: string }[];
  /** Where the first serial port writes (a file), to read the guest's console. */
  readonly serialLog?: string;
  readonly machine?: string;
  readonly firmware?: 'bios' | 'uefi';
  readonly nics?: readonly { readonly mac?: string; readonly network?: string }[];
}

/** MPLI's namespace in libvirt domain metadata. */
export const METADATA_NS = 'https://w3id.org/mpli#';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;').replace(/"/g, '&quot;');

/**
 * The libvirt domain XML for a spec. Every domain carries its operation id in
 * `<metadata><mpli:order operation="…"/></metadata>`, which is how the adapter finds what an
 * order created.
 */
export function domainXml(spec: DomainSpec): string {
  const disks = spec.disks
    .map((d) => `<disk type='file' device='disk'><driver name='qemu' type='${d.format}'/><source file='${escape(d.path)}'/><target dev='${escape(d.target)}' bus='${spec.type === 'test' ? 'ide' : 'virtio'}'/></disk>`)
    .join('');
  const serial = spec.serialLog ? `<serial type='file'><source path='${escape(spec.serialLog)}' append='off'/><target port='0'/></serial>` : '';
  const nics = (spec.nics ?? []).map((n) => `<interface type='user'>${n.mac ? `<mac address='${escape(n.mac)}'/>` : ''}<model type='virtio'/></interface>`).join('');
  const machine = spec.machine ? ` machine='${escape(spec.machine)}'` : spec.type === 'test' ? '' : ` machine='pc'`;
  const firmware = spec.firmware === 'uefi' ? ` firmware='efi'` : '';
  return [
    `<domain type='${spec.type}'>`,
    `<name>${escape(spec.name)}</name>`,
    `<metadata><mpli:order xmlns:mpli='${METADATA_NS}' operation='${escape(spec.operation)}'/></metadata>`,
    `<memory unit='MiB'>${spec.memoryMiB}</memory><vcpu>${spec.vcpus}</vcpu>`,
    `<os${firmware}><type arch='x86_64'${machine}>hvm</type><boot dev='hd'/></os>`,
    `<features><acpi/></features><on_poweroff>destroy</on_poweroff><on_crash>destroy</on_crash>`,
    `<devices>${disks}${nics}${serial}${spec.type === 'test' ? '' : `<memballoon model='none'/>`}</devices>`,
    `</domain>`,
  ].join('');
}

/** The operation id in a domain's XML, if MPLI defined it. */
export function operationOf(xml: string): string | undefined {
  return /<mpli:order[^>]*\soperation=['"]([^'"]+)['"]/.exec(xml)?.[1];
}
