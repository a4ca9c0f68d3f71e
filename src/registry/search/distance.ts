/**
 * Distances for the registry search: great-circle (haversine) kilometres, and the latitude and
 * longitude box around an origin that contains every point within N km (the SQL pre-filter;
 * the exact distance is then checked in JS). Pure.
 */

const EARTH_RADIUS_KM = 6371.0088;
const KM_PER_DEGREE_LAT = (Math.PI * EARTH_RADIUS_KM) / 180;

export type Point = { lat: number; lng: number };
export type Box = { minLat: number; maxLat: number; minLng: number; maxLng: number };

const radians = (degrees: number) => (degrees * Math.PI) / 180;

export function haversineKm(a: Point, b: Point): number {
  const dLat = radians(b.lat - a.lat);
  const dLng = radians(b.lng - a.lng);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A box that holds every point within `km` of `origin` (a little larger, never smaller). */
export function boundingBox(origin: Point, km: number): Box {
  const dLat = km / KM_PER_DEGREE_LAT;
  // The box's widest latitude is the one nearest a pole; use it so no point is left out.
  const widest = Math.min(89, Math.abs(origin.lat) + dLat);
  const dLng = km / (KM_PER_DEGREE_LAT * Math.cos(radians(widest)));
  return {
    minLat: origin.lat - dLat,
    maxLat: origin.lat + dLat,
    minLng: origin.lng - dLng,
    maxLng: origin.lng + dLng,
  };
}
