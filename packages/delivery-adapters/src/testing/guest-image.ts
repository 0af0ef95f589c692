import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the tiny guest prints on its first serial port before it powers itself off. */
export const GUEST_MARKER = 'MPLI-GUEST-MARKER booted';

/**
 * A 512-byte x86 boot sector, assembled here by hand: print the marker on COM1 (port 0x3f8),
 * then power off through ACPI (PM1a_CNT at 0xb004 on i440fx/SeaBIOS, 0x604 on q35), then halt.
 */
function bootSector(powerOff: boolean): Buffer {
  const message = Buffer.from(`${GUEST_MARKER}\r\n\0`, 'latin1');
  const code = Buffer.from([
    0xfa, // cli
    0x31, 0xc0, // xor ax, ax
    0x8e, 0xd8, // mov ds, ax
    0xbe, 0x21, 0x7c, // mov si, 0x7c21 (the message, 33 bytes in)
    0xba, 0xf8, 0x03, // mov dx, 0x3f8
    0xac, // loop: lodsb
    0x84, 0xc0, // test al, al
    0x74, 0x03, // jz done
    0xee, // out dx, al
    0xeb, 0xf8, // jmp loop
    0xb8, 0x00, 0x20, // done: mov ax, 0x2000 (SLP_EN)
    0xba, 0x04, 0xb0, // mov dx, 0xb004
    0xef, // out dx, ax
    0xba, 0x04, 0x06, // mov dx, 0x604
    0xef, // out dx, ax
    0xf4, // halt: hlt
    0xeb, 0xfd, // jmp halt
  ]);
  // A guest that stays up after its marker: the power-off instructions (11 bytes from offset 19)
  // become NOPs, so the message keeps its address and the guest halts, running.
  if (!powerOff) code.fill(0x90, 19, 30);
  const sector = Buffer.alloc(512);
  code.copy(sector, 0);
  message.copy(sector, code.length);
  sector.writeUInt16LE(0xaa55, 510);
  return sector;
}

/**
 * Builds the guest's disk (a guest that powers off after its marker, unless `powerOff` is false): the boot sector, then 4 MiB of data and holes, as raw and as qcow2
 * (converted by the real qemu-img). Returns both paths.
 */
export function buildGuestImage(dir: string, options: { powerOff?: boolean; name?: string } = {}): { raw: string; qcow2: string } {
  const disk = Buffer.alloc(8 * 1024 * 1024);
  bootSector(options.powerOff !== false).copy(disk, 0);
  randomBytes(2 * 1024 * 1024).copy(disk, 1024 * 1024);
  const raw = join(dir, `${options.name ?? 'guest'}.raw`);
  const qcow2 = join(dir, `${options.name ?? 'guest'}.qcow2`);
  writeFileSync(raw, disk);
  execFileSync('qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', raw, qcow2]);
  return { raw, qcow2 };
}
