import { describe, expect, it } from 'vitest';
import { parseArgs } from './args';
import { planFromArgs } from './compare';
import { paramFlagNames, paramsHelp, takeParamFlags } from './paramFlags';
import { specFromArgs } from './spec';
import { SWAST_HELP } from './swast';
import { SSL_HELP } from './ssl';
import { expandPlan } from '../core/experiment/plan';
import { retrieveMethod } from '../core/methods/retrieve/retrieve';
import { SWAST_PARAMS } from '../core/methods/swast/swast';

const args = (...argv: string[]) => parseArgs(['x', ...argv], new Set());

describe('method params as CLI flags, from the schema', () => {
  it('a camelCase param answers to its name and its kebab-case form', () => {
    expect(paramFlagNames('pruneRate')).toEqual(['pruneRate', 'prune-rate']);
    expect(paramFlagNames('rounds-every')).toEqual(['rounds-every']);
    const a = args('--prune-rate', '0.5', '--deltaT', '7', '--epochs', '3');
    expect(takeParamFlags(a, SWAST_PARAMS)).toEqual({ pruneRate: '0.5', deltaT: '7' });
    expect([...a.flags.keys()]).toEqual(['epochs']); // not a SWaST param: left for the spec
  });

  it('select, compare and swast read SWaST params the same way, checked by the schema', () => {
    expect(
      specFromArgs(args('--method', 'swast', '--prune-rate', '0.5', '--variant', 'cut')).params,
    ).toMatchObject({ pruneRate: 0.5, variant: 'cut' });
    const plan = planFromArgs(
      parseArgs(
        ['compare', '--methods', 'random,swast', '--final-prune-rate', '0.8', '--param', 'swast.every=3'],
        new Set(),
      ),
    ).plan;
    const swastCells = expandPlan(plan).cells.filter((c) => c.spec.method === 'swast');
    expect(swastCells[0]!.spec.params).toMatchObject({ finalPruneRate: 0.8, every: 3, variant: 'trim' });
    expect(() => specFromArgs(args('--method', 'swast', '--prune-rate', '2'))).toThrow(
      /pruneRate" must be between 0 and 0.95/,
    );
  });

  it('help lines carry each param’s flag, values and the schema’s default (none written by hand)', () => {
    const help = paramsHelp(SWAST_PARAMS);
    expect(help.trim().split('\n')).toHaveLength(SWAST_PARAMS.length);
    expect(help).toMatch(/--prune-rate X in \[0, 0\.95\] +Hidden-layer weights removed \(default 0\.3\)/);
    expect(help).toMatch(/--variant trim\|cut\|none +What gets pruned \(default trim\)/);
    expect(SWAST_HELP).toContain(help);
    expect(SSL_HELP).toContain(paramsHelp(retrieveMethod.params));
    expect(SSL_HELP).toMatch(/--rounds-every N in 1\.\.100 +Re-select every … epochs \(default 5\)/);
  });
});
