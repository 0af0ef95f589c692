import type { TemplateValue } from '../../opennebula/template';

/** A failure reply: `[false, message, code, objectId, replicationIndex]`, as oned sends it. */
export class OneFailure extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly objectId = -1,
  ) {
    super(message);
  }
}

/** An XML-RPC fault, for calls oned's xmlrpc-c layer refuses before any method runs. */
export class RpcFault extends Error {
  constructor(
    readonly faultCode: number,
    message: string,
  ) {
    super(message);
  }
}

export const CODE = { AUTHENTICATION: 0x100, AUTHORIZATION: 0x200, NO_EXISTS: 0x400, ACTION: 0x800, XML_RPC_API: 0x1000, INTERNAL: 0x2000, ALLOCATE: 0x4000, LOCKED: 0x8000 } as const;
export const STATE = { INIT: 0, PENDING: 1, HOLD: 2, ACTIVE: 3, STOPPED: 4, SUSPENDED: 5, DONE: 6, POWEROFF: 8, UNDEPLOYED: 9, CLONING: 10, CLONING_FAILURE: 11 } as const;
export const LCM = {
  LCM_INIT: 0, PROLOG: 1, BOOT: 2, RUNNING: 3, SAVE_STOP: 5, SAVE_SUSPEND: 6, EPILOG_STOP: 10, EPILOG: 11, SHUTDOWN: 12, UNKNOWN: 16, SHUTDOWN_POWEROFF: 18,
  BOOT_POWEROFF: 20, BOOT_SUSPENDED: 21, HOTPLUG_SAVEAS: 26, HOTPLUG_SAVEAS_POWEROFF: 27, HOTPLUG_SAVEAS_SUSPENDED: 28, SHUTDOWN_UNDEPLOY: 29, EPILOG_UNDEPLOY: 30,
  PROLOG_UNDEPLOY: 31, BOOT_UNDEPLOY: 32, PROLOG_FAILURE: 39,
} as const;
export const IMAGE = { INIT: 0, READY: 1, USED: 2, DISABLED: 3, LOCKED: 4, ERROR: 5 } as const;

export interface SimUser {
  readonly id: number;
  readonly name: string;
  readonly password: string;
}

export interface SimDisk {
  diskId: number;
  imageId: number;
  /** The VM's own copy in the system datastore, once deployed. */
  path?: string;
  target: string;
}

export interface SimVm {
  readonly id: number;
  readonly uid: number;
  name: string;
  state: number;
  lcm: number;
  prevState: number;
  prevLcm: number;
  resched: number;
  readonly stime: number;
  etime: number;
  /** TEMPLATE attributes OpenNebula keeps (CPU, MEMORY, VCPU, OS, ...), besides DISK and NIC. */
  readonly template: Record<string, TemplateValue>;
  readonly userTemplate: Record<string, string>;
  readonly disks: SimDisk[];
  readonly nics: { nicId: number; mac: string }[];
}

export interface SimImage {
  readonly id: number;
  readonly uid: number;
  readonly name: string;
  type: number;
  persistent: number;
  readonly regtime: number;
  source: string;
  path: string;
  format: string;
  sizeMb: number;
  state: number;
  prevState: number;
  readonly vms: Set<number>;
  readonly template: Record<string, string>;
}

export interface SimTemplate {
  readonly id: number;
  readonly uid: number;
  readonly name: string;
  readonly regtime: number;
  readonly attributes: [string, TemplateValue][];
}
