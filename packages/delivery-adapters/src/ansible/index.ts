export { ansibleAdapter, type AnsibleAdapterOptions } from './adapter';
