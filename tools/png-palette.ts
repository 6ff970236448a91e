/**
 * Shrinks a screenshot PNG to an indexed one (at most 256 colours, zlib at level 9). A lesson's
 * poster is flat UI colours and anti-aliased text, which a palette keeps almost intact at a
 * fraction of the bytes of Chromium's truecolour PNG. Reads only 8-bit RGB/RGBA, non-interlaced
 * PNGs (what Chromium writes).
 */
import { deflateSync, inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface Rgba {
  readonly width: number;
  readonly height: number;
  /** width * height * 4 bytes, row by row. */
  readonly pixels: Uint8Array;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

export function decodePng(png: Buffer): Rgba {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colour, , , interlace] = [body[8], body[9], body[10], body[11], body[12]];
      if (depth !== 8 || interlace !== 0 || (colour !== 2 && colour !== 6)) {
        throw new Error(`unsupported PNG (depth ${depth}, colour type ${colour})`);
      }
      channels = colour === 6 ? 4 : 3;
    } else if (type === 'IDAT') data.push(body);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const rows = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? rows[row + x - channels]! : 0;
      const b = y > 0 ? rows[row - stride + x]! : 0;
      const c = x >= channels && y > 0 ? rows[row - stride + x - channels]! : 0;
      const v = raw[src + x]!;
      const predicted =
        filter === 0
          ? 0
          : filter === 1
            ? a
            : filter === 2
              ? b
              : filter === 3
                ? (a + b) >> 1
                : paeth(a, b, c);
      rows[row + x] = (v + predicted) & 0xff;
    }
  }
  const pixels = new Uint8Array(width * height * 4);
  for (let i = 0, j = 0; i < width * height; i++, j += channels) {
    pixels[i * 4] = rows[j]!;
    pixels[i * 4 + 1] = rows[j + 1]!;
    pixels[i * 4 + 2] = rows[j + 2]!;
    pixels[i * 4 + 3] = channels === 4 ? rows[j + 3]! : 255;
  }
  return { width, height, pixels };
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  let crc = 0xffffffff;
  for (const byte of Buffer.concat([head.subarray(4), body])) {
    crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  }
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE((crc ^ 0xffffffff) >>> 0, 0);
  return Buffer.concat([head, body, tail]);
}

/**
 * Picks at most 256 colours: the most common 5-bit-per-channel boxes, each as the mean of the
 * pixels in it, and maps every pixel to its nearest one (alpha is dropped: screenshots are
 * opaque).
 */
export function quantize(image: Rgba): { palette: number[][]; indices: Uint8Array } {
  const box = (i: number) =>
    ((image.pixels[i]! >> 3) << 10) |
    ((image.pixels[i + 1]! >> 3) << 5) |
    (image.pixels[i + 2]! >> 3);
  const count = image.width * image.height;
  const sums = new Map<number, [number, number, number, number]>();
  for (let p = 0; p < count; p++) {
    const i = p * 4;
    const k = box(i);
    const s = sums.get(k) ?? [0, 0, 0, 0];
    s[0] += image.pixels[i]!;
    s[1] += image.pixels[i + 1]!;
    s[2] += image.pixels[i + 2]!;
    s[3]++;
    sums.set(k, s);
  }
  const chosen = [...sums.values()].sort((a, b) => b[3] - a[3]).slice(0, 256);
  const palette = chosen.map(([r, g, b, n]) => [
    Math.round(r / n),
    Math.round(g / n),
    Math.round(b / n),
  ]);
  const nearest = new Map<number, number>();
  const indices = new Uint8Array(count);
  for (let p = 0; p < count; p++) {
    const i = p * 4;
    const k = box(i);
    let best = nearest.get(k);
    if (best === undefined) {
      const [r, g, b] = [image.pixels[i]!, image.pixels[i + 1]!, image.pixels[i + 2]!];
      let bestDistance = Infinity;
      best = 0;
      palette.forEach(([pr, pg, pb], j) => {
        const d = (r - pr!) ** 2 + (g - pg!) ** 2 + (b - pb!) ** 2;
        if (d < bestDistance) {
          bestDistance = d;
          best = j;
        }
      });
      nearest.set(k, best);
    }
    indices[p] = best;
  }
  return { palette, indices };
}

export function encodeIndexedPng(image: Rgba): Buffer {
  const { palette, indices } = quantize(image);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(image.width, 0);
  header.writeUInt32BE(image.height, 4);
  header[8] = 8; // bits per index
  header[9] = 3; // indexed colour
  const raw = Buffer.alloc(image.height * (image.width + 1));
  for (let y = 0; y < image.height; y++) {
    // Filter "none": the usual best choice for indexed images.
    raw[y * (image.width + 1)] = 0;
    raw.set(indices.subarray(y * image.width, (y + 1) * image.width), y * (image.width + 1) + 1);
  }
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('PLTE', Buffer.from(palette.flat())),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
