// Draws the app icons (a white check in a shield-blue disc) as PNGs with no image library:
// `node web/icons.mjs` writes web/public/icons/. Run again only to change the design.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
};

function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x / size, y / size), y * (size * 4 + 1) + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Distance from point p to segment ab.
const segment = (px, py, ax, ay, bx, by) => {
  const t = Math.max(
    0,
    Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
  );
  return Math.hypot(px - ax - t * (bx - ax), py - ay - t * (by - ay));
};

const blue = [11, 79, 108, 255];
const white = [255, 255, 255, 255];
const clear = [0, 0, 0, 0];

function icon(maskable) {
  return (x, y) => {
    const r = Math.hypot(x - 0.5, y - 0.5);
    // Maskable icons fill the square; the check stays inside the 80% safe zone.
    const inBadge = maskable || r < 0.48;
    if (!inBadge) return clear;
    const s = maskable ? 0.7 : 1;
    const cx = 0.5 + (x - 0.5) / s;
    const cy = 0.5 + (y - 0.5) / s;
    const check = Math.min(segment(cx, cy, 0.28, 0.52, 0.44, 0.68), segment(cx, cy, 0.44, 0.68, 0.74, 0.34));
    return check < 0.055 ? white : blue;
  };
}

const dir = new URL('./public/icons/', import.meta.url);
writeFileSync(new URL('icon-192.png', dir), png(192, icon(false)));
writeFileSync(new URL('icon-512.png', dir), png(512, icon(false)));
writeFileSync(new URL('maskable-512.png', dir), png(512, icon(true)));
