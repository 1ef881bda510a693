/**
 * Average-linkage agglomerative clustering on cosine distance, with the nearest-neighbour-chain
 * algorithm (O(n²) time, one n×n matrix). Average linkage is reducible, so NN-chain builds the
 * same hierarchy as the textbook algorithm, and cutting it at a distance keeps every merge at
 * or below that height. Deterministic: ties go to the chain's previous element, then the lowest
 * index, and the input order is the caller's (sort it).
 */
export function clusterByCosine(vectors: readonly (readonly number[])[], minSimilarity: number): number[][] {
  const n = vectors.length;
  if (n === 0) return [];
  const unit = vectors.map(toUnit);
  const dist = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = 1 - dot(unit[i] as number[], unit[j] as number[]);
      dist[i * n + j] = d;
      dist[j * n + i] = d;
    }
  }
  const size = new Array<number>(n).fill(1);
  const active = new Array<boolean>(n).fill(true);
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x] as number] as number;
      x = parent[x] as number;
    }
    return x;
  };
  const cut = 1 - minSimilarity;
  let remaining = n;
  const chain: number[] = [];
  while (remaining > 1) {
    if (chain.length === 0) chain.push(active.indexOf(true));
    const a = chain[chain.length - 1] as number;
    const prev = chain.length > 1 ? (chain[chain.length - 2] as number) : -1;
    let best = prev;
    let bestD = prev >= 0 ? (dist[a * n + prev] as number) : Infinity;
    for (let k = 0; k < n; k++) {
      if (!active[k] || k === a) continue;
      const d = dist[a * n + k] as number;
      if (d < bestD) {
        best = k;
        bestD = d;
      }
    }
    if (best !== prev) {
      chain.push(best);
      continue;
    }
    chain.pop();
    chain.pop();
    // Merge prev into a (Lance–Williams update for average linkage).
    const sa = size[a] as number;
    const sb = size[prev] as number;
    for (let k = 0; k < n; k++) {
      if (!active[k] || k === a || k === prev) continue;
      const d = ((dist[a * n + k] as number) * sa + (dist[prev * n + k] as number) * sb) / (sa + sb);
      dist[a * n + k] = d;
      dist[k * n + a] = d;
    }
    size[a] = sa + sb;
    active[prev] = false;
    remaining--;
    if (bestD <= cut) parent[find(prev)] = find(a);
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    const g = groups.get(root);
    if (g) g.push(i);
    else groups.set(root, [i]);
  }
  return [...groups.values()];
}

function toUnit(v: readonly number[]): number[] {
  let s = 0;
  for (const x of v) s += x * x;
  const norm = Math.sqrt(s) || 1;
  return v.map((x) => x / norm);
}

function dot(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/** Mean of unit vectors: the topic's centre, for picking representative examples. */
export function centroid(vectors: readonly (readonly number[])[]): number[] {
  const dims = vectors[0]?.length ?? 0;
  const c = new Array<number>(dims).fill(0);
  for (const v of vectors.map(toUnit)) for (let i = 0; i < dims; i++) c[i] = (c[i] as number) + (v[i] as number);
  return toUnit(c);
}

export function cosine(a: readonly number[], b: readonly number[]): number {
  return dot(toUnit(a), toUnit(b));
}
