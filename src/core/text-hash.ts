// The hashing both the recipient key and the text index build on: FNV-1a over UTF-16
// code units, then murmur3's finalizer so that every input bit reaches every output bit.

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** murmur3's finalizer, as an unsigned 32-bit number. */
export function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
