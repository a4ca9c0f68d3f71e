import { describe, expect, it } from 'vitest';
import { stripPhotoMetadata } from './photo-metadata';

const segment = (marker: number, payload: number[]) => [0xff, marker, 0, payload.length + 2, ...payload];

describe('photo metadata', () => {
  it('drops EXIF and comments from a JPEG, keeping JFIF, the colour profile and the image data', () => {
    const gps = [...'Exif'].map((c) => c.charCodeAt(0)).concat([0, 0, 0x47, 0x50, 0x53]);
    const jpeg = new Uint8Array([
      0xff,
      0xd8,
      ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0]),
      ...segment(0xe1, gps),
      ...segment(0xe2, [1, 2, 3]),
      ...segment(0xfe, [0x68, 0x69]),
      ...segment(0xdb, [9, 9]),
      0xff,
      0xda,
      0,
      4,
      7,
      7,
      0x11,
      0x22,
      0xff,
      0xd9,
    ]);
    const out = stripPhotoMetadata(jpeg, 'image/jpeg');
    const text = Buffer.from(out).toString('latin1');
    expect(text).not.toContain('Exif');
    expect(text).not.toContain('hi');
    expect(text).toContain('JFIF');
    expect([...out.slice(-10)]).toEqual([...jpeg.slice(-10)]);
    expect(out.length).toBe(jpeg.length - (gps.length + 4) - 6);
  });

  it('drops text and EXIF chunks from a PNG', () => {
    const chunk = (type: string, data: number[]) => [
      0,
      0,
      0,
      data.length,
      ...[...type].map((c) => c.charCodeAt(0)),
      ...data,
      0,
      0,
      0,
      0,
    ];
    const png = new Uint8Array([
      0x89,
      0x50,
      0x4e,
      0x47,
      0x0d,
      0x0a,
      0x1a,
      0x0a,
      ...chunk('IHDR', [1, 2, 3]),
      ...chunk(
        'tEXt',
        [...'Author'].map((c) => c.charCodeAt(0)),
      ),
      ...chunk('IDAT', [4, 5]),
      ...chunk('IEND', []),
    ]);
    const text = Buffer.from(stripPhotoMetadata(png, 'image/png')).toString('latin1');
    expect(text).not.toContain('Author');
    expect(text).toContain('IHDR');
    expect(text).toContain('IDAT');
    expect(text).toContain('IEND');
  });

  it('leaves a file it cannot read as it is', () => {
    const odd = new Uint8Array([0xff, 0xd8, 1, 2, 3]);
    expect(stripPhotoMetadata(odd, 'image/jpeg')).toBe(odd);
  });
});
