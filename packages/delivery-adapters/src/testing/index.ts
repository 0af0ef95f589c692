export { describeAdapterConformance } from './conformance';
export { CONFORMANCE_CHECKS, type ConformanceCheck } from './checks';
export type { ConformanceSetup } from './conformance-setup';
export { startOpenNebulaSimulator, type OpenNebulaSimulator, type OpenNebulaSimulatorOptions } from './opennebula/server';
export { recordHttp, replayHttp, type HttpExchange } from './recorded-http';
export { replayCli, type CliExchange } from './recorded-cli';
export { buildGuestImage, GUEST_MARKER } from './guest-image';
export { serviceAvailable } from './service-available';
