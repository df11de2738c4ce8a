import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import jpeg from 'jpeg-js';
import { afterAll, it } from 'vitest';
import { createHostServer } from '../../electron/host/server';
import { readImageInfo } from '../../electron/services/attachments/file-types';
import { makeThumbnail } from '../../electron/services/attachments/thumbnails';
import type { UploadedFile } from '../../shared/api/attachments';
import type { StreetNode } from '../../shared/api/units';
import { ok, openShizhongApp, tempDir } from '../helpers/test-context';
import { measure, report, type Measurement } from './measure';

/**
 * What attachments cost, beside their floors in the same run:
 *  - a 10 MB file uploaded through the host's route (raw bytes over a real socket, written to disk
 *    as it arrives, hashed, type-checked, flushed) and attached (linked into the store, flushed,
 *    its rows and audit row committed), beside a bare copy of the same file (copyFile + fsync);
 *  - the thumbnail of a 12-megapixel JPEG in its worker thread (start, decode, shrink, encode),
 *    with the process's peak memory while it runs.
 */
const pairs: Array<[Measurement, Measurement]> = [];
const notes: Record<string, string> = {};

afterAll(() => {
  report('附件：上传与添加、缩略图（与各自的下限同场测量）');
  console.table(pairs.map(([m, floor]) => ({ 基准: m.name, 下限: floor.name, 中位数比值: Number((m.medianMs / floor.medianMs).toFixed(2)) })));
  console.table(notes);
});

function fsync(file: string) {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

it('attachments', async () => {
  const app = await openShizhongApp();
  const server = createHostServer({ ctx: app.ctx, staticDir: tempDir('gd-bench-static-') });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const session = app.ctx.sessions.get((await app.callerFor('admin')).token)!;
  const page = { origin: `http://127.0.0.1:${port}`, cookie: `gd_session=${session.token}`, 'x-gd-page-token': session.pageToken };
  const unitId = ok<StreetNode[]>(await app.call('units.tree', {}))[0]!.units[0]!.id;
  const dir = tempDir('gd-bench-attach-');

  // 1. a 10 MB scan: each run a different content (no sharing), uploaded and attached
  const size = 10 * 1024 * 1024;
  const source = path.join(dir, 'scan.pdf');
  const content = () => {
    const bytes = crypto.randomBytes(size);
    bytes.write('%PDF-1.7\n', 0, 'latin1');
    return bytes;
  };
  fs.writeFileSync(source, content());
  let copies = 0;
  const floor = await measure('10 MB 文件直接复制（copyFile + fsync）', 1000, () => {
    const target = path.join(dir, `copy-${copies++}.pdf`);
    fs.copyFileSync(source, target);
    fsync(target);
  }, 10);
  const upload = (bytes: Buffer) =>
    new Promise<UploadedFile>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, method: 'POST', path: '/api/attachments/upload', headers: { ...page, 'content-type': 'application/octet-stream', 'content-length': String(bytes.length), 'x-gd-file-name': encodeURIComponent('扫描件.pdf') } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve((JSON.parse(text) as { value: UploadedFile }).value));
        },
      );
      req.on('error', reject);
      req.end(bytes);
    });
  const uploads = Array.from({ length: 11 }, content);
  const uploadOnly = await measure('10 MB 文件经上传接口上传（只上传：流式写盘、SHA-256、类型检查、落盘）', 1500, async () => {
    await upload(uploads.pop()!);
  }, 10);
  pairs.push([uploadOnly, floor]);
  const contents = Array.from({ length: 11 }, content);
  let next = 0;
  const uploadAndAttach = await measure('10 MB 文件经上传接口上传并添加为附件（流式写盘、SHA-256、落盘、提交）', 2000, async () => {
    const up = await upload(contents[next++]!);
    ok(await app.call('attachments.attach', { uploadToken: up.uploadToken, ownerEntity: 'org_unit', ownerId: unitId }));
  }, 10);
  pairs.push([uploadAndAttach, floor]);

  // 2. a 12 MP photo (4000 × 3000, with noise like a real photo)
  const w = 4000;
  const h = 3000;
  const pixels = Buffer.alloc(w * h * 4);
  const noise = crypto.randomBytes(w * h);
  for (let i = 0; i < w * h; i++) {
    const x = i % w;
    const y = Math.floor(i / w);
    pixels[i * 4] = ((x * 255) / w + noise[i]! / 4) & 0xff;
    pixels[i * 4 + 1] = ((y * 255) / h + noise[i]! / 8) & 0xff;
    pixels[i * 4 + 2] = 128 + (noise[i]! >> 3);
    pixels[i * 4 + 3] = 255;
  }
  const photo = path.join(dir, 'photo-12mp.jpg');
  fs.writeFileSync(photo, jpeg.encode({ data: pixels, width: w, height: h }, 90).data);
  const photoBytes = fs.statSync(photo).size;
  const info = readImageInfo(photo, 'image/jpeg')!;
  let peak = 0;
  const base = process.memoryUsage().rss;
  const thumb = await measure(`1200 万像素 JPEG（${(photoBytes / 1024 / 1024).toFixed(1)} MB）的缩略图（工作线程：启动、解码、缩小、编码）`, 5000, async () => {
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss - base)), 10);
    try {
      const made = await makeThumbnail(photo, photoBytes, 'image/jpeg', info);
      if (!made.ok) throw new Error(made.reason);
    } finally {
      clearInterval(sampler);
    }
  }, 5);
  notes['12 MP 缩略图时进程内存峰值增加'] = `${Math.round(peak / 1024 / 1024)} MB`;
  notes['12 MP 照片文件大小'] = `${(photoBytes / 1024 / 1024).toFixed(1)} MB`;
  void thumb;

  await new Promise<void>((resolve) => server.close(() => resolve()));
  await app.close();
}, 600_000);
