export { terraformAdapter, type TerraformAdapterOptions } from './adapter';
export type { TerraformTemplate } from './workspace';
