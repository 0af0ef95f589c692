import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terraformAdapter } from '@mpli/delivery-adapters/terraform';

// A provider's Terraform configuration, in .tf.json form. terraform_data needs no provider
// download; a real one would use the provider's OpenStack or Proxmox resources the same way.
const vm = {
  resource: { terraform_data: { vm: { input: { name: '${var.hostname}', tag: '${var.mpli_operation}' } } } },
  output: { name: { value: '${terraform_data.vm.output.name}' } },
};

const stateDir = mkdtempSync(join(tmpdir(), 'mpli-readme-'));
const adapter = terraformAdapter({ stateDir, templates: { vm } });
const order = { id: 'order-42', offering: 'https://scaldis.example/.well-known/mpli#vm-s2', adapter: 'terraform', parameters: { template: 'vm', hostname: 'web-1' } };

console.log((await adapter.plan(order)).summary);
const operation = adapter.apply(order);
for await (const event of operation.events) if (event.type !== 'progress') console.log(event.type, ...('resource' in event ? [event.resource] : []));
console.log((await operation.result).outputs);
console.log((await adapter.apply(order).result).resources.length, 'resource, applied once');
await adapter.destroy(order.id).result;
console.log((await adapter.status(order.id)).state);
rmSync(stateDir, { recursive: true, force: true });
