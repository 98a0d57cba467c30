// The first two principal components of reviewers' ℓ matrix, from its small reviewers × reviewers Gram matrix:
// a block Krylov (block Lanczos with full reorthogonalisation) basis and Rayleigh–Ritz with Jacobi's method.

export type Points = { xs: Float64Array; ys: Float64Array };

const BLOCK = 2;
/** Ritz pairs count as converged when ‖G·x − θ·x‖ ≤ RESIDUAL_TOLERANCE · θ₁. */
const RESIDUAL_TOLERANCE = 1e-10;
/** The Ritz problem is re-solved every CHECK_EVERY basis vectors (and at the end). */
const CHECK_EVERY = 8;

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

function multiply(matrix: Float64Array, v: Float64Array): Float64Array {
  const n = v.length;
  const out = new Float64Array(n);
  for (let i = 0, row = 0; i < n; i++, row += n) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += (matrix[row + j] as number) * (v[j] as number);
    out[i] = sum;
  }
  return out;
}

/**
 * Eigenvalues (descending) and unit eigenvectors of a symmetric m × m matrix (row-major; not modified) by the
 * cyclic Jacobi method: exact up to rounding for any spectrum, fine for the small matrices used here.
 */
export function symmetricEigen(matrix: Float64Array, m: number): { values: number[]; vectors: Float64Array[] } {
  const a = Float64Array.from(matrix.subarray(0, m * m));
  const v = new Float64Array(m * m);
  for (let i = 0; i < m; i++) v[i * m + i] = 1;
  let scale = 0;
  for (const x of a) scale += x * x;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < m; p++) for (let q = p + 1; q < m; q++) off += (a[p * m + q] as number) ** 2;
    if (off <= 1e-30 * scale || off === 0) break;
    for (let p = 0; p < m; p++) {
      for (let q = p + 1; q < m; q++) {
        const apq = a[p * m + q] as number;
        if (apq === 0) continue;
        const theta = ((a[q * m + q] as number) - (a[p * m + p] as number)) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < m; k++) {
          const akp = a[k * m + p] as number;
          const akq = a[k * m + q] as number;
          a[k * m + p] = c * akp - s * akq;
          a[k * m + q] = s * akp + c * akq;
        }
        for (let k = 0; k < m; k++) {
          const apk = a[p * m + k] as number;
          const aqk = a[q * m + k] as number;
          a[p * m + k] = c * apk - s * aqk;
          a[q * m + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < m; k++) {
          const vkp = v[k * m + p] as number;
          const vkq = v[k * m + q] as number;
          v[k * m + p] = c * vkp - s * vkq;
          v[k * m + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = [...Array(m).keys()].sort((i, j) => (a[j * m + j] as number) - (a[i * m + i] as number) || i - j);
  return {
    values: order.map((i) => a[i * m + i] as number),
    vectors: order.map((i) => Float64Array.from({ length: m }, (_, k) => v[k * m + i] as number)),
  };
}

/**
 * The top `count` eigenpairs of a symmetric positive semi-definite n × n matrix: a Krylov basis grown from
 * `BLOCK` seeded random vectors (a block, so a repeated top eigenvalue is found twice), each new vector
 * orthogonalised twice against all earlier ones, and Ritz pairs from the projected matrix. Converges in a few
 * dozen products even when the eigenvalue gap is small; ends exactly when the basis spans the whole space.
 */
export function topEigenpairs(matrix: Float64Array, n: number, count: number, random: () => number): { values: number[]; vectors: Float64Array[] } {
  const basis: Float64Array[] = [];
  const images: Float64Array[] = [];
  const projected = new Float64Array(n * n); // Qᵀ G Q, row stride n
  let block = Array.from({ length: BLOCK }, () => new Float64Array(n).map(() => random() - 0.5));
  const ritz = () => {
    const m = basis.length;
    const small = new Float64Array(m * m);
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) small[i * m + j] = projected[i * n + j] as number;
    const eigen = symmetricEigen(small, m);
    const take = Math.min(count, m);
    const combine = (vectors: Float64Array[], y: Float64Array) => {
      const out = new Float64Array(n);
      vectors.forEach((vector, j) => {
        const weight = y[j] as number;
        for (let i = 0; i < n; i++) out[i] = (out[i] as number) + weight * (vector[i] as number);
      });
      return out;
    };
    const values = eigen.values.slice(0, take);
    const vectors = eigen.vectors.slice(0, take).map((y) => combine(basis, y));
    const residuals = eigen.vectors.slice(0, take).map((y, i) => {
      const image = combine(images, y);
      let sum = 0;
      for (let k = 0; k < n; k++) sum += ((image[k] as number) - (values[i] as number) * (vectors[i]![k] as number)) ** 2;
      return Math.sqrt(sum);
    });
    return { values, vectors, residuals };
  };
  for (;;) {
    const added: Float64Array[] = [];
    for (const candidate of block) {
      const before = Math.sqrt(dot(candidate, candidate));
      for (let pass = 0; pass < 2; pass++) {
        for (const q of basis) {
          const projection = dot(q, candidate);
          for (let i = 0; i < n; i++) candidate[i] = (candidate[i] as number) - projection * (q[i] as number);
        }
      }
      const norm = Math.sqrt(dot(candidate, candidate));
      if (!(norm > 1e-10 * before) || basis.length === n) continue; // already in the span: deflate
      const q = candidate.map((x) => x / norm);
      const image = multiply(matrix, q);
      const m = basis.length;
      for (let i = 0; i < m; i++) {
        const h = dot(basis[i] as Float64Array, image);
        projected[i * n + m] = h;
        projected[m * n + i] = h;
      }
      projected[m * n + m] = dot(q, image);
      basis.push(q);
      images.push(image);
      added.push(image);
    }
    const isComplete = added.length === 0 || basis.length === n;
    if (isComplete || basis.length % CHECK_EVERY === 0 || basis.length % CHECK_EVERY === 1) {
      const result = ritz();
      const top = Math.max(0, result.values[0] ?? 0);
      if (isComplete || (result.values.length >= count && result.residuals.every((r) => r <= RESIDUAL_TOLERANCE * top))) {
        return { values: result.values, vectors: result.vectors };
      }
    }
    block = added.map((image) => Float64Array.from(image));
  }
}

/** Flips v so its largest-magnitude component (the first of near-equal ones) is positive: a fixed orientation. */
function orient(v: Float64Array): Float64Array {
  let max = 0;
  for (const x of v) max = Math.max(max, Math.abs(x));
  const lead = v.findIndex((x) => Math.abs(x) >= max * (1 - 1e-9));
  return lead >= 0 && (v[lead] as number) < 0 ? v.map((x) => -x) : v;
}

/**
 * Scores on the first two principal components given the Gram matrix G = X·Xᵀ of the column-centred n × claims
 * matrix X: if X = UΣVᵀ then the scores XV = UΣ, G's top eigenvectors scaled by √eigenvalue. Each axis is
 * oriented so its most extreme reviewer is positive; an axis without variance is all zeros.
 */
export function principalScores(gram: Float64Array, n: number, random: () => number): Points {
  const { values, vectors } = topEigenpairs(gram, n, 2, random);
  const axis = (i: number) => {
    const value = values[i] ?? 0;
    const vector = vectors[i];
    if (!vector || !(value > 1e-12 * Math.max(values[0] ?? 0, Number.MIN_VALUE))) return new Float64Array(n);
    return orient(vector).map((x) => x * Math.sqrt(value));
  };
  return { xs: axis(0), ys: axis(1) };
}
