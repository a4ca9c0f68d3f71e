import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundingBox, haversineKm } from './distance';

describe('distance', () => {
  it('measures great-circle kilometres', () => {
    // 東京駅 → 新宿駅 is about 6.1 km in a straight line.
    expect(haversineKm({ lat: 35.681236, lng: 139.767125 }, { lat: 35.690921, lng: 139.700258 })).toBeCloseTo(
      6.13,
      1,
    );
    expect(haversineKm({ lat: 35.7, lng: 139.4 }, { lat: 35.7, lng: 139.4 })).toBe(0);
  });

  it('puts every point within N km inside the box', () => {
    const tokyo = fc.record({
      lat: fc.double({ min: 24, max: 36, noNaN: true }),
      lng: fc.double({ min: 136, max: 154, noNaN: true }),
    });
    fc.assert(
      fc.property(
        tokyo,
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (origin, km, angle, fraction) => {
          // A point about fraction × km away in direction angle (flat approximation, then measured).
          const d = km * fraction;
          const point = {
            lat: origin.lat + (d / 111.2) * Math.cos(angle),
            lng: origin.lng + (d / (111.2 * Math.cos((origin.lat * Math.PI) / 180))) * Math.sin(angle),
          };
          if (haversineKm(origin, point) > km) return;
          const box = boundingBox(origin, km);
          expect(point.lat).toBeGreaterThanOrEqual(box.minLat);
          expect(point.lat).toBeLessThanOrEqual(box.maxLat);
          expect(point.lng).toBeGreaterThanOrEqual(box.minLng);
          expect(point.lng).toBeLessThanOrEqual(box.maxLng);
        },
      ),
    );
  });
});
