/**
 * What a WebGPU adapter is, in words, and whether it is software (SwiftShader, llvmpipe,
 * lavapipe, a fallback adapter): the backend policy and the selection kernels both ask.
 */
export interface AdapterInfoLike {
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; device?: string; description?: string };
}

const SOFTWARE = /swiftshader|llvmpipe|software|lavapipe/i;

export function describeAdapter(adapter: AdapterInfoLike): { text: string; software: boolean } {
  const i = adapter.info ?? {};
  const text = [i.vendor, i.architecture, i.device, i.description].filter(Boolean).join(' ');
  return {
    text: text || 'unnamed adapter',
    software: adapter.isFallbackAdapter === true || SOFTWARE.test(text),
  };
}
