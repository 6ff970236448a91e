import { PAGE_BYTES } from './disk.ts';

/**
 * Copy-on-write during a fork. Parent and child share the dataset's pages; the first time
 * the parent writes into a page, the kernel copies it, so the parent's memory grows by a
 * page. A key's value is taken to live in one page picked by hashing the key, so N writes
 * spread over P pages copy about P·(1 − e^(−N/P)) of them: memory grows with the write
 * rate and levels off once every page has been touched, as on a real server.
 */
export class CowPages {
  private copied = new Set<number>();

  constructor(readonly pages: number) {}

  /** The parent writes `key`: its page is copied unless it already was. */
  touch(key: string): void {
    if (this.pages <= 0) return;
    this.copied.add(fnv1a(key) % this.pages);
  }

  get copiedPages(): number {
    return this.copied.size;
  }

  get bytes(): number {
    return this.copied.size * PAGE_BYTES;
  }

  snapshot(): number[] {
    return [...this.copied];
  }

  static restore(pages: number, copied: readonly number[]): CowPages {
    const cow = new CowPages(pages);
    for (const p of copied) cow.copied.add(p);
    return cow;
  }
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
