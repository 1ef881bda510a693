import { EmbedderBusyError } from "../errors.js";

/**
 * One inference at a time per process (a model session saturates the cores by itself), with a
 * bounded number of callers waiting. A full queue throws EmbedderBusyError (503 EMBEDDER_BUSY) at
 * once instead of letting latency and memory grow without bound.
 */
export class InferenceQueue {
  private active = false;
  private readonly pending: (() => void)[] = [];

  constructor(readonly max: number) {}

  get waiting(): number {
    return this.pending.length;
  }

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.active) {
      if (this.pending.length >= this.max) throw new EmbedderBusyError(this.pending.length);
      await new Promise<void>((resolve) => this.pending.push(resolve));
    } else {
      this.active = true;
    }
    try {
      return await job();
    } finally {
      const next = this.pending.shift();
      if (next) next();
      else this.active = false;
    }
  }
}
