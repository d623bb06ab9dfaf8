// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { CATEGORICAL, categoryColor, COLORS, FONT, isTestMode, setTestMode, transitionMs } from './theme';

afterEach(() => {
  setTestMode(false);
  delete document.documentElement.dataset.testMode;
});

describe('theme', () => {
  it('has ten distinct class colours, none of them the pruned grey, and wraps', () => {
    expect(new Set(CATEGORICAL).size).toBe(10);
    expect(CATEGORICAL).not.toContain(COLORS.pruned);
    expect(categoryColor(10)).toBe(categoryColor(0));
    expect(categoryColor(-1)).toBe(categoryColor(9));
  });

  it('keeps every font size legible when projected', () => {
    for (const size of Object.values(FONT).filter((v) => typeof v === 'number'))
      expect(size).toBeGreaterThanOrEqual(12);
  });

  it('zeroes transitions in test mode, set directly or by the app flag', () => {
    expect(isTestMode()).toBe(false);
    expect(transitionMs(250)).toBe(250);
    setTestMode(true);
    expect(transitionMs(250)).toBe(0);
    setTestMode(false);
    document.documentElement.dataset.testMode = '1';
    expect(transitionMs(250)).toBe(0);
  });
});
