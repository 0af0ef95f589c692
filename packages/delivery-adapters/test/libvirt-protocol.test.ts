import { describe, expect, it } from 'vitest';
import { domainXml, operationOf } from '@mpli/delivery-adapters/libvirt';
import { readError } from '../src/libvirt/rpc-connection';
import { XdrReader, XdrWriter } from '../src/libvirt/xdr';

describe('XDR', () => {
  it('pads strings and opaques to 4 bytes and reads back what it wrote', () => {
    const bytes = new XdrWriter().u32(7).i32(-2).u64(2n ** 40n).string('abcde').optionalString(undefined).optionalString('x').fixed(Buffer.alloc(16, 9)).toBuffer();
    expect(bytes.length).toBe(4 + 4 + 8 + (4 + 8) + 4 + (4 + 4 + 4) + 16);
    const r = new XdrReader(bytes);
    expect([r.u32(), r.i32(), r.u64(), r.string(), r.optionalString(), r.optionalString(), r.fixed(16).equals(Buffer.alloc(16, 9))]).toEqual([7, -2, 2n ** 40n, 'abcde', undefined, 'x', true]);
    expect(() => r.u32()).toThrow('XDR: 4 bytes wanted at 60 of 60');
  });

  it('refuses an opaque longer than its limit', () => {
    expect(() => new XdrReader(new XdrWriter().u32(1 << 30).toBuffer()).opaque(1024)).toThrow('above the limit');
  });

  it('reads a libvirt error reply', () => {
    const error = readError(new XdrWriter().i32(42).i32(10).optionalString("Domain not found: no domain with matching name 'x'").toBuffer());
    expect(error).toMatchObject({ code: 42, domain: 10, message: "Domain not found: no domain with matching name 'x'" });
    expect(readError(Buffer.alloc(2)).message).toBe('libvirt answered with an error it did not describe');
  });
});

describe('domain XML', () => {
  it('carries the operation in its metadata, escapes names, and reads it back', () => {
    const xml = domainXml({ name: "mpli-a<b>'", type: 'qemu', vcpus: 2, memoryMiB: 512, operation: 'order-1', disks: [{ path: '/pool/d.qcow2', format: 'qcow2', target: 'vda' }], serialLog: '/tmp/c.log', nics: [{ mac: '52:54:00:12:34:56' }] });
    expect(xml).toContain("<name>mpli-a&lt;b&gt;&apos;</name>");
    expect(xml).toContain("<driver name='qemu' type='qcow2'/><source file='/pool/d.qcow2'/><target dev='vda' bus='virtio'/>");
    expect(xml).toContain("<mac address='52:54:00:12:34:56'/>");
    expect(xml).toContain("<type arch='x86_64' machine='pc'>hvm</type>");
    expect(operationOf(xml)).toBe('order-1');
    expect(operationOf('<domain><name>other</name></domain>')).toBeUndefined();
  });
});
