/**
 * XDR (RFC 4506), the encoding of libvirt's remote protocol: big-endian 4-byte units, strings and
 * variable opaques as a length then bytes padded to 4.
 */
export class XdrWriter {
  private readonly parts: Buffer[] = [];
  private size = 0;

  private push(part: Buffer): this {
    this.parts.push(part);
    this.size += part.length;
    return this;
  }

  u32(value: number): this {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(value >>> 0);
    return this.push(b);
  }

  i32(value: number): this {
    const b = Buffer.alloc(4);
    b.writeInt32BE(value);
    return this.push(b);
  }

  u64(value: bigint | number): this {
    const b = Buffer.alloc(8);
    b.writeBigUInt64BE(BigInt(value));
    return this.push(b);
  }

  string(value: string): this {
    return this.opaque(Buffer.from(value, 'utf8'));
  }

  /** An optional string (a pointer in XDR: a present flag, then the value). */
  optionalString(value: string | undefined | null): this {
    return value === undefined || value === null ? this.u32(0) : this.u32(1).string(value);
  }

  /** A variable-length opaque: its length, the bytes, padding. */
  opaque(bytes: Buffer): this {
    this.u32(bytes.length).push(bytes);
    const pad = (4 - (bytes.length % 4)) % 4;
    return pad ? this.push(Buffer.alloc(pad)) : this;
  }

  /** A fixed-length opaque (such as a 16-byte UUID): the bytes, padded. */
  fixed(bytes: Buffer): this {
    this.push(bytes);
    const pad = (4 - (bytes.length % 4)) % 4;
    return pad ? this.push(Buffer.alloc(pad)) : this;
  }

  get length(): number {
    return this.size;
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.parts, this.size);
  }
}

export class XdrReader {
  private offset = 0;

  constructor(private readonly buffer: Buffer) {}

  private need(bytes: number): void {
    if (this.offset + bytes > this.buffer.length) throw new Error(`XDR: ${bytes} bytes wanted at ${this.offset} of ${this.buffer.length}`);
  }

  u32(): number {
    this.need(4);
    const v = this.buffer.readUInt32BE(this.offset);
    this.offset += 4;
    return v;
  }

  i32(): number {
    this.need(4);
    const v = this.buffer.readInt32BE(this.offset);
    this.offset += 4;
    return v;
  }

  u64(): bigint {
    this.need(8);
    const v = this.buffer.readBigUInt64BE(this.offset);
    this.offset += 8;
    return v;
  }

  i64(): bigint {
    this.need(8);
    const v = this.buffer.readBigInt64BE(this.offset);
    this.offset += 8;
    return v;
  }

  opaque(max = 64 * 1024 * 1024): Buffer {
    const length = this.u32();
    if (length > max) throw new Error(`XDR: an opaque of ${length} bytes is above the limit of ${max}`);
    this.need(length);
    const bytes = this.buffer.subarray(this.offset, this.offset + length);
    this.offset += length + ((4 - (length % 4)) % 4);
    return bytes;
  }

  string(): string {
    return this.opaque().toString('utf8');
  }

  optionalString(): string | undefined {
    return this.u32() ? this.string() : undefined;
  }

  fixed(length: number): Buffer {
    this.need(length);
    const bytes = Buffer.from(this.buffer.subarray(this.offset, this.offset + length));
    this.offset += length + ((4 - (length % 4)) % 4);
    return bytes;
  }

  /** What is left (a stream packet's data). */
  rest(): Buffer {
    const bytes = this.buffer.subarray(this.offset);
    this.offset = this.buffer.length;
    return bytes;
  }
}
