export { describeAdapterConformance } from './conformance';
export { CONFORMANCE_CHECKS, type ConformanceCheck } from './checks';
export type { ConformanceSetup } from './conformance-setup';
export { startOpenNebulaSimulator, type OpenNebulaSimulator, type OpenNebulaSimulatorOptions } from './opennebula/server';
