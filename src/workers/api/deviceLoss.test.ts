import { describe, expect, it } from 'vitest';
import { guardDeviceLoss } from './deviceLoss';

const browserAbort = () =>
  Object.assign(new Error('Buffer was unmapped before mapping was resolved.'), { name: 'AbortError' });

describe('guardDeviceLoss', () => {
  it('turns a browser abort into the lost device’s reason once the device says so, poking it meanwhile', async () => {
    let lost: string | undefined;
    let pokes = 0;
    const api = guardDeviceLoss(
      { job: () => Promise.reject(browserAbort()) },
      () => lost,
      () => {
        // The device reports its loss only after it has been asked for events a few times.
        if (++pokes === 4) lost = 'the WebGPU device was lost (destroyed)';
      },
    );
    await expect(api.job()).rejects.toThrow(/WebGPU device was lost \(destroyed\) during this job/);
    expect(pokes).toBeGreaterThanOrEqual(4);
  });

  it('leaves our own cancel and other errors as they are', async () => {
    const cancel = Object.assign(new Error('cancelled'), { name: 'AbortError' });
    const api = guardDeviceLoss(
      { stop: () => Promise.reject(cancel), fail: () => Promise.reject(new Error('bad spec')) },
      () => undefined,
    );
    await expect(api.stop()).rejects.toBe(cancel);
    await expect(api.fail()).rejects.toThrow('bad spec');
  });

  it('a loss that happened before the job started is not this job’s reason', async () => {
    const err = browserAbort();
    const api = guardDeviceLoss({ job: () => Promise.reject(err) }, () => 'lost earlier');
    await expect(api.job()).rejects.toBe(err);
  });
});
