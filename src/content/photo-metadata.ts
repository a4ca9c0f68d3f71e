/**
 * Removes metadata from uploaded story photos before they are stored: a phone's JPEG carries the
 * place it was taken (EXIF GPS), the device and sometimes the owner's name, none of which a
 * published interview should give away. JPEG: APP1 (EXIF/XMP), APP3–APP13, APP15 and comment
 * segments are dropped (APP0 JFIF, APP2 ICC colour profile and APP14 Adobe stay: they change how
 * the picture looks). PNG: eXIf and text chunks are dropped. WebP is stored as uploaded.
 */

export function stripPhotoMetadata(bytes: Uint8Array, mediaType: string): Uint8Array {
  if (mediaType === 'image/jpeg') return stripJpeg(bytes) ?? bytes;
  if (mediaType === 'image/png') return stripPng(bytes) ?? bytes;
  return bytes;
}

const keptAppSegments = new Set([0xe0, 0xe2, 0xee]);

function stripJpeg(bytes: Uint8Array): Uint8Array | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xda) {
      // Start of scan: the image data follows; copy the rest as it is.
      parts.push(bytes.subarray(at));
      return concat(parts);
    }
    const length = ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0);
    if (length < 2 || at + 2 + length > bytes.length) return undefined;
    const isApp = marker >= 0xe1 && marker <= 0xef && !keptAppSegments.has(marker);
    const isComment = marker === 0xfe;
    if (!isApp && !isComment) parts.push(bytes.subarray(at, at + 2 + length));
    at += 2 + length;
  }
  return undefined;
}

const droppedPngChunks = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt', 'tIME']);

function stripPng(bytes: Uint8Array): Uint8Array | undefined {
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  let at = 8;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const end = at + 12 + length;
    if (end > bytes.length) return undefined;
    if (!droppedPngChunks.has(type)) parts.push(bytes.subarray(at, end));
    at = end;
    if (type === 'IEND') return concat(parts);
  }
  return undefined;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
