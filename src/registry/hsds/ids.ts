/**
 * Stable HSDS identifiers. HSDS 3.1 wants a UUID on every object, also on those Hataraku keeps
 * as columns or rows without an id of their own (an address, a schedule, an attribute…). Those
 * ids are name-based UUIDs (RFC 9562 version 5, SHA-1) of the owning record's id and the
 * object's role, so the same export always yields the same ids and consumers can diff exports.
 */
import { createHash } from 'node:crypto';

/** The namespace of Hataraku's HSDS ids (a fixed, random UUID). */
const namespace = Buffer.from('5f1c2a7e8b3d4c9aa1e06b2f7d8c3e41', 'hex');

/** A version-5 UUID for the given name parts, e.g. `hsdsId('schedule', opportunityId, '08:30-12:00')`. */
export function hsdsId(...parts: readonly (string | number)[]): string {
  const hash = createHash('sha1').update(namespace).update(parts.join('\u0000')).digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
