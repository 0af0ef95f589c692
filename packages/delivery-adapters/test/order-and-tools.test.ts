import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRdf, readManifest } from '@mpli/core';
import { checkOrder, DeliveryError, EventLog, orderFor, REDACTED, redactor, runTool } from '@mpli/delivery-adapters';

const example = readFileSync(new URL('../../../examples/manifests/nuage-souverain.ttl', import.meta.url), 'utf8');

describe('orders', () => {
  it('come from an offering: its adapter and parameters, plus what the consumer may add', async () => {
    const manifest = readManifest((await parseRdf(example)).store);
    const offering = manifest.offerings.find((o) => o.delivery?.adapter === 'libvirt')!;
    expect(orderFor(offering, { id: 'order-1', parameters: { hostname: 'web-1' }, consumer: 'did:web:consumer.example' })).toEqual({
      id: 'order-1',
      offering: offering.id,
      adapter: 'libvirt',
      parameters: { vcpus: 4, hostname: 'web-1' },
      consumer: 'did:web:consumer.example',
    });
    expect(() => orderFor(offering, { id: 'order-1', parameters: { vcpus: 64 } })).toThrow(`The parameter "vcpus" is fixed by the offering ${offering.id}; an order cannot change it.`);
    expect(() => orderFor({ ...offering, delivery: undefined } as never, { id: 'x' })).toThrow(/names no delivery method/);
  });

  it.each([
    [null, 'it is not an object'],
    [{ id: '../etc', offering: 'o', adapter: 'a', parameters: {} }, '"id" must be 1 to 64'],
    [{ id: 'a', offering: '', adapter: 'a', parameters: {} }, '"offering"'],
    [{ id: 'a', offering: 'o', adapter: 'Bad Name', parameters: {} }, '"adapter"'],
    [{ id: 'a', offering: 'o', adapter: 'a', parameters: [] }, '"parameters" must be an object'],
    [{ id: 'a', offering: 'o', adapter: 'a', parameters: { 'x;rm': 1 } }, 'not a plain name'],
    [{ id: 'a', offering: 'o', adapter: 'a', parameters: { x: { nested: 1 } } }, 'not a string, finite number or boolean'],
    [{ id: 'a', offering: 'o', adapter: 'a', parameters: {}, chain: ['ok', 'not ok'] }, '"chain"'],
  ])('refuses a malformed order %j', (order, why) => {
    expect(() => checkOrder(order)).toThrow(why);
    expect(() => checkOrder(order)).toThrow(DeliveryError);
  });
});

describe('redactor', () => {
  it('blanks every secret, longest first, and short ones only as whole words', () => {
    const redact = redactor(['hunter2-long', 'hunter2', 'on']);
    expect(redact('pw=hunter2-long; again hunter2; done on time')).toBe(`pw=${REDACTED}; again ${REDACTED}; done ${REDACTED} time`);
    expect(redactor([])('unchanged')).toBe('unchanged');
  });
});

describe('runTool', () => {
  it('names the Debian package of a missing tool', async () => {
    await expect(runTool({ command: 'ansible-playbook-not-here', args: [], debianPackage: 'ansible-core' })).rejects.toMatchObject({
      code: 'TOOL_MISSING',
      debianPackage: 'ansible-core',
      message: 'ansible-playbook-not-here is not installed (not found on PATH). Install it: apt-get install ansible-core',
    });
  });

  it('times out, is cancelled, and reports a failure with the end of stderr, secrets blanked', async () => {
    await expect(runTool({ command: 'sleep', args: ['5'], timeoutMs: 200 })).rejects.toMatchObject({ code: 'TIMEOUT' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(runTool({ command: 'sleep', args: ['5'], signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(runTool({ command: 'sh', args: ['-c', 'echo "bad password s3cret" >&2; exit 4'], redact: redactor(['s3cret']) })).rejects.toMatchObject({
      code: 'TOOL_FAILED',
      message: `sh -c failed (exit 4): bad password ${REDACTED}`,
    });
  });

  it('passes secrets through the environment, never the command line, and streams lines', async () => {
    const lines: string[] = [];
    const outcome = await runTool({ command: 'sh', args: ['-c', 'echo one; echo "$TOKEN" | wc -c'], env: { TOKEN: 'abc' }, onLine: (l) => lines.push(l) });
    expect(lines).toEqual(['one', '4']);
    expect(outcome.code).toBe(0);
  });
});

describe('EventLog', () => {
  it('gives late readers every event, then ends when closed', async () => {
    const log = new EventLog<number>();
    log.push(1);
    const early = (async () => {
      const seen: number[] = [];
      for await (const n of log) seen.push(n);
      return seen;
    })();
    log.push(2);
    log.close();
    const late: number[] = [];
    for await (const n of log) late.push(n);
    expect(await early).toEqual([1, 2]);
    expect(late).toEqual([1, 2]);
    expect(() => log.push(3)).toThrow('closed');
  });
});
