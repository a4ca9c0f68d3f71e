/**
 * A facility's position for distances (search and matching): its own point when both lat and lng
 * are stored, else its municipality office (reference coordinates). The box condition is written
 * so that indexes can answer it (docs/decisions/030): `coalesce(f.lat, m.lat)` hides the column
 * from every index, so instead the facilities with their own point in the box come from index
 * `facility_position` (lat, lng), and those without one from `facility_municipality`, with the
 * municipalities whose office lies in the box worked out here from the reference list.
 */
import { type SqlBool, sql } from 'kysely';
import { listMunicipalities } from '../../reference/municipalities';
import type { Box } from './distance';

const ownPoint = sql<SqlBool>`(${sql.ref('f.lat')} is not null and ${sql.ref('f.lng')} is not null)`;

/** The latitude used for distances; `f` is the facility, `m` its municipality. */
export const effectiveLat = sql<number>`case when ${ownPoint} then ${sql.ref('f.lat')} else ${sql.ref('m.lat')} end`;
export const effectiveLng = sql<number>`case when ${ownPoint} then ${sql.ref('f.lng')} else ${sql.ref('m.lng')} end`;

const inBox = (box: Box, p: { lat: number; lng: number }) =>
  p.lat >= box.minLat && p.lat <= box.maxLat && p.lng >= box.minLng && p.lng <= box.maxLng;

/** The codes of the municipalities whose office lies in the box. */
export function municipalitiesInBox(box: Box): string[] {
  return listMunicipalities()
    .filter((m) => inBox(box, m))
    .map((m) => m.code);
}

/** Facility `f`'s position (as effectiveLat/Lng) lies in the box. */
export function positionInBox(box: Box) {
  const { minLat, maxLat, minLng, maxLng } = box;
  const own = sql<SqlBool>`(${sql.ref('f.lat')} between ${minLat} and ${maxLat} and ${sql.ref('f.lng')} between ${minLng} and ${maxLng})`;
  const offices = municipalitiesInBox(box);
  if (offices.length === 0) return own;
  // `f.lat is null or f.lng is null` would be the exact complement of an own point, but an OR
  // there stops SQLite from answering this branch from an index; the lat test is that index's
  // way in and the lng test keeps the meaning exact.
  return sql<SqlBool>`(${own} or (${sql.ref('f.municipality_code')} in (${sql.join(offices)}) and not ${ownPoint}))`;
}
