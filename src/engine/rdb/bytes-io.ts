/**
 * Byte strings in and out for the RDB format: a writer that appends bytes and byte strings,
 * a reader that walks a byte string and reports running past its end as null.
 */

export class ByteWriter {
  private readonly parts: string[] = [];
  private pending: number[] = [];

  byte(b: number): void {
    this.pending.push(b & 0xff);
    if (this.pending.length >= 4096) this.flush();
  }

  /** n bytes of v, little-endian (v a safe integer or, for 8 bytes, a BigInt). */
  le(v: number | bigint, n: number): void {
    let x = BigInt.asUintN(n * 8, BigInt(v));
    for (let i = 0; i < n; i++) {
      this.byte(Number(x & 0xffn));
      x >>= 8n;
    }
  }

  bytes(s: string): void {
    this.flush();
    this.parts.push(s);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.parts.push(String.fromCharCode(...this.pending));
    this.pending = [];
  }

  toString(): string {
    this.flush();
    return this.parts.join('');
  }
}

export class ByteReader {
  pos = 0;
  constructor(private readonly s: string) {}

  get remaining(): number {
    return this.s.length - this.pos;
  }

  byte(): number | null {
    return this.pos < this.s.length ? this.s.charCodeAt(this.pos++) : null;
  }

  take(n: number): string | null {
    if (n < 0 || this.pos + n > this.s.length) return null;
    const out = this.s.slice(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** n bytes little-endian, unsigned, as a BigInt. */
  le(n: number): bigint | null {
    const raw = this.take(n);
    if (raw === null) return null;
    let v = 0n;
    for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(raw.charCodeAt(i));
    return v;
  }
}
