import { describe, expect, it } from 'vitest';
import { syntheticSignals, testContext } from '../../test/coreFixtures';
import { facilityLocationMethod } from '../methods/facility-location/facilityLocation';
import { subzeroMethod } from '../methods/subzero/subzero';
import { resolveParams } from '../methods/params';
import type { PreTrainingMethod } from '../methods/types';
import type { SimilarityAccelerator } from './accelerator';
import { precomputeCoverage } from './coverage';
import { gramMatrix, l2Normalize, type Matrix } from './distances';
import { knn } from './knn';

/** An accelerator that answers with core's own CPU kernels, counting what it was asked. */
function cpuAccelerator(asked: string[], decline = false): SimilarityAccelerator {
  return {
    cosineGram: (m, o) => {
      asked.push(`gram ${m.rows}${o.clip ? ' clip' : ''}`);
      return Promise.resolve(decline ? null : gramMatrix(l2Normalize(m), { clipNegative: o.clip }));
    },
    knn: (m, k, o) => {
      asked.push(`knn ${m.rows} k=${k} ${o.metric}${o.includeSelf ? ' self' : ''}`);
      return Promise.resolve(decline ? null : knn(m, k, o));
    },
  };
}

async function picks(method: PreTrainingMethod, given: Record<string, unknown>, acc?: SimilarityAccelerator) {
  const signals = syntheticSignals({ n: 600, numClasses: 3, dim: 16, seed: 5 });
  const params = resolveParams(method.params, given, method.name);
  const sel = await method.select(signals, params, { ...testContext(60, 600), accelerator: acc });
  return Array.from(sel.indices);
}

describe('similarities from an accelerator (SelectContext.accelerator)', () => {
  for (const method of [facilityLocationMethod, subzeroMethod] as PreTrainingMethod[])
    for (const graph of ['dense', 'knn'])
      it(`${method.id}, ${graph} graph: same picks as the CPU path, and a declining accelerator falls back`, async () => {
        const given = { graph, neighbours: 20 };
        const cpu = await picks(method, given);
        const asked: string[] = [];
        expect(await picks(method, given, cpuAccelerator(asked))).toEqual(cpu);
        // One request per class block, for what that block's coverage needs.
        expect(asked.length).toBeGreaterThanOrEqual(3);
        const want = graph === 'dense' ? /^gram \d+ clip$/ : /^knn \d+ k=\d+ cosine self$/;
        expect(asked.some((a) => want.test(a))).toBe(true);
        if (method.id === 'subzero') expect(asked.some((a) => a.startsWith('knn'))).toBe(true);
        const declined: string[] = [];
        expect(await picks(method, given, cpuAccelerator(declined, true))).toEqual(cpu);
        expect(declined.length).toBe(asked.length);
      });
});

describe('euclidean kNN asked of an accelerator', () => {
  it('hands rows far from the origin over centred, so its dot-product distances do not cancel', async () => {
    const seen: Matrix[] = [];
    const acc: SimilarityAccelerator = {
      cosineGram: () => Promise.resolve(null),
      knn: (m) => {
        seen.push(m);
        return Promise.resolve(null);
      },
    };
    const opts = { similarity: 'euclidean', graph: 'knn', neighbours: 3 } as const;
    const far = { data: Float32Array.from({ length: 40 }, (_, i) => 1e4 + (i % 7) * 0.01), rows: 10, dim: 4 };
    await precomputeCoverage(far, opts, acc);
    expect(Math.max(...Array.from(seen[0]!.data, Math.abs))).toBeLessThan(1);
    const near = { data: Float32Array.from({ length: 40 }, (_, i) => (i % 7) - 3), rows: 10, dim: 4 };
    await precomputeCoverage(near, opts, acc);
    expect(seen[1]).toBe(near);
  });
});
