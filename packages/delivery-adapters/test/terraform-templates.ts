import type { TerraformTemplate } from '@mpli/delivery-adapters/terraform';

// Terraform configurations that need no provider download: terraform_data and local-exec are
// built into the terraform binary, so they run offline, for real.

/** A "VM": one terraform_data resource whose input carries the order id, and a provisioner. */
export const vmTemplate: TerraformTemplate = {
  variable: { api_token: { type: 'string' } },
  resource: {
    terraform_data: {
      vm: {
        input: { name: '${var.hostname}', operation: '${var.mpli_operation}' },
        provisioner: { 'local-exec': { command: 'echo "provisioning ${var.hostname} with token ${var.api_token}"' } },
      },
    },
  },
  output: { name: { value: '${terraform_data.vm.output.name}' } },
};

/** Creates a network, then fails provisioning the VM that needs it. */
export const failingTemplate: TerraformTemplate = {
  variable: { api_token: { type: 'string' } },
  resource: {
    terraform_data: {
      network: { input: { operation: '${var.mpli_operation}' } },
      vm: {
        depends_on: ['terraform_data.network'],
        input: { operation: '${var.mpli_operation}' },
        provisioner: { 'local-exec': { command: 'echo "cannot boot: token ${var.api_token} refused" >&2; exit 3' } },
      },
    },
  },
};

/** Creates a network quickly, then takes 20 s on the VM. */
export const slowTemplate: TerraformTemplate = {
  variable: { api_token: { type: 'string' } },
  resource: {
    terraform_data: {
      network: { input: { operation: '${var.mpli_operation}' } },
      vm: { depends_on: ['terraform_data.network'], input: { operation: '${var.mpli_operation}' }, provisioner: { 'local-exec': { command: 'sleep 20' } } },
    },
  },
};
