// Draws the extension's icon (a magnifying lens over a blue tile) as PNGs in public/icon/{16,32,48,96,128}.png,
// which WXT lists in the manifest. Plain Node (zlib), 4×4 supersampling for smooth edges. Run after changing it:
// `node scripts/make-icons.mjs`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Buffer } from 'node:buffer';
import { deflateSync } from 'node:zlib';

const TILE = [31, 95, 191]; // #1f5fbf
const INK = [255, 255, 255];

/** Coverage of the shapes at (x, y) in the unit square: 'tile', 'ink' or null. */
function shapeAt(x, y) {
  const r = 0.18; // corner radius of the tile
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;
  const d = Math.hypot(x - 0.43, y - 0.43);
  if (d > 0.2 && d < 0.3) return 'ink'; // the lens ring
  // The handle: a thick segment from the ring towards the bottom right.
  const t = (x - 0.43 + (y - 0.43)) / 2;
  const along = t * Math.SQRT2;
  const across = Math.abs(x - 0.43 - (y - 0.43)) / Math.SQRT2;
  if (along > 0.29 && along < 0.52 && across < 0.065) return 'ink';
  return 'tile';
}

function png(size) {
  const S = 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0;
    for (let px = 0; px < size; px++) {
      let tile = 0;
      let ink = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const shape = shapeAt((px + (sx + 0.5) / S) / size, (py + (sy + 0.5) / S) / size);
          if (shape === 'tile') tile++;
          else if (shape === 'ink') ink++;
        }
      }
      const covered = tile + ink;
      const o = py * (size * 4 + 1) + 1 + px * 4;
      for (let c = 0; c < 3; c++) raw[o + c] = covered ? Math.round((TILE[c] * tile + INK[c] * ink) / covered) : 0;
      raw[o + 3] = Math.round((255 * covered) / (S * S));
    }
  }
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

mkdirSync('public/icon', { recursive: true });
for (const size of [16, 32, 48, 96, 128]) writeFileSync(`public/icon/${size}.png`, png(size));
