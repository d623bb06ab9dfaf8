/**
 * Every selection method, in the order the UI lists them. A method is registered by adding its
 * module here; forms, CLI flags and URL fields are generated from its params schema.
 */
import { assertPreTraining } from './inTraining';
import { defaultParams, resolveParams, type ParamValues } from './params';
import { randomMethod } from './random/random';
import { forgettingMethod } from './forgetting/forgetting';
import { el2nMethod } from './el2n/el2n';
import { grandMethod } from './grand/grand';
import { aumMethod } from './aum/aum';
import { kCenterMethod } from './kcenter/kcenter';
import { herdingMethod } from './herding/herding';
import { moderateMethod } from './moderate/moderate';
import { ccsMethod } from './ccs/ccs';
import { facilityLocationMethod } from './facility-location/facilityLocation';
import { retrieveMethod } from './retrieve/retrieve';
import { swastMethod } from './swast/swast';
import { easyCoreMethod } from './easycore/easycore';
import { nucsMethod } from './nucs/nucs';
import { foqusMethod } from './foqus/foqus';
import { hyperCoreMethod } from './hypercore/hypercore';
import { subzeroMethod } from './subzero/subzero';
import { intraClassMethod } from './intra-class/intraClass';
import { fileScoreMethod } from './file-score/fileScore';
import type { AnyMethod, InTrainingMethod, PreTrainingMethod } from './types';

export const METHODS: readonly AnyMethod[] = [
  randomMethod,
  forgettingMethod,
  el2nMethod,
  grandMethod,
  aumMethod,
  kCenterMethod,
  herdingMethod,
  moderateMethod,
  ccsMethod,
  facilityLocationMethod,
  retrieveMethod,
  swastMethod,
  easyCoreMethod,
  nucsMethod,
  foqusMethod,
  hyperCoreMethod,
  subzeroMethod,
  intraClassMethod,
  fileScoreMethod,
];

export class UnknownMethodError extends Error {
  constructor(id: string) {
    super(`unknown method "${id}"; available: ${METHODS.map((m) => m.id).join(', ')}`);
    this.name = 'UnknownMethodError';
  }
}

/** Ids of the registered in-training methods (registry.test.ts checks the list against METHODS). */
export const IN_TRAINING_IDS = ['retrieve', 'swast'] as const;

/**
 * The type getMethod returns: either kind for an id only known at run time; for a literal id,
 * its kind's type, so `getMethod('el2n').select(...)` and `getMethod('swast').run(...)` check.
 */
export type MethodOf<I extends string> = string extends I
  ? AnyMethod
  : I extends (typeof IN_TRAINING_IDS)[number]
    ? InTrainingMethod
    : PreTrainingMethod;

export function getMethod<I extends string>(id: I): MethodOf<I> {
  const m = METHODS.find((x) => x.id === id);
  if (!m) throw new UnknownMethodError(id);
  // Sound while IN_TRAINING_IDS lists exactly the in-training ids (registry.test.ts).
  return m as MethodOf<I>;
}

/** A method the pre-training select path can run; InTrainingMethodError (naming where it runs) otherwise. */
export function getPreTrainingMethod(id: string): PreTrainingMethod {
  const m: AnyMethod = getMethod(id);
  assertPreTraining(m);
  return m;
}

export function methodParams(id: string, given: Record<string, unknown> = {}): ParamValues {
  const m = getMethod(id);
  return Object.keys(given).length ? resolveParams(m.params, given, m.name) : defaultParams(m.params);
}

/** JSON-friendly description of every method (the CLI `methods` command, the UI help). */
export function describeMethods(): object[] {
  return METHODS.map((m) => ({
    id: m.id,
    name: m.name,
    paper: m.paper,
    summary: m.summary,
    kind: m.kind,
    ...(m.kind === 'in-training' ? { setting: m.setting } : {}),
    needs: [...m.needs],
    params: m.params,
  }));
}
