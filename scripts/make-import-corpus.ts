/**
 * Writes the import corpus (src/test/importCorpus.ts) to a folder, one sub-folder per case,
 * for the e2e spec and for trying the importer by hand:
 *   npx tsx scripts/make-import-corpus.ts [out-dir]   (default e2e/fixtures/import)
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { importCorpus } from '../src/test/importCorpus';

export function writeImportCorpus(out: string): void {
  rmSync(out, { recursive: true, force: true });
  for (const c of importCorpus()) {
    const dir = join(out, c.name.replace(/[^\w.-]+/g, '_'));
    for (const f of c.files) {
      const path = join(dir, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.bytes);
    }
    writeFileSync(
      join(dir, 'EXPECT.txt'),
      c.problem ? `refused: ${c.problem}\n` : `imports: ${c.samples} samples, ${c.classes} classes\n`,
    );
  }
}

if (process.argv[1]?.endsWith('make-import-corpus.ts')) {
  const out = process.argv[2] ?? 'e2e/fixtures/import';
  writeImportCorpus(out);
  console.log(`wrote ${importCorpus().length} cases to ${out}`);
}
