/**
 * Intra-class diversity — per-class clustering for coresets of imbalanced data (docs/methods-decisions.md,
 * "Intra-class diversity"; no single paper text was available to the workbench, the method
 * follows the spec there).
 *
 * Per class: PCA to ≤ 64 dims (only when the embeddings are wider), k-means++ with k chosen by
 * the mean silhouette over 2..10 on a seeded subsample (or a fixed count), the class budget split
 * over clusters by size with at least one per non-empty cluster, picks random within a cluster
 * (default) or nearest to its centroid.
 * Decisions: class budgets proportional by default, or balanced (min(N_c, k/C), leftover to the
 * classes with room); split by cluster size (largest remainder), then one pick moved to every non-empty cluster left at zero;
 * with fewer picks than clusters, the largest clusters get one each.
 */
import { gatherRows, type Matrix } from '../../math/distances';
import { kmeans } from '../../math/kmeans';
import { pca } from '../../math/pca';
import type { Rng } from '../../math/rng';
import { balancedBudgets, classCounts, proportionalBudgets, rowsByClass } from '../../budget/budgets';
import type { CurvesDiagnostic, TableDiagnostic } from '../diagnostics';
import { requireEmbeddings } from '../inputs';
import { numParam, strParam } from '../params';
import { runPerBlock, type Block } from '../ranking';
import { finalizeSelection } from '../selection';
import { EMBEDDING_PARAM } from '../geometryParams';
import type { MethodDef } from '../types';
import { budgetBars, picksScatter } from '../baselineDiagnostics';
import { centroidDistances, chooseClusterCount, clusterAllocation, pickInCluster } from './intraClassMath';

export { centroidDistances, chooseClusterCount, clusterAllocation, pickInCluster } from './intraClassMath';

const MAX_PCA_DIM = 64;
/** Above this many clusters the scatter goes without a legend. */
const LEGEND_LIMIT = 12;

export const intraClassMethod: MethodDef = {
  id: 'intra-class',
  name: 'Intra-class diversity',
  paper:
    'Ashraf, Ullah, Nadeem & Noor, Coreset selection based on Intra-class diversity, arXiv 2509.21380, 2025',
  summary:
    'Clusters every class (k-means++, cluster count by silhouette) and spreads the class budget over its clusters, so rare modes of a class are kept as well as common ones. Decision: class budgets proportional by default or balanced min(N_c, k/C), each class budget split by cluster size with at least one pick per non-empty cluster, random picks within a cluster by default.',
  kind: 'pre-training',
  needs: ['embeddings'],
  params: [
    {
      name: 'classBudget',
      type: 'enum',
      default: 'proportional',
      options: ['proportional', 'balanced'],
      help: 'proportional: each class keeps fraction f of its samples; balanced: min(N_c, k/C) per class, spare budget to classes with room (for imbalanced data).',
    },
    {
      name: 'clusters',
      type: 'number',
      default: 0,
      min: 0,
      max: 50,
      step: 1,
      integer: true,
      help: 'Clusters per class; 0 chooses the count with the best silhouette over 2..10.',
    },
    {
      name: 'pick',
      type: 'enum',
      default: 'random',
      options: ['random', 'centroid'],
      help: 'Within a cluster: a seeded random sample, or the members nearest its centroid.',
    },
    {
      name: 'silhouetteSample',
      type: 'number',
      default: 1000,
      min: 50,
      max: 5000,
      step: 50,
      integer: true,
      help: 'Rows per class (seeded subsample) the silhouette is computed on.',
    },
    EMBEDDING_PARAM,
  ],
  select(signals, params, ctx) {
    const emb = requireEmbeddings(signals, 'Intra-class diversity');
    const fixed = numParam(params, 'clusters');
    const rule = strParam(params, 'pick') === 'centroid' ? 'centroid' : 'random';
    const sampleSize = numParam(params, 'silhouetteSample');
    const counts = classCounts(signals.labels, signals.numClasses);
    const budgets =
      strParam(params, 'classBudget') === 'balanced'
        ? balancedBudgets(counts, ctx.budget)
        : proportionalBudgets(counts, ctx.budget);
    const blocks: Block[] = rowsByClass(signals.labels, signals.numClasses).map((rows, c) => ({
      rows,
      budget: budgets[c]!,
      cls: c,
    }));
    const cluster = new Int32Array(signals.n).fill(-1);
    const scores = new Float32Array(signals.n);
    const groupNames: string[] = [];
    const silhouettes: CurvesDiagnostic['series'] = [];
    const table: TableDiagnostic['rows'] = [];
    const clustersPerClass = new Array<number>(signals.numClasses).fill(0);
    const rows = runPerBlock(blocks, ctx, (block, hooks) => {
      const c = block.cls;
      const name = signals.classNames[c] ?? String(c);
      const m = reduce(gatherRows(emb, block.rows), ctx.rng.fork(`pca:${c}`), hooks.checkpoint);
      const choice =
        fixed > 0
          ? { k: Math.min(fixed, m.rows), tried: [] }
          : chooseClusterCount(m, ctx.rng.fork(`k:${c}`), { sampleSize, checkpoint: hooks.checkpoint });
      hooks.onProgress(0.5);
      const km = kmeans(m, choice.k, ctx.rng.fork(`kmeans:${c}`), { checkpoint: hooks.checkpoint });
      const dist = centroidDistances(m, km.centroids, km.assign);
      const members: number[][] = Array.from({ length: km.k }, () => []);
      for (let i = 0; i < m.rows; i++) members[km.assign[i]!]!.push(i);
      const alloc = clusterAllocation(Array.from(km.sizes), block.budget);
      const picked: number[] = [];
      const offset = groupNames.length;
      for (let j = 0; j < km.k; j++) {
        const local = pickInCluster(members[j]!, alloc[j]!, rule, dist, ctx.rng.fork(`pick:${c}:${j}`));
        for (const i of local) picked.push(block.rows[i]!);
        groupNames.push(`${name} #${j + 1}`);
        table.push([name, j + 1, km.sizes[j]!, alloc[j]!]);
      }
      for (let i = 0; i < m.rows; i++) {
        cluster[block.rows[i]!] = offset + km.assign[i]!;
        scores[block.rows[i]!] = Math.sqrt(dist[i]!);
      }
      clustersPerClass[c] = km.k;
      if (choice.tried.length)
        silhouettes.push({ name, x: choice.tried.map((t) => t.k), y: choice.tried.map((t) => t.silhouette) });
      return picked;
    });
    const sel = finalizeSelection(rows, signals.labels, signals.numClasses, { scores });
    sel.diagnostics.push(
      {
        kind: 'classBars',
        title: 'Clusters per class',
        classNames: signals.classNames,
        yLabel: 'clusters',
        series: [{ name: fixed > 0 ? 'fixed count' : 'best silhouette', values: clustersPerClass }],
      },
      {
        kind: 'table',
        title: 'Cluster sizes and picks',
        columns: ['class', 'cluster', 'size', 'kept'],
        rows: table,
      },
      budgetBars('intra-class', sel.perClassCounts, signals, ctx.budget),
    );
    if (silhouettes.length)
      sel.diagnostics.push({
        kind: 'curves',
        title: 'Mean silhouette per cluster count',
        xLabel: 'clusters k',
        yLabel: 'silhouette',
        series: silhouettes,
      });
    const scatter = picksScatter(
      signals,
      sel.indices,
      `Picks, coloured by cluster (${groupNames.length} clusters)`,
    );
    // A legend of dozens of clusters would crowd out the plot; the table names them instead.
    const names = groupNames.length <= LEGEND_LIMIT ? groupNames : [];
    if (scatter) sel.diagnostics.push({ ...scatter, group: cluster, groupNames: names });
    return sel;
  },
};

/** PCA to ≤ 64 dims when the embeddings are wider (and the class has rows enough for it). */
function reduce(m: Matrix, rng: Rng, checkpoint: () => void): Matrix {
  if (m.dim <= MAX_PCA_DIM || m.rows < 2) return m;
  const k = Math.min(MAX_PCA_DIM, m.dim);
  const p = pca(m.data, m.dim, k, rng, { checkpoint });
  return { data: p.projected, rows: m.rows, dim: k };
}
