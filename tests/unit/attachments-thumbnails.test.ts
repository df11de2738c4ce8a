import fs from 'node:fs';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImageInfo } from '../../electron/services/attachments/file-types';
import { makeThumbnail, THUMBNAIL_LIMITS, thumbnailWorkers, tooLargeToDecode } from '../../electron/services/attachments/thumbnails';
import { decodeJpegEighth, orient, shrink } from '../../electron/services/attachments/thumbnail-worker';
import { incomingDir } from '../../electron/services/attachments/storage';
import { ok, openShizhongApp, REPO_ROOT, tempDir, type TestApp } from '../helpers/test-context';
import { craftedJpeg, craftedPng, jpegBytes, pngBytes, upload } from '../helpers/attachment-files';

/**
 * Thumbnails: made in a worker thread for JPEG and PNG, ≤ 320 px, turned upright by the EXIF
 * orientation; pictures whose header claims more pixels than the decoder may take are never
 * decoded (kept without a thumbnail); a worker that takes too long is stopped.
 */

let app: TestApp;
let token: string;
const dir = tempDir('gd-thumbs-');
beforeAll(async () => {
  app = await openShizhongApp();
  token = (await app.callerFor('admin')).token!;
});
afterAll(async () => {
  await app.close();
});

/** The thumbnail an upload made (decoded), read back from the incoming folder. */
function decodedThumb(): { width: number; height: number; data: Uint8Array } {
  const thumb = fs.readdirSync(incomingDir(app.dataDir)).find((f) => f.endsWith('.thumb'))!;
  const decoded = jpeg.decode(fs.readFileSync(path.join(incomingDir(app.dataDir), thumb)), { useTArray: true });
  for (const f of fs.readdirSync(incomingDir(app.dataDir))) fs.rmSync(path.join(incomingDir(app.dataDir), f));
  return decoded;
}
const pixel = (img: { width: number; data: Uint8Array }, x: number, y: number) => [...img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 3)];
const isRed = (rgb: number[]) => rgb[0]! > 200 && rgb[1]! < 60 && rgb[2]! < 60;

describe('thumbnails of pictures', () => {
  it('a JPEG: a JPEG thumbnail whose longer side is 320 px, the proportions kept', async () => {
    const up = await upload(app, jpegBytes(1600, 1200), '大图.jpg', token);
    expect(up).toMatchObject({ hasThumbnail: true, width: 1600, height: 1200 });
    const thumb = decodedThumb();
    expect([thumb.width, thumb.height]).toEqual([320, 240]);
    expect(isRed(pixel(thumb, 5, 5))).toBe(true); // the marker in the top-left corner stays there
  });

  it('a phone photo stored sideways (EXIF orientation 6) is shown upright: its size and its thumbnail turned', async () => {
    const up = await upload(app, jpegBytes(800, 600, { orientation: 6 }), '手机照片.jpg', token);
    expect(up).toMatchObject({ width: 600, height: 800 });
    const thumb = decodedThumb();
    expect([thumb.width, thumb.height]).toEqual([240, 320]);
    // turned 90° clockwise, the top-left marker is now at the top right
    expect(isRed(pixel(thumb, thumb.width - 5, 5))).toBe(true);
    expect(isRed(pixel(thumb, 5, 5))).toBe(false);
  });

  it('a PNG with transparency: laid on white', async () => {
    const up = await upload(app, pngBytes(100, 50, { transparent: true }), '透明.png', token);
    expect(up).toMatchObject({ hasThumbnail: true, width: 100, height: 50 });
    const thumb = decodedThumb();
    expect([thumb.width, thumb.height]).toEqual([100, 50]); // never enlarged
    for (const rgb of [pixel(thumb, 50, 25), pixel(thumb, 2, 2)]) expect(Math.min(...rgb)).toBeGreaterThan(245);
  });

  it('every orientation 1–8 lands the marker where the picture is shown upright', () => {
    const w = 4;
    const h = 2;
    const data = new Uint8Array(w * h * 4);
    data.set([255, 0, 0, 255], 0); // (0,0) red
    const image = { width: w, height: h, data };
    // where stored (0,0) is shown, per orientation
    const expected: Record<number, [number, number]> = { 1: [0, 0], 2: [3, 0], 3: [3, 1], 4: [0, 1], 5: [0, 0], 6: [1, 0], 7: [1, 3], 8: [0, 3] };
    for (const [o, [x, y]] of Object.entries(expected)) {
      const turned = orient(image, Number(o));
      expect([turned.width, turned.height], `orientation ${o}`).toEqual(Number(o) >= 5 ? [h, w] : [w, h]);
      expect(pixel(turned, x, y), `orientation ${o}`).toEqual([255, 0, 0]);
    }
  });

  it('shrinking averages (a fine checkerboard becomes grey, not black or white)', () => {
    const w = 640;
    const h = 640;
    const data = new Uint8Array(w * h * 4);
    for (let i = 0; i < w * h; i++) {
      const v = ((i % w) + Math.floor(i / w)) % 2 ? 255 : 0;
      data.set([v, v, v, 255], i * 4);
    }
    const small = shrink({ width: w, height: h, data }, 320);
    expect([small.width, small.height]).toEqual([320, 320]);
    expect(pixel(small, 100, 100).every((v) => v > 120 && v < 135)).toBe(true);
  });
});

describe('large JPEGs are read at 1/8 of their size from their DC coefficients', () => {
  const FIXTURES = path.join(REPO_ROOT, 'tests', 'fixtures', 'attachments');
  const luma = (d: Uint8Array, i: number) => 0.299 * d[i]! + 0.587 * d[i + 1]! + 0.114 * d[i + 2]!;

  /** Each 8×8 block's average brightness in a whole decode (jpeg-js) against the 1/8 reader's pixel. */
  function compare(bytes: Uint8Array) {
    const eighth = decodeJpegEighth(bytes, 50_000_000);
    const whole = jpeg.decode(bytes, { useTArray: true });
    expect([eighth.width, eighth.height]).toEqual([Math.ceil(whole.width / 8), Math.ceil(whole.height / 8)]);
    let total = 0;
    let worst = 0;
    let n = 0;
    for (let by = 0; by < Math.floor(whole.height / 8); by++) {
      for (let bx = 0; bx < Math.floor(whole.width / 8); bx++) {
        let sum = 0;
        for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) sum += luma(whole.data, ((by * 8 + y) * whole.width + bx * 8 + x) * 4);
        const d = Math.abs(sum / 64 - luma(eighth.data, (by * eighth.width + bx) * 4));
        total += d;
        worst = Math.max(worst, d);
        n++;
      }
    }
    return { mean: total / n, worst, eighth };
  }

  it.each(['baseline-420-restarts.jpg', 'progressive-420.jpg', 'progressive-422-restarts.jpg', 'grayscale.jpg'])(
    '%s (libjpeg-turbo, see make-jpegs.sh): each pixel is its block’s average',
    (name) => {
      const { mean, worst, eighth } = compare(fs.readFileSync(path.join(FIXTURES, name)));
      expect(mean).toBeLessThan(1.5);
      expect(worst).toBeLessThan(4);
      // the red block top left is still red, the blue one bottom right still blue (the colours are right)
      const red = pixel(eighth, 1, 0);
      const blue = pixel(eighth, 10, 7);
      if (name === 'grayscale.jpg') expect(red[0]).toBe(red[2]);
      else {
        expect(isRed(red)).toBe(true);
        expect(blue[2]! > 180 && blue[0]! < 60).toBe(true);
      }
    },
  );

  it('a photo as jpeg-js writes it (baseline 4:4:4) reads the same; a 12-megapixel one needs a few MB, not half a GB', () => {
    expect(compare(jpegBytes(640, 480, { seed: 2 })).mean).toBeLessThan(1.5);
    const big = jpegBytes(4000, 3000, { quality: 60 });
    const before = process.memoryUsage().rss;
    const eighth = decodeJpegEighth(big, 50_000_000);
    expect([eighth.width, eighth.height]).toEqual([500, 375]);
    expect(process.memoryUsage().rss - before).toBeLessThan(32 * 1024 * 1024);
  });

  it('a kind it does not read (arithmetic coding) is refused; a small one is then decoded whole, here by nothing: kept without a thumbnail', async () => {
    const arithmetic = fs.readFileSync(path.join(FIXTURES, 'arithmetic.jpg'));
    expect(() => decodeJpegEighth(arithmetic, 50_000_000)).toThrow('jpeg: coding not supported');
    const up = await upload(app, arithmetic, '算术编码.jpg', token);
    expect(up).toMatchObject({ mime: 'image/jpeg', width: 96, height: 64, hasThumbnail: false });
  });

  it('truncated or damaged data ends (no hang), with a thumbnail of what was there or none', () => {
    const bytes = fs.readFileSync(path.join(FIXTURES, 'progressive-420.jpg'));
    for (const cut of [20, 200, 400, 700, bytes.length - 2]) {
      try {
        decodeJpegEighth(bytes.subarray(0, cut), 50_000_000);
      } catch (error) {
        expect(String(error)).toMatch(/jpeg: /);
      }
    }
    const garbled = Buffer.from(bytes);
    for (let i = 300; i < garbled.length - 2; i += 7) garbled[i] = garbled[i]! ^ 0x5a;
    try {
      decodeJpegEighth(garbled, 50_000_000);
    } catch (error) {
      expect(String(error)).toMatch(/jpeg: /);
    }
  });
});

describe('pictures too large to decode are kept without a thumbnail, never decoded', () => {
  it.each([
    ['a 1 KB PNG claiming 100 000 × 100 000 pixels', () => craftedPng(100_000, 100_000), 'image/png', 100_000, 100_000],
    ['a JPEG header claiming 60 000 × 60 000 pixels', () => craftedJpeg(60_000, 60_000), 'image/jpeg', 60_000, 60_000],
    [`a PNG just above ${THUMBNAIL_LIMITS.pngMaxPixels / 1_000_000} MP`, () => craftedPng(4000, 3001), 'image/png', 4000, 3001],
  ] as const)('%s', async (_what, make, mime, width, height) => {
    const bytes = make();
    const rssBefore = process.memoryUsage().rss;
    const started = Date.now();
    const workers = thumbnailWorkers.started;
    const up = await upload(app, bytes, '炸弹.png', token);
    expect(up).toMatchObject({ mime, width, height, hasThumbnail: false });
    expect(thumbnailWorkers.started, 'no decoder was started').toBe(workers);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1024 * 1024);
    const file = path.join(dir, `crafted-${width}.bin`);
    fs.writeFileSync(file, bytes);
    expect(tooLargeToDecode(mime, readImageInfo(file, mime)!)).toMatch(/limit/);
    // it can still be attached and downloaded; it just shows an icon
    const unitId = ok<Array<{ units: Array<{ id: number }> }>>(await app.call('units.tree', {}))[0]!.units[0]!.id;
    expect(ok(await app.call('attachments.attach', { uploadToken: up.uploadToken, ownerEntity: 'org_unit', ownerId: unitId }))).toMatchObject({ hasThumbnail: false });
  });

  it('a header within the limits over data that is not there: no hang, the file kept (a JPEG without its tables has no thumbnail)', async () => {
    for (const [bytes, name, thumbnail] of [
      [craftedPng(2000, 2000), 'lying.png', null], // pngjs draws what little there is: a blank thumbnail, or none
      [craftedJpeg(2000, 2000), 'lying.jpg', false],
      [craftedJpeg(4000, 3000), 'lying-12mp.jpg', false], // the 1/8 reader: no Huffman tables
    ] as const) {
      const started = Date.now();
      const up = await upload(app, bytes, name, token);
      expect([up.width, up.height], name).toEqual(name === 'lying-12mp.jpg' ? [4000, 3000] : [2000, 2000]);
      if (thumbnail !== null) expect(up.hasThumbnail, name).toBe(thumbnail);
      expect(Date.now() - started, name).toBeLessThan(10_000);
    }
  });

  it('a worker that takes too long is stopped: no thumbnail, no hang', async () => {
    const file = path.join(dir, 'slow.jpg');
    fs.writeFileSync(file, jpegBytes(2000, 1500));
    const started = Date.now();
    const result = await makeThumbnail(file, fs.statSync(file).size, 'image/jpeg', readImageInfo(file, 'image/jpeg')!, { timeoutMs: 1 });
    expect(result).toEqual({ ok: false, reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('the limits: 50 MP for JPEG, 12 MP for PNG, interlaced PNGs never', () => {
    expect(tooLargeToDecode('image/jpeg', { width: 8000, height: 6250, orientation: 1 })).toBeNull();
    expect(tooLargeToDecode('image/jpeg', { width: 8000, height: 6251, orientation: 1 })).not.toBeNull();
    expect(tooLargeToDecode('image/png', { width: 4000, height: 3000, orientation: 1 })).toBeNull();
    expect(tooLargeToDecode('image/png', { width: 4000, height: 3001, orientation: 1 })).not.toBeNull();
    expect(tooLargeToDecode('image/png', { width: 10, height: 10, orientation: 1, interlaced: true })).toBe('interlaced PNG');
  });
});
