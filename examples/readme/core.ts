import { buildManifest, parseRdf, readManifest, serializeRdf, validateDataset } from '@mpli/core';

// Build a manifest from plain objects...
const store = buildManifest({
  provider: {
    id: 'https://tiny.example/#provider',
    name: 'Tiny Cloud BV',
    registrationNumbers: [{ type: 'vatID', value: 'NL123456789B01' }],
    headquarters: { country: 'NL' },
    contacts: [{ email: 'sales@tiny.example' }],
    manifestLocation: 'https://tiny.example/.well-known/mpli',
  },
  offerings: [
    {
      kind: 'VirtualMachineOffering',
      identifier: 'vm-1',
      name: 'Small VM',
      vcpu: 2,
      memory: { value: 4, unit: 'GiB' },
      cpuArchitecture: 'X86_64',
      locations: [{ country: 'NL' }],
      prices: [{ amount: '0.025', currency: 'EUR', per: 'h', model: 'PayAsYouGo' }],
    },
  ],
});

// ...validate it against the MPLI shapes...
const report = await validateDataset(store);
console.log('conforms:', report.conforms);

// ...write it as Turtle (or JSON-LD, N-Triples, N-Quads)...
const turtle = await serializeRdf(store, 'text/turtle');
console.log(turtle.split('\n').slice(0, 12).join('\n'));

// ...and read it back into the typed model.
const manifest = readManifest((await parseRdf(turtle, { format: 'text/turtle' })).store);
const [vm] = manifest.offerings;
if (vm?.kind === 'VirtualMachineOffering') console.log(vm.name, vm.vcpu, vm.memory); // Small VM 2 { value: 4, unit: 'GiB' }

// Bad input is explained: which rule, where, what was found.
const broken = turtle.replace('mpli:vcpu 2', 'mpli:vcpu 0');
const parsed = await parseRdf(broken, { source: 'tiny.ttl' });
const problems = (await validateDataset(parsed.store, { source: 'tiny.ttl', text: broken, prefixes: parsed.prefixes })).problems;
for (const p of problems) console.log(`${p.source}:${p.line} ${p.severity} ${p.focusNode} ${p.path} = ${p.value}: ${p.message} [${p.rule}]`);
