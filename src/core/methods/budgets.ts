/**
 * The budget helpers moved to core/budget/budgets.ts (core/data uses them too). Kept only for the
 * files of the in-training methods branch (cli, ml/swast, SwastPanel test) that still import this
 * path; delete once they import core/budget/budgets directly.
 */
export { budgetFor, classCounts } from '../budget/budgets';
