// Draws assets/icon.png (512x512 RGBA): two cluster "server stacks" on Fluent blue, with a failover arrow from left
// to right above and a failback arrow below. Plain Node (zlib) so nothing is downloaded; run `node assets/generate-icon.mjs`.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const SAMPLES = 4; // 4x4 supersampling for smooth edges

const roundedRect = (x, y, w, h, r) => (px, py) => {
  if (px < x || px > x + w || py < y || py > y + h) return false;
  const cx = Math.min(Math.max(px, x + r), x + w - r);
  const cy = Math.min(Math.max(py, y + r), y + h - r);
  return (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
};
const triangle = (ax, ay, bx, by, cx, cy) => (px, py) => {
  const s1 = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
  const s2 = (cx - bx) * (py - by) - (cy - by) * (px - bx);
  const s3 = (ax - cx) * (py - cy) - (ay - cy) * (px - cx);
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
};
const union = (...shapes) => (px, py) => shapes.some((s) => s(px, py));

const WHITE = [255, 255, 255];
const PALE = [207, 228, 250];
const background = (_px, py) => {
  const t = py / SIZE; // #0F6CBD at the top to #0C3B5E at the bottom
  return [Math.round(15 + (12 - 15) * t), Math.round(108 + (59 - 108) * t), Math.round(189 + (94 - 189) * t)];
};

function server(x) {
  const body = roundedRect(x, 150, 130, 230, 18);
  const slots = [0, 1, 2].map((i) => roundedRect(x + 20, 172 + i * 62, 90, 34, 8));
  const leds = [0, 1, 2].map((i) => roundedRect(x + 86, 183 + i * 62, 12, 12, 6));
  return { body, slots, leds };
}
const left = server(70);
const right = server(312);

// Failover (left → right) above, failback (right → left) below.
const over = union(roundedRect(170, 96, 150, 22, 11), triangle(318, 72, 318, 142, 366, 107));
const back = union(roundedRect(192, 394, 150, 22, 11), triangle(194, 370, 194, 440, 146, 405));

// Layers from top to bottom: the first that contains a point paints it.
const layers = [
  ...[...left.leds, ...right.leds].map((shape) => ({ shape, color: [92, 201, 121] })),
  ...[...left.slots, ...right.slots].map((shape) => ({ shape, color: background })),
  { shape: left.body, color: WHITE },
  { shape: right.body, color: WHITE },
  { shape: over, color: PALE },
  { shape: back, color: PALE },
  { shape: roundedRect(16, 16, SIZE - 32, SIZE - 32, 96), color: background },
];

const pixels = Buffer.alloc(SIZE * SIZE * 4);
for (let y = 0; y < SIZE; y += 1) {
  for (let x = 0; x < SIZE; x += 1) {
    let r = 0;
    let g = 0;
    let b = 0;
    let covered = 0;
    for (let sy = 0; sy < SAMPLES; sy += 1) {
      for (let sx = 0; sx < SAMPLES; sx += 1) {
        const px = x + (sx + 0.5) / SAMPLES;
        const py = y + (sy + 0.5) / SAMPLES;
        const layer = layers.find((l) => l.shape(px, py));
        if (layer === undefined) continue;
        const color = typeof layer.color === 'function' ? layer.color(px, py) : layer.color;
        r += color[0];
        g += color[1];
        b += color[2];
        covered += 1;
      }
    }
    const i = (y * SIZE + x) * 4;
    if (covered > 0) {
      pixels[i] = Math.round(r / covered);
      pixels[i + 1] = Math.round(g / covered);
      pixels[i + 2] = Math.round(b / covered);
      pixels[i + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
    }
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buffer) => {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y += 1) {
  rows[y * (SIZE * 4 + 1)] = 0; // filter: none
  pixels.copy(rows, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
}
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(rows, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const target = join(dirname(fileURLToPath(import.meta.url)), 'icon.png');
writeFileSync(target, png);
console.log(`wrote ${target} (${png.length} bytes)`);
