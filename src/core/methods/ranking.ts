/**
 * Shared by the baselines: how a budget mode becomes blocks of rows with budgets, and how a
 * score becomes picks inside a block. Ties in a score are broken by a seeded random key, so a
 * score with many equal values (forgetting counts) still gives a fair, reproducible choice.
 */
import type { Rng } from '../math/rng';
import { classCounts, proportionalBudgets, rowsByClass } from '../budget/budgets';
import type { ParamSpec, ParamValues } from './params';
import { strParam } from './params';
import { throwIfAborted, type SelectContext } from './types';

export type Balance = 'proportional' | 'global';

export const BALANCE_PARAM: ParamSpec = {
  name: 'balance',
  type: 'enum',
  default: 'proportional',
  options: ['proportional', 'global'],
  help: 'proportional: every class keeps fraction f of its samples (largest-remainder rounding); global: one ranking over all samples, class counts fall where they fall.',
};

export function balanceOf(params: ParamValues): Balance {
  return strParam(params, 'balance') === 'global' ? 'global' : 'proportional';
}

/** A set of rows that gets `budget` picks of its own (one class, or everything). */
export interface Block {
  rows: Int32Array;
  budget: number;
  /** Class of the block, or -1 for the global block. */
  cls: number;
}

/** A block's name in diagnostics: its class name, or "all" for the global block. */
export function blockName(block: Block, classNames: readonly string[]): string {
  return block.cls >= 0 ? (classNames[block.cls] ?? String(block.cls)) : 'all';
}

export function selectionBlocks(
  labels: Uint8Array,
  numClasses: number,
  budget: number,
  balance: Balance,
): Block[] {
  if (balance === 'global') {
    return [{ rows: Int32Array.from({ length: labels.length }, (_, i) => i), budget, cls: -1 }];
  }
  const budgets = proportionalBudgets(classCounts(labels, numClasses), budget);
  return rowsByClass(labels, numClasses).map((rows, c) => ({ rows, budget: budgets[c]!, cls: c }));
}

/** One random key per row, from its own stream so it never shifts other draws. */
export function tieKeys(n: number, rng: Rng): Float64Array {
  const r = rng.fork('ties');
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = r.next();
  return out;
}

/**
 * The `count` rows of `rows` with the highest (or lowest) score, ties by `ties`. NaN scores
 * rank last either way.
 */
export function topByScore(
  rows: Int32Array,
  scores: Float32Array,
  count: number,
  keep: 'highest' | 'lowest',
  ties: Float64Array,
): Int32Array {
  const sign = keep === 'highest' ? -1 : 1;
  const order = Int32Array.from(rows).sort((a, b) => {
    const sa = scores[a]!;
    const sb = scores[b]!;
    const na = Number.isNaN(sa);
    const nb = Number.isNaN(sb);
    if (na || nb) return na === nb ? ties[a]! - ties[b]! : na ? 1 : -1;
    return sign * (sa - sb) || ties[a]! - ties[b]!;
  });
  return order.slice(0, count);
}

/** Score-based selection under a budget mode: the top rows per block, concatenated. */
export function pickByScore(
  scores: Float32Array,
  labels: Uint8Array,
  numClasses: number,
  budget: number,
  balance: Balance,
  keep: 'highest' | 'lowest',
  rng: Rng,
): Int32Array {
  const ties = tieKeys(labels.length, rng);
  const out = new Int32Array(budget);
  let at = 0;
  for (const block of selectionBlocks(labels, numClasses, budget, balance)) {
    out.set(topByScore(block.rows, scores, block.budget, keep, ties), at);
    at += block.budget;
  }
  return out;
}

type BlockHooks = { onProgress: (done: number) => void; checkpoint: () => void };

/**
 * Runs `pick` on every block with a budget and concatenates the chosen rows. Progress is
 * reported by block size; the abort signal is checked between blocks and, through
 * `checkpoint`, inside them.
 */
export function runPerBlock(
  blocks: Block[],
  ctx: Pick<SelectContext, 'onProgress' | 'signal'>,
  pick: (block: Block, hooks: BlockHooks) => ArrayLike<number>,
): Int32Array {
  const run = blockRun(blocks, ctx);
  for (const block of blocks) run.record(block, block.budget > 0 ? pick(block, run.hooks(block)) : []);
  return run.out;
}

/** runPerBlock for picks that await (similarities from a GPU: SelectContext.accelerator). */
export async function runPerBlockAsync(
  blocks: Block[],
  ctx: Pick<SelectContext, 'onProgress' | 'signal'>,
  pick: (block: Block, hooks: BlockHooks) => Promise<ArrayLike<number>>,
): Promise<Int32Array> {
  const run = blockRun(blocks, ctx);
  for (const block of blocks) run.record(block, block.budget > 0 ? await pick(block, run.hooks(block)) : []);
  return run.out;
}

function blockRun(blocks: Block[], ctx: Pick<SelectContext, 'onProgress' | 'signal'>) {
  const total = blocks.reduce((a, b) => a + b.budget, 0);
  const out = new Int32Array(total);
  const work = blocks.reduce((a, b) => a + b.rows.length, 0) || 1;
  let at = 0;
  let done = 0;
  const checkpoint = (): void => throwIfAborted(ctx.signal);
  const labelOf = (block: Block): string => (block.cls >= 0 ? `class ${block.cls}` : 'all samples');
  return {
    out,
    hooks(block: Block): BlockHooks {
      checkpoint();
      const before = done;
      const label = labelOf(block);
      return {
        onProgress: (f) => ctx.onProgress((before + f * block.rows.length) / work, label),
        checkpoint,
      };
    },
    record(block: Block, picked: ArrayLike<number>): void {
      if (block.budget === 0) checkpoint();
      const label = labelOf(block);
      if (picked.length !== block.budget)
        throw new Error(`internal: ${label} returned ${picked.length} rows for a budget of ${block.budget}`);
      out.set(picked, at);
      at += picked.length;
      done += block.rows.length;
      ctx.onProgress(done / work, label);
    },
  };
}
