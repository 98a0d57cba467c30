// Reading a Server-Sent Events stream in tests: frames as they arrive (id, event, data, comments), and waiting
// for one that matches, with a timeout that fails the test instead of hanging it.
export type SseFrame = { id: string | null; event: string; data: unknown; raw: string };

export class SseReader {
  readonly frames: SseFrame[] = [];
  readonly comments: string[] = [];
  retry: number | null = null;
  isClosed = false;
  private waiters: (() => void)[] = [];

  constructor(body: ReadableStream<Uint8Array>) {
    void this.pump(body);
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    const reader = body.getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // aborted
    }
    this.isClosed = true;
    this.wake();
  }

  private parse(block: string): void {
    let id: string | null = null;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
      else if (line.startsWith('id: ')) id = line.slice(4);
      else if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
      else if (line.startsWith('retry: ')) this.retry = Number(line.slice(7));
    }
    if (data.length === 0) return this.wake();
    this.frames.push({ id, event, data: JSON.parse(data.join('\n')) as unknown, raw: block });
    this.wake();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Change events (the default event type), in the order received. */
  get changes(): (SseFrame & { data: { entity: string; id: string; action: string; version: number; document: string | null; workspace: string } })[] {
    return this.frames.filter((f) => f.event === 'message') as never;
  }

  /** Resolves when `predicate` holds (checked on every frame), or rejects after `timeoutMs`. */
  async until(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; frames: ${JSON.stringify(this.frames.map((f) => [f.id, f.event, f.data]))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits a moment and checks nothing more arrived (for "emits nothing"). */
  async quiet(ms: number): Promise<void> {
    await new Promise((r) => setTimeout(r, ms));
  }
}
