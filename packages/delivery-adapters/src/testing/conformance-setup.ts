import type { DeliveryAdapter, DeliveryOrder } from '../contract';

/** What the conformance suite needs to exercise an adapter. */
export interface ConformanceSetup {
  /** The adapter under test, made fresh for the suite. */
  readonly adapter: DeliveryAdapter;
  /** A valid order with this id, which the adapter delivers (creating at least one resource). */
  order(id: string): DeliveryOrder;
  /** An order that fails part way, after creating at least one resource: compensation is tested with it. */
  failingOrder?(id: string): DeliveryOrder;
  /** An order whose apply runs for a second or more after its first event: cancel is tested with it. */
  slowOrder?(id: string): DeliveryOrder;
  /** An order the adapter can deliver from an imported VM (for adapters that export and import). */
  importOrder?(id: string): DeliveryOrder;
  /** A secret the adapter receives from its credentials callback; it must never come out. */
  readonly secret?: string;
  /** Called after the suite (stop servers, remove directories). */
  cleanup?(): Promise<void>;
}
