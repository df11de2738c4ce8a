import crypto from 'node:crypto';
import { ATTACHMENT_TYPE_MESSAGE, type Attachment, type UploadedFile } from '../../shared/api/attachments';
import type { StreetNode } from '../../shared/api/units';
import { exeBytes, jpegBytes, pdfBytes } from '../helpers/attachment-files';
import { expect, logIn, pagePost, setUpShizhong, test } from './fixtures';

/**
 * 附件 in a real browser against the built host (out/main/host.js): Chromium sends the file's raw
 * bytes as the page's client does (renderer/src/api/client.ts uploadAttachment: fetch with the
 * File as the body, the name in x-gd-file-name, the page token), the built thumbnail worker makes
 * the thumbnail, and the file comes back byte for byte.
 */

type InPage = { status: number; body: unknown; bytes?: number[]; sha256?: string; width?: number; height?: number; type?: string | null };

test('a picture uploaded from the page comes back byte for byte, with a thumbnail made by the built worker', async ({ page, host }) => {
  await setUpShizhong(host);
  await logIn(page, host);
  const unitId = ((await host.call('units.tree', {})).value as StreetNode[])[0]!.units[0]!.id;
  const photo = jpegBytes(1200, 900, { seed: 4, orientation: 6 });

  const uploaded = await page.evaluate(
    async ([b64, name]) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const file = new File([bytes], name, { type: 'image/jpeg' });
      const res = await fetch('/api/attachments/upload', {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'x-gd-file-name': encodeURIComponent(file.name), 'x-gd-page-token': localStorage.getItem('gd.pageToken') ?? '' },
        body: file,
      });
      return { status: res.status, body: await res.json() } as InPage;
    },
    [photo.toString('base64'), '村部 照片（七一）.jpg'] as const,
  );
  expect(uploaded.status).toBe(200);
  const up = (uploaded.body as { value: UploadedFile }).value;
  expect(up).toMatchObject({ fileName: '村部 照片（七一）.jpg', bytes: photo.length, mime: 'image/jpeg', width: 900, height: 1200, hasThumbnail: true });

  const attached = await (await pagePost(page, host, 'attachments.attach', { uploadToken: up.uploadToken, ownerEntity: 'org_unit', ownerId: unitId })).json();
  expect(attached.ok, JSON.stringify(attached)).toBe(true);
  const { id } = attached.value as Attachment;
  const listed = await (await pagePost(page, host, 'attachments.list', { ownerEntity: 'org_unit', ownerId: unitId })).json();
  expect((listed.value as Attachment[]).map((a) => [a.id, a.fileName, a.hasThumbnail, a.missing])).toEqual([[id, '村部 照片（七一）.jpg', true, false]]);

  const fetched = await page.evaluate(async (attachmentId) => {
    const headers = { 'x-gd-page-token': localStorage.getItem('gd.pageToken') ?? '' };
    const file = await fetch(`/api/attachments/${attachmentId}`, { headers });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const digest = [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
    const thumb = await fetch(`/api/attachments/${attachmentId}/thumb`, { headers });
    const bitmap = await createImageBitmap(await thumb.blob());
    return { status: file.status, body: null, sha256: digest, type: file.headers.get('content-type'), width: bitmap.width, height: bitmap.height } as InPage;
  }, id);
  expect(fetched).toMatchObject({ status: 200, type: 'image/jpeg', sha256: crypto.createHash('sha256').update(photo).digest('hex') });
  // upright (EXIF 6: stored 1200×900, shown 900×1200) and at most 320 px
  expect([fetched.width, fetched.height]).toEqual([240, 320]);
});

test('a program renamed to .jpg is refused in Chinese, a PDF is taken; a cookie without the page token gets nothing', async ({ page, host }) => {
  await setUpShizhong(host);
  await logIn(page, host);
  const send = (bytes: Buffer, name: string, withToken = true) =>
    page.evaluate(
      async ([b64, fileName, token]) => {
        const body = new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))]);
        const headers: Record<string, string> = { 'content-type': 'application/octet-stream', 'x-gd-file-name': encodeURIComponent(fileName) };
        if (token) headers['x-gd-page-token'] = localStorage.getItem('gd.pageToken') ?? '';
        const res = await fetch('/api/attachments/upload', { method: 'POST', headers, body });
        return { status: res.status, body: await res.json() } as InPage;
      },
      [bytes.toString('base64'), name, withToken] as const,
    );
  const exe = await send(exeBytes(), '照片.jpg');
  expect(exe).toEqual({ status: 415, body: { ok: false, error: { code: 'VALIDATION', message: ATTACHMENT_TYPE_MESSAGE } } });
  const pdf = await send(pdfBytes('会议记录'), '会议记录.pdf');
  expect(pdf.status).toBe(200);
  expect((pdf.body as { value: UploadedFile }).value).toMatchObject({ mime: 'application/pdf', hasThumbnail: false });
  const cookieOnly = await send(pdfBytes('x'), 'x.pdf', false);
  expect(cookieOnly).toEqual({ status: 401, body: { ok: false, error: { code: 'UNAUTHENTICATED', message: '登录信息与本页面不符，请在本程序页面重新登录' } } });
});
