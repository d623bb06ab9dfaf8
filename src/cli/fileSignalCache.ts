/**
 * The CLI's persistent signal cache: one file per key in `.cache/signals/`, named by a SHA-256
 * of the key, so a repeated `scores` or `select` run reuses the training-dynamics run.
 * Format: magic, a JSON header (the key and the value with each typed array replaced by a
 * reference), then the arrays' bytes. A missing file or another key's file is a miss; a damaged
 * file throws, so the checksum layer (ml/signalCache.ts) reports it, drops it and recomputes.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CachedSignal, SignalCache } from '../ml/signalCache';

const MAGIC = 'CWSIG1\n';
const ARRAY_TYPES = { Float32Array, Float64Array, Int32Array, Uint8Array } as const;
type ArrayTypeName = keyof typeof ARRAY_TYPES;
type AnyArray = Float32Array | Float64Array | Int32Array | Uint8Array;

interface ArrayRef {
  $array: ArrayTypeName;
  offset: number;
  length: number;
}

function isArrayRef(v: unknown): v is ArrayRef {
  return typeof v === 'object' && v !== null && '$array' in v && typeof (v as ArrayRef).$array === 'string';
}

export function encodeSignal(key: string, value: CachedSignal): Buffer {
  const chunks: Buffer[] = [];
  let offset = 0;
  const header = JSON.stringify({ key, value }, (_k, v: unknown) => {
    for (const name of Object.keys(ARRAY_TYPES) as ArrayTypeName[]) {
      if (v instanceof ARRAY_TYPES[name]) {
        const a = v as AnyArray;
        const ref: ArrayRef = { $array: name, offset, length: a.length };
        chunks.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
        offset += a.byteLength;
        return ref;
      }
    }
    return v;
  });
  const head = Buffer.from(header, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(head.length);
  return Buffer.concat([Buffer.from(MAGIC, 'latin1'), len, head, ...chunks]);
}

export function decodeSignal(buf: Buffer): { key: string; value: CachedSignal } {
  if (buf.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) throw new Error('not a signal cache file');
  const headLen = buf.readUInt32LE(MAGIC.length);
  const start = MAGIC.length + 4;
  const body = start + headLen;
  return JSON.parse(buf.subarray(start, body).toString('utf8'), (_k, v: unknown) => {
    if (!isArrayRef(v)) return v;
    const Ctor = ARRAY_TYPES[v.$array];
    const bytes = v.length * Ctor.BYTES_PER_ELEMENT;
    if (body + v.offset + bytes > buf.length) throw new Error('truncated signal cache file');
    // Copy into a fresh, aligned buffer: the file's offsets need not be multiples of 4.
    const raw = new Uint8Array(bytes);
    raw.set(buf.subarray(body + v.offset, body + v.offset + bytes));
    return new Ctor(raw.buffer);
  }) as { key: string; value: CachedSignal };
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

/** A file-backed SignalCache in `dir` (default `.cache/signals` under the working directory). */
export function fileSignalCache(dir = join(process.cwd(), '.cache', 'signals')): SignalCache {
  return {
    async get(key) {
      const path = join(dir, `${hashKey(key)}.bin`);
      if (!existsSync(path)) return undefined;
      const { key: stored, value } = decodeSignal(readFileSync(path));
      return stored === key ? value : undefined;
    },
    async delete(key) {
      rmSync(join(dir, `${hashKey(key)}.bin`), { force: true });
    },
    async set(key, value) {
      mkdirSync(dir, { recursive: true });
      const path = join(dir, `${hashKey(key)}.bin`);
      // Write then rename: a crash mid-write never leaves a half file under the real name.
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, encodeSignal(key, value));
      renameSync(tmp, path);
    },
  };
}
