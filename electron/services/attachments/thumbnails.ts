import { Worker } from 'node:worker_threads';
import type { ImageInfo } from './file-types';
import type { ThumbnailJob, ThumbnailReply } from './thumbnail-worker';

/**
 * Thumbnails of uploaded pictures, made in a worker thread (thumbnail-worker.ts) the way the
 * spreadsheet reader reads workbooks (electron/excel/read/read-workbook.ts): a wall-clock limit
 * after which the worker is terminated, a heap limit, and the decoders' own limits. Before a
 * worker is started the size in the header is checked: a picture above the pixel limit (a
 * crafted 1 KB file claiming 100 000 × 100 000 pixels, or a 200-megapixel scan) is never decoded
 * — it is kept without a thumbnail. A thumbnail is a convenience: whatever goes wrong making it,
 * the file itself is still accepted (the answer is then null, with the reason for the log).
 */

export const THUMBNAIL_LIMITS = Object.freeze({
  /** the longer side of a thumbnail, pixels */
  maxSide: 320,
  quality: 80,
  /**
   * Pictures decoded at most. A large JPEG is read at 1/8 of its size from its DC coefficients (a
   * few bytes per 8×8 block: 50 MP needs ≈ 10 MB); only small ones (and kinds the 1/8 reader does
   * not know) are decoded whole by jpeg-js, which holds ≈ 40 bytes a pixel. A PNG is decoded whole
   * (inflated rows, unfiltered rows, RGBA: ≈ 16 bytes a pixel, 190 MB at 12 MP), hence its lower
   * limit. Interlaced PNGs are not decoded (pngjs inflates them without a bound).
   */
  jpegMaxPixels: 50_000_000,
  jpegFullDecodeMaxPixels: 4_000_000,
  pngMaxPixels: 12_000_000,
  maxMemoryMb: 256,
  maxHeapMb: 256,
  /** 10 s, plus 2 s per MB of file, at most 60 s */
  timeoutBaseMs: 10_000,
  timeoutPerMbMs: 2_000,
  maxTimeoutMs: 60_000,
});

export type ThumbnailResult = { ok: true; bytes: Uint8Array; width: number; height: number } | { ok: false; reason: string };

export function thumbnailTimeoutMs(fileBytes: number): number {
  const { timeoutBaseMs, timeoutPerMbMs, maxTimeoutMs } = THUMBNAIL_LIMITS;
  return Math.round(Math.min(maxTimeoutMs, timeoutBaseMs + (fileBytes / 1024 / 1024) * timeoutPerMbMs));
}

/** Why a picture of this header is not decoded, or null when it may be. */
export function tooLargeToDecode(mime: 'image/jpeg' | 'image/png', info: ImageInfo): string | null {
  const pixels = info.width * info.height;
  const max = mime === 'image/jpeg' ? THUMBNAIL_LIMITS.jpegMaxPixels : THUMBNAIL_LIMITS.pngMaxPixels;
  if (pixels > max) return `${info.width}×${info.height} pixels is above the ${max / 1_000_000} MP limit`;
  if (info.interlaced) return 'interlaced PNG';
  return null;
}

const FROM_SOURCE = import.meta.url.endsWith('.ts');
let sourceWorker: URL | null = null;

/**
 * The worker's file: its own bundled file in the build (thumbnails.ts imports it with ?modulePath).
 * In the source tree (tests), the TypeScript beside this file with its types stripped once here —
 * each worker stripping its own costs more than the thumbnail — handed over as a data: URL whose
 * two package imports point at their files.
 */
async function workerUrl(): Promise<URL> {
  if (!FROM_SOURCE) {
    const { pathToFileURL } = await import('node:url');
    return pathToFileURL((await import('./thumbnail-worker?modulePath')).default);
  }
  if (sourceWorker) return sourceWorker;
  const [{ readFileSync }, { createRequire, stripTypeScriptTypes }, { pathToFileURL }] = await Promise.all([import('node:fs'), import('node:module'), import('node:url')]);
  const require = createRequire(import.meta.url);
  const code = stripTypeScriptTypes(readFileSync(new URL('./thumbnail-worker.ts', import.meta.url), 'utf8'), { mode: 'strip' }).replace(
    /from '(jpeg-js|pngjs)'/g,
    (_, name: string) => `from '${pathToFileURL(require.resolve(name)).href}'`,
  );
  sourceWorker = new URL(`data:text/javascript,${encodeURIComponent(code)}`);
  return sourceWorker;
}

export interface ThumbnailOptions {
  /** test seam: a shorter time limit */
  timeoutMs?: number;
}

/** How many thumbnail workers have been started (tests: a picture too large is never decoded). */
export const thumbnailWorkers = { started: 0 };

/** At most this many thumbnail workers at once (each may hold a couple of hundred MB while decoding); the rest wait their turn. */
export const MAX_THUMBNAIL_WORKERS = 2;
let running = 0;
const waiting: Array<() => void> = [];

/** Makes the thumbnail of a picture already checked by tooLargeToDecode; never throws, never hangs. */
export async function makeThumbnail(file: string, fileBytes: number, mime: 'image/jpeg' | 'image/png', info: ImageInfo, options: ThumbnailOptions = {}): Promise<ThumbnailResult> {
  if (running < MAX_THUMBNAIL_WORKERS) running++;
  else await new Promise<void>((resolve) => waiting.push(resolve)); // the slot is handed over as it is
  try {
    return await makeThumbnailNow(file, fileBytes, mime, info, options);
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

async function makeThumbnailNow(file: string, fileBytes: number, mime: 'image/jpeg' | 'image/png', info: ImageInfo, options: ThumbnailOptions): Promise<ThumbnailResult> {
  const job: ThumbnailJob = {
    file,
    mime,
    width: info.width,
    height: info.height,
    orientation: info.orientation,
    maxSide: THUMBNAIL_LIMITS.maxSide,
    quality: THUMBNAIL_LIMITS.quality,
    maxPixels: mime === 'image/jpeg' ? THUMBNAIL_LIMITS.jpegMaxPixels : THUMBNAIL_LIMITS.pngMaxPixels,
    fullDecodeMaxPixels: THUMBNAIL_LIMITS.jpegFullDecodeMaxPixels,
    maxMemoryMb: THUMBNAIL_LIMITS.maxMemoryMb,
  };
  let worker: Worker;
  try {
    thumbnailWorkers.started++;
    worker = new Worker(await workerUrl(), {
      workerData: { thumbnailJob: job },
      resourceLimits: { maxOldGenerationSizeMb: THUMBNAIL_LIMITS.maxHeapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
      env: {},
      stdout: true,
      stderr: true,
      name: 'attachment-thumbnail',
    });
  } catch (error) {
    return { ok: false, reason: `worker: ${String(error).slice(0, 200)}` };
  }
  worker.stdout.resume();
  worker.stderr.resume();
  return new Promise<ThumbnailResult>((resolve) => {
    let settled = false;
    const settle = (result: ThumbnailResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate().catch(() => undefined);
      resolve(result);
    };
    const timer = setTimeout(() => settle({ ok: false, reason: 'timeout' }), options.timeoutMs ?? thumbnailTimeoutMs(fileBytes));
    worker.once('message', (reply: ThumbnailReply) => settle(checked(reply)));
    worker.once('error', (error: Error & { code?: string }) => settle({ ok: false, reason: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out of memory' : `crash: ${error.message.slice(0, 200)}` }));
    worker.once('exit', () => settle({ ok: false, reason: 'worker exited' }));
  });
}

/** The worker's answer, trusted only as far as it is a JPEG of the promised size. */
function checked(reply: ThumbnailReply | null): ThumbnailResult {
  if (!reply || typeof reply !== 'object') return { ok: false, reason: 'bad reply' };
  if (!reply.ok) return { ok: false, reason: String(reply.reason).slice(0, 300) };
  const { bytes, width, height } = reply;
  const isJpeg = bytes instanceof Uint8Array && bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  const sized = Number.isInteger(width) && Number.isInteger(height) && width >= 1 && height >= 1 && Math.max(width, height) <= THUMBNAIL_LIMITS.maxSide;
  return isJpeg && sized ? { ok: true, bytes, width, height } : { ok: false, reason: 'bad reply' };
}
