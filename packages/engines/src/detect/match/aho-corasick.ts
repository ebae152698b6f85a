/**
 * Aho–Corasick multi-pattern search: finds which of many literals occur in a text in one pass,
 * so the rule prefilter's cost grows with the text, not with the number of rules.
 */
export class AhoCorasick {
  private readonly goto: Map<number, number>[] = [new Map<number, number>()];
  private readonly fail: number[] = [0];
  private readonly out: number[][] = [[]];

  /** Builds the automaton; pattern ids are their indexes in `patterns`. Empty patterns are ignored. */
  constructor(patterns: readonly string[]) {
    patterns.forEach((p, id) => {
      if (p === "") return;
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        let next = this.goto[s]!.get(c);
        if (next === undefined) {
          next = this.goto.length;
          this.goto.push(new Map<number, number>());
          this.fail.push(0);
          this.out.push([]);
          this.goto[s]!.set(c, next);
        }
        s = next;
      }
      this.out[s]!.push(id);
    });
    // Breadth-first failure links; outputs of the failure state are merged in.
    const queue: number[] = [...this.goto[0]!.values()];
    for (let qi = 0; qi < queue.length; qi++) {
      const r = queue[qi]!;
      for (const [c, s] of this.goto[r]!) {
        queue.push(s);
        let f = this.fail[r]!;
        while (f !== 0 && !this.goto[f]!.has(c)) f = this.fail[f]!;
        const g = this.goto[f]!.get(c);
        this.fail[s] = g !== undefined && g !== s ? g : 0;
        const extra = this.out[this.fail[s]]!;
        if (extra.length > 0) this.out[s] = [...this.out[s]!, ...extra];
      }
    }
  }

  /**
   * Sets `marks[owners[id]] = 1` for every pattern id occurring in `text`. A specialised form of
   * `search` for the prefilter hot path: no callback, no allocation.
   */
  mark(text: string, owners: Int32Array, marks: Uint8Array): void {
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let next = this.goto[s]!.get(c);
      while (next === undefined && s !== 0) {
        s = this.fail[s]!;
        next = this.goto[s]!.get(c);
      }
      s = next ?? 0;
      const o = this.out[s]!;
      for (let k = 0; k < o.length; k++) marks[owners[o[k]!]!] = 1;
    }
  }

  /** Calls `hit(id)` for every pattern occurring in `text` (ids may repeat). */
  search(text: string, hit: (id: number) => void): void {
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let next = this.goto[s]!.get(c);
      while (next === undefined && s !== 0) {
        s = this.fail[s]!;
        next = this.goto[s]!.get(c);
      }
      s = next ?? 0;
      const o = this.out[s]!;
      for (let k = 0; k < o.length; k++) hit(o[k]!);
    }
  }
}
