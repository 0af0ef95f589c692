export { opennebulaAdapter, type OpenNebulaAdapterOptions } from './adapter';
export { OneClient, OneError, ONE_ERROR } from './client';
export { readImage, readImagePool, readVm, readVmPool, type OneImage, type OneVm } from './documents';
export { IMAGE_STATE, LCM_STATE, VM_STATE, vmStateName } from './states';
export { parseTemplate, serializeTemplate, type TemplateValue } from './template';
export { decodeCall, decodeResponse, encodeCall, encodeFault, encodeResponse, type XmlRpcValue } from './xmlrpc';
