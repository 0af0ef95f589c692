/**
 * The delivery adapter contract: what MPLI asks of a tool that delivers an order (Terraform,
 * Ansible, libvirt, OpenStack, OpenNebula, another MPLI provider). An adapter is a plain object
 * made by a factory; MPLI never provisions anything itself.
 */

/** A scalar adapter parameter, as a manifest's `mpli:parameter` holds it. */
export type ParameterValue = string | number | boolean;

/**
 * An order to deliver one offering. Built from a matched offering by `orderFor`: the manifest
 * names the adapter and its parameters; the consumer may add its own where the offering allows.
 */
export interface DeliveryOrder {
  /**
   * Chosen by the client, and the idempotency key: applying the same id twice delivers once.
   * Also the operation id every created resource is tagged with. 1 to 64 of `[A-Za-z0-9_-]`.
   */
  readonly id: string;
  /** The offering's IRI. */
  readonly offering: string;
  /** The adapter's name, as the manifest's `mpli:adapter` says (`terraform`, `openstack`...). */
  readonly adapter: string;
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  /** Who ordered (a DID), passed along in layered delivery. */
  readonly consumer?: string;
  /** The operation ids of the orders this one delivers for, outermost first (layered delivery). */
  readonly chain?: readonly string[];
  /**
   * The consumer's agreement (a ServiceAgreementCredential from `@mpli/trust`) the order is
   * placed under, carried as is: to a migration's target, the same contract at the new provider.
   * Adapters do not read it, and layered delivery does not pass it upstream (a reseller orders
   * upstream under its own agreement); the provider's server verifies it.
   */
  readonly agreement?: Readonly<Record<string, unknown>>;
}

/** What an adapter can do. `plan`, `apply`, `status` and `destroy` are always there. */
export interface AdapterCapabilities {
  /** `plan` computes real changes (false: it only echoes the order). */
  readonly plan: boolean;
  /** A running apply can be cancelled, and then cleans up after itself. */
  readonly cancel: boolean;
  /** `export` is implemented (disks and VM configuration out, for migration). */
  readonly export: boolean;
  /** `import` is implemented. */
  readonly import: boolean;
}

/** One change a plan foresees. */
export interface PlannedChange {
  readonly action: 'create' | 'update' | 'replace' | 'delete' | 'none';
  /** The tool's own address of the resource (`terraform_data.vm`, a play's task, a domain name). */
  readonly resource: string;
}

/** What an apply would do, computed without changing anything anywhere. */
export interface DeliveryPlan {
  readonly orderId: string;
  readonly adapter: string;
  readonly changes: readonly PlannedChange[];
  /** One line for people, such as "2 to add, 0 to change, 0 to destroy". */
  readonly summary: string;
}

/** A resource an operation created, as the tool knows it. */
export interface DeliveredResource {
  /** The tool's address or id for it. */
  readonly resource: string;
  /** The operation (order id) that created it: every resource carries it as a tag or label. */
  readonly operation: string;
}

/** Typed progress of an operation, in order; the last one is `completed`, `failed` or `cancelled`. */
export type DeliveryEvent =
  | { readonly type: 'started'; readonly operation: string; readonly action: 'apply' | 'destroy' }
  | { readonly type: 'progress'; readonly operation: string; readonly message: string; readonly resource?: string }
  | { readonly type: 'resource-created'; readonly operation: string; readonly resource: string }
  | { readonly type: 'resource-removed'; readonly operation: string; readonly resource: string }
  | { readonly type: 'compensating'; readonly operation: string; readonly reason: string }
  | { readonly type: 'completed'; readonly operation: string; readonly outputs: Readonly<Record<string, string>> }
  | { readonly type: 'failed'; readonly operation: string; readonly error: string; readonly leftovers: readonly DeliveredResource[] }
  | { readonly type: 'cancelled'; readonly operation: string; readonly leftovers: readonly DeliveredResource[] };

/** How an operation ended. */
export interface DeliveryResult {
  readonly operation: string;
  readonly status: 'succeeded' | 'failed' | 'cancelled';
  /** What exists for the order now (after a failure: what could not be removed). */
  readonly resources: readonly DeliveredResource[];
  readonly outputs: Readonly<Record<string, string>>;
  readonly error?: string;
  /** Resources the compensation could not remove, which need a person's attention. */
  readonly leftovers: readonly DeliveredResource[];
}

/** A running apply or destroy. */
export interface DeliveryOperation {
  readonly id: string;
  /** Every event from the start (late readers get them all), ending with the final one. */
  readonly events: AsyncIterable<DeliveryEvent>;
  readonly result: Promise<DeliveryResult>;
  /** Asks the operation to stop; it then removes what it created and ends `cancelled`. */
  cancel(): void;
}

/** Where an order stands, as the tool sees it now. */
export interface DeliveryStatus {
  readonly orderId: string;
  readonly state: 'absent' | 'ready' | 'partial';
  readonly resources: readonly DeliveredResource[];
  readonly outputs: Readonly<Record<string, string>>;
}

/** What an adapter asks credentials for. */
export interface CredentialRequest {
  readonly adapter: string;
  readonly orderId: string;
  readonly purpose: 'plan' | 'apply' | 'status' | 'destroy' | 'export' | 'import';
}

/**
 * Gives an adapter its secrets when it needs them (names to values: passwords, tokens, API
 * keys). Adapters keep them out of plans, events, errors and logs; see `redactor`.
 */
export type CredentialsCallback = (request: CredentialRequest) => Promise<Readonly<Record<string, string>>>;

/** A network interface of a VM. */
export interface VmNic {
  /** Kept at the target where its stack allows. */
  readonly mac?: string;
  /** The network it is attached to, in the provider's terms. */
  readonly network?: string;
}

/** A VM's configuration, in terms every stack can map: what a migration carries across. */
export interface VmDescription {
  readonly name: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly firmware: 'bios' | 'uefi';
  /** The machine type (such as `pc` or `q35`), where the source says. */
  readonly machine?: string;
  readonly nics: readonly VmNic[];
  readonly disks: readonly { readonly id: string; readonly format: 'qcow2' | 'raw' | 'vmdk'; readonly bytes?: number }[];
}

/** A disk as an export offers it: its bytes (in its format), readable from any offset. */
export interface ExportedDisk {
  readonly id: string;
  readonly format: 'qcow2' | 'raw' | 'vmdk';
  /** The size of the image file, when known. */
  readonly bytes?: number;
  read(options?: { offset?: number; signal?: AbortSignal }): AsyncIterable<Buffer>;
}

/** A VM handed out for migration: stopped (or snapshotted), described, its disks readable. */
export interface VmExport {
  readonly vm: VmDescription;
  readonly disks: readonly ExportedDisk[];
  /** Whether the VM was running when the export began (a rollback starts it again). */
  readonly wasRunning: boolean;
  /**
   * Puts the source back as it was before the export: starts it again if it was running, or if
   * `wasRunning` says so (a resumed migration knows from its journal what an earlier export found).
   */
  restore(options?: { wasRunning?: boolean }): Promise<void>;
}

/** What an import needs: the target's order, the VM's configuration, and its disks as local files. */
export interface ImportRequest {
  readonly order: DeliveryOrder;
  readonly vm: VmDescription;
  readonly disks: readonly { readonly id: string; readonly path: string; readonly format: 'qcow2' | 'raw' | 'vmdk' }[];
  /**
   * Checks each disk as the target stored it, read back from the target's own storage (a volume,
   * an image), after the upload and before the VM is defined or booted. A rejection fails the
   * import, which removes what it made: a copy the target damaged never boots.
   */
  readonly verifyStored?: (disk: ExportedDisk) => Promise<void>;
}

/** A delivery adapter: made by a factory, a plain object. */
export interface DeliveryAdapter {
  readonly name: string;
  readonly capabilities: AdapterCapabilities;
  /** What applying the order would change. Changes nothing. */
  plan(order: DeliveryOrder): Promise<DeliveryPlan>;
  /** Delivers the order; idempotent for `order.id`. Compensates on failure and on cancel. */
  apply(order: DeliveryOrder): DeliveryOperation;
  status(orderId: string): Promise<DeliveryStatus>;
  /** Removes everything the order created. Destroying an absent order succeeds. */
  destroy(orderId: string): DeliveryOperation;
  /**
   * Hands out the VM an order delivered, for migration: stops it first unless `stop` is false (a
   * running VM's disk is not consistent), describes it, and offers its disks for reading. Changes
   * nothing else; `restore()` undoes the stop.
   */
  export?(orderId: string, options?: { stop?: boolean; signal?: AbortSignal }): Promise<VmExport>;
  /**
   * Delivers an order from an imported VM: its disks uploaded, its configuration kept (CPU,
   * memory, firmware, MAC addresses where the stack allows), then booted. Idempotent for
   * `order.id`, compensated on failure, as `apply`.
   */
  import?(request: ImportRequest): DeliveryOperation;
  /** Releases what the adapter holds (connections, child processes). */
  dispose(): Promise<void>;
}
