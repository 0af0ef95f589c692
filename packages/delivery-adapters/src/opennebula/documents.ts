import { XMLParser } from 'fast-xml-parser';

/** What the adapter reads of a VM (`one.vm.info`, `one.vmpool.info`). */
export interface OneVm {
  readonly id: number;
  readonly name: string;
  readonly state: number;
  readonly lcmState: number;
  readonly userTemplate: Readonly<Record<string, string>>;
  readonly disks: readonly { readonly diskId: number; readonly imageId?: number; readonly source?: string }[];
  readonly nics: readonly { readonly mac?: string }[];
  /** The VM template's size and boot settings, as far as it states them. */
  readonly spec: { readonly vcpus?: number; readonly memoryMiB?: number; readonly firmware?: string; readonly machine?: string };
  readonly error?: string;
}

/** What the adapter reads of an image (`one.image.info`, `one.imagepool.info`). */
export interface OneImage {
  readonly id: number;
  readonly name: string;
  readonly state: number;
  readonly runningVms: number;
  readonly sizeMb: number;
  readonly format: string;
  readonly source: string;
  readonly template: Readonly<Record<string, string>>;
}

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, processEntities: true, htmlEntities: false, isArray: (name) => ['VM', 'IMAGE', 'VMTEMPLATE', 'DISK', 'NIC'].includes(name) });
type Node = Record<string, unknown>;
const text = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'object' ? '' : String(v));
const flat = (node: unknown): Record<string, string> => Object.fromEntries(Object.entries((node ?? {}) as Node).filter(([, v]) => typeof v !== 'object').map(([k, v]) => [k, text(v)]));

function vmOf(vm: Node): OneVm {
  const template = (vm.TEMPLATE ?? {}) as Node;
  const user = flat(vm.USER_TEMPLATE);
  return {
    id: Number(text(vm.ID)),
    name: text(vm.NAME),
    state: Number(text(vm.STATE)),
    lcmState: Number(text(vm.LCM_STATE)),
    userTemplate: user,
    disks: ((template.DISK ?? []) as Node[]).map((d) => ({ diskId: Number(text(d.DISK_ID)), ...(d.IMAGE_ID !== undefined ? { imageId: Number(text(d.IMAGE_ID)) } : {}), ...(d.SOURCE !== undefined ? { source: text(d.SOURCE) } : {}) })),
    nics: ((template.NIC ?? []) as Node[]).map((n) => (n.MAC !== undefined ? { mac: text(n.MAC) } : {})),
    spec: specOf(template),
    ...(user.ERROR ? { error: user.ERROR } : {}),
  };
}

function specOf(template: Node): OneVm['spec'] {
  const os = (template.OS ?? {}) as Node;
  const number = (v: unknown) => (text(v) === '' ? undefined : Number(text(v)));
  const vcpus = number(template.VCPU) ?? number(template.CPU);
  const memoryMiB = number(template.MEMORY);
  return { ...(vcpus !== undefined ? { vcpus: Math.ceil(vcpus) } : {}), ...(memoryMiB !== undefined ? { memoryMiB } : {}), ...(text(os.FIRMWARE) ? { firmware: text(os.FIRMWARE) } : {}), ...(text(os.MACHINE) ? { machine: text(os.MACHINE) } : {}) };
}

function imageOf(image: Node): OneImage {
  return {
    id: Number(text(image.ID)), name: text(image.NAME), state: Number(text(image.STATE)), runningVms: Number(text(image.RUNNING_VMS)),
    sizeMb: Number(text(image.SIZE)), format: text(image.FORMAT), source: text(image.SOURCE), template: flat(image.TEMPLATE),
  };
}

export function readVm(xml: string): OneVm {
  return vmOf(((parser.parse(xml) as Node).VM as Node[])[0]!);
}

export function readVmPool(xml: string): OneVm[] {
  return (((parser.parse(xml) as Node).VM_POOL as Node | undefined)?.VM as Node[] | undefined ?? []).map(vmOf);
}

export function readImage(xml: string): OneImage {
  return imageOf(((parser.parse(xml) as Node).IMAGE as Node[])[0]!);
}

export function readImagePool(xml: string): OneImage[] {
  return (((parser.parse(xml) as Node).IMAGE_POOL as Node | undefined)?.IMAGE as Node[] | undefined ?? []).map(imageOf);
}

/** The VM templates of `one.templatepool.info`: ids and names. */
export function readTemplatePool(xml: string): { id: number; name: string }[] {
  return (((parser.parse(xml) as Node).VMTEMPLATE_POOL as Node | undefined)?.VMTEMPLATE as Node[] | undefined ?? []).map((t) => ({ id: Number(text(t.ID)), name: text(t.NAME) }));
}
