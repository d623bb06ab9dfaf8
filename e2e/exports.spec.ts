import { expect, test } from './fixtures';
import { download, hooks, parseCsv } from './hooks';

test('export a selection (JSON and CSV), the results table and a chart, and read each file back', async ({
  wb,
  page,
}) => {
  await wb.open();
  await wb.waitForData(1000);
  await page.getByTestId('methods.select').selectOption('el2n');
  await wb.setNumber('training.epochs', 1);
  await wb.setNumber('methods.fraction', 0.3);
  const acc = await wb.runCoreset('el2n');
  const details = page.getByTestId('run.details');
  await expect(details).toBeVisible();
  const stored = await hooks(page).selection();
  expect(stored.indices).toHaveLength(300);

  const json = await download(page, details.getByTestId('run.exportJson'));
  expect(json.name).toBe('selection-el2n-30pct-seed1-mnist-1-000.json');
  const sel = JSON.parse(json.text) as {
    indices: number[];
    labels: number[];
    scores: number[];
    method: string;
    size: number;
    classNames: string[];
    sourceIndices: number[];
    source: { numbering: string; size: number };
    note: string;
  };
  expect(sel.method).toBe('el2n');
  expect(sel.size).toBe(300);
  expect(sel.indices).toEqual(stored.indices);
  expect(sel.labels).toEqual(stored.labels);
  expect(sel.labels.every((l) => l >= 0 && l < 10)).toBe(true);
  expect(sel.scores).toEqual(stored.indices.map((r) => stored.scores![r]));
  expect(sel.classNames).toHaveLength(10);
  // The kept rows in the MNIST training file's numbering, said plainly.
  expect(sel.note).toMatch(/rows KEPT/);
  expect(sel.source.size).toBe(60000);
  expect(sel.source.numbering).toMatch(/official MNIST training file/);
  expect(sel.sourceIndices).toHaveLength(300);
  expect(new Set(sel.sourceIndices).size).toBe(300);
  expect(sel.sourceIndices.every((s) => Number.isInteger(s) && s >= 0 && s < 60000)).toBe(true);

  const txt = await download(page, details.getByTestId('run.exportIndicesTxt'));
  expect(txt.name).toBe('kept-el2n-30pct-seed1-mnist-1-000.txt');
  expect(txt.text).toBe(sel.sourceIndices.join('\n') + '\n');
  const npy = await download(page, details.getByTestId('run.exportIndicesNpy'));
  const view = new DataView(npy.bytes.buffer, npy.bytes.byteOffset, npy.bytes.byteLength);
  const headerLen = view.getUint16(8, true);
  expect([...npy.bytes.subarray(0, 8)]).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  expect(Buffer.from(npy.bytes.subarray(10, 10 + headerLen)).toString('latin1')).toMatch(
    /^\{'descr': '<i8', 'fortran_order': False, 'shape': \(300,\), \} *\n$/,
  );
  expect(
    Array.from({ length: 300 }, (_, i) => Number(view.getBigInt64(10 + headerLen + 8 * i, true))),
  ).toEqual(sel.sourceIndices);
  const scoresNpy = await download(page, details.getByTestId('run.exportScoresNpy'));
  expect(scoresNpy.bytes.length).toBeGreaterThan(60000 * 4);

  const csv = await download(page, details.getByTestId('run.exportCsv'));
  const lines = csv.text.trimEnd().split('\r\n');
  expect(lines[0]).toBe('row,label,class,source_index,score');
  expect(lines).toHaveLength(301);
  const first = lines[1]!.split(',');
  expect(Number(first[0])).toBe(stored.indices[0]);
  expect(Number(first[1])).toBe(stored.labels[0]);
  expect(Number(first[3])).toBe(sel.sourceIndices[0]);
  expect(Number(first[4])).toBeCloseTo(stored.scores![stored.indices[0]!]!, 5);

  const table = await download(page, page.getByTestId('results.exportCsv'));
  const [header, ...rows] = parseCsv(table.text);
  expect(header!.slice(0, 3)).toEqual(['run', 'status', 'data']);
  expect(rows).toHaveLength(1);
  const cells = rows[0]!;
  expect(cells).toHaveLength(header!.length);
  expect(cells[0]).toBe('EL2N 30%');
  expect(cells[2]).toBe('MNIST 1,000');
  expect(`${(Number(cells[header!.indexOf('accuracy')]) * 100).toFixed(1)}%`).toBe(acc);

  // Every chart in the run's details has SVG and PNG buttons (tables: CSV).
  const charts = details.getByTestId('chart.exportable');
  const n = await charts.count();
  expect(n).toBeGreaterThanOrEqual(4);
  for (let i = 0; i < n; i++)
    await expect(charts.nth(i).locator('[data-testid="chart.svg"], [data-testid="chart.csv"]')).toHaveCount(
      1,
    );
  const hist = charts.filter({ hasText: 'EL2N by class' }).first();
  const svg = await download(page, hist.getByTestId('chart.svg'));
  expect(svg.name).toMatch(/^el2n-by-class\.svg$/);
  expect(svg.text.startsWith('<?xml')).toBe(true);
  expect(svg.text).toContain('<svg');
  expect(svg.text).toContain('EL2N by class');
  const parses = (text: string) =>
    page.evaluate(
      (t) =>
        new DOMParser().parseFromString(t, 'image/svg+xml').getElementsByTagName('parsererror').length === 0,
      text,
    );
  expect(await parses(svg.text)).toBe(true);
  const png = await download(page, hist.getByTestId('chart.png'));
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.bytes.length).toBeGreaterThan(2000);
  // A chart drawn on canvas (the kept images) exports whole: the SVG embeds the pixels.
  const grid = await download(page, page.getByTestId('run.keptGrid').getByTestId('chart.svg'));
  expect(grid.text).toContain('data:image/png;base64,');
  expect(await parses(grid.text)).toBe(true);
});
