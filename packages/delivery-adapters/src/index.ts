export type {
  AdapterCapabilities,
  CredentialRequest,
  CredentialsCallback,
  DeliveredResource,
  DeliveryAdapter,
  DeliveryEvent,
  DeliveryOperation,
  DeliveryOrder,
  DeliveryPlan,
  DeliveryResult,
  DeliveryStatus,
  ExportedDisk,
  ImportRequest,
  ParameterValue,
  PlannedChange,
  VmDescription,
  VmExport,
  VmNic,
} from './contract';
export { DeliveryError, type DeliveryErrorCode } from './delivery-error';
export { checkOrder, checkOrderId, orderFor, type OrderRequest } from './order';
export { startOperation, type OperationContext, type OperationWork } from './operation';
export { EventLog } from './event-log';
export { redactor, redactDeep, REDACTED } from './redact';
export { adaptersFromConfig, CONFIGURABLE_ADAPTERS, type DeliveryConfig } from './config';
export { runTool, type ToolOutcome, type ToolRun } from './run-tool';
