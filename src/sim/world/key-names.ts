/**
 * Key names by rank (`key:0`, `key:1`...), each built once on first use so no string is
 * built per request. The table is one dense array sized up front: filling a growing array at
 * random ranks would turn it into a slow dictionary-backed one.
 */
export class KeyNames {
  private names: (string | undefined)[] | undefined;

  constructor(
    readonly prefix: string,
    readonly count: number,
  ) {}

  name(rank: number): string {
    const names = (this.names ??= new Array<string | undefined>(this.count).fill(undefined));
    return (names[rank] ??= this.prefix + rank);
  }
}
