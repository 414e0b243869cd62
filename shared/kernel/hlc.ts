/**
 * Hybrid logical clock (Kulkarni et al.): a timestamp that follows wall time but never goes
 * backwards and always moves past any timestamp it has seen from another device.
 *
 * Encoded as a fixed-width string `WWWWWWWWWWWWWWW-CCCCC-NODE` (15-digit ms, 5-digit counter,
 * node id) so that plain string comparison orders timestamps; ties break on the node id, which
 * makes "last writer wins" deterministic on every replica.
 */

export interface HlcState {
  wall: number;
  counter: number;
}

const MAX_COUNTER = 99999;

export function encodeHlc(wall: number, counter: number, node: string): string {
  return `${String(wall).padStart(15, '0')}-${String(counter).padStart(5, '0')}-${node}`;
}

export function decodeHlc(ts: string): { wall: number; counter: number; node: string } {
  const m = /^(\d{15})-(\d{5})-(.+)$/.exec(ts);
  if (!m) throw new Error(`invalid HLC timestamp: ${ts}`);
  return { wall: Number(m[1]), counter: Number(m[2]), node: m[3] };
}

export class HybridClock {
  private wall = 0;
  private counter = 0;

  constructor(
    readonly node: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** A timestamp for a local event. */
  tick(): string {
    const pt = this.now();
    if (pt > this.wall) {
      this.wall = pt;
      this.counter = 0;
    } else {
      this.bump();
    }
    return encodeHlc(this.wall, this.counter, this.node);
  }

  /** Merge a timestamp received from elsewhere; returns the receive-event timestamp. */
  receive(remote: string): string {
    const r = decodeHlc(remote);
    const pt = this.now();
    const wall = Math.max(this.wall, r.wall, pt);
    if (wall === this.wall && wall === r.wall) this.counter = Math.max(this.counter, r.counter) + 1;
    else if (wall === this.wall) this.counter += 1;
    else if (wall === r.wall) this.counter = r.counter + 1;
    else this.counter = 0;
    this.wall = wall;
    if (this.counter > MAX_COUNTER) {
      this.wall += 1;
      this.counter = 0;
    }
    return encodeHlc(this.wall, this.counter, this.node);
  }

  state(): HlcState {
    return { wall: this.wall, counter: this.counter };
  }

  restore(s: HlcState): void {
    if (s.wall > this.wall || (s.wall === this.wall && s.counter > this.counter)) {
      this.wall = s.wall;
      this.counter = s.counter;
    }
  }

  private bump(): void {
    this.counter++;
    if (this.counter > MAX_COUNTER) {
      this.wall += 1;
      this.counter = 0;
    }
  }
}
