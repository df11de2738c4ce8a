/**
 * Lets ordinary calls run side by side, and gives an exclusive call (restoring a backup) the
 * store to itself: it waits for calls in flight to finish, and calls arriving meanwhile wait
 * for it.
 */
export class CallGate {
  private running = 0;
  private exclusive: Promise<void> | null = null;
  private drained: (() => void) | null = null;

  async shared<T>(fn: () => Promise<T>): Promise<T> {
    while (this.exclusive) await this.exclusive;
    this.running++;
    try {
      return await fn();
    } finally {
      this.running--;
      if (this.running === 0) this.drained?.();
    }
  }

  async exclusiveRun<T>(fn: () => Promise<T>): Promise<T> {
    while (this.exclusive) await this.exclusive;
    let release!: () => void;
    this.exclusive = new Promise<void>((resolve) => (release = resolve));
    try {
      if (this.running > 0) await new Promise<void>((resolve) => (this.drained = resolve));
      this.drained = null;
      return await fn();
    } finally {
      this.exclusive = null;
      release();
    }
  }

  get busy(): boolean {
    return this.exclusive !== null;
  }
}
