/**
 * AUROC of a score against a binary mask: the probability that a random positive scores higher
 * than a random negative, ties counting one half (Mann–Whitney U with mid-ranks). Used to ask
 * "does this score find the injected label noise / OOD images?".
 */
export function auroc(scores: ArrayLike<number>, positive: ArrayLike<number>): number {
  const n = scores.length;
  if (positive.length !== n) throw new RangeError(`${n} scores but ${positive.length} mask entries`);
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let pos = 0;
  let rankSum = 0;
  for (let s = 0; s < n;) {
    // A run of tied scores shares the mean of its ranks (1-based).
    let e = s;
    while (e + 1 < n && scores[order[e + 1]!] === scores[order[s]!]) e++;
    const mid = (s + e + 2) / 2;
    for (let q = s; q <= e; q++) {
      if (positive[order[q]!]) {
        pos++;
        rankSum += mid;
      }
    }
    s = e + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}
