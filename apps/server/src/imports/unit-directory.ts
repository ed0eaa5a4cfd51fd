import { foldDiacritics } from '@xk/domain';

/** A unit as an import sees it: one already in the hub (`id`), or one the file creates (`id` null, keyed by code). */
export interface UnitNode {
  id: number | null;
  code: string;
  name: string;
  parent: UnitNode | null;
  /** Merged into another unit: kept for history, nothing new goes under it. */
  merged: boolean;
  /**
   * The path access is checked on: the unit's own for an existing unit, its nearest existing
   * ancestor's for a new one (a new unit lands under it, so whoever covers that covers it).
   */
  scopePath: string | null;
}

export type Resolved = { ok: true; node: UnitNode } | { ok: false; code: 'unit_unknown' | 'unit_ambiguous' | 'unit_merged' | 'unit_outside'; candidates: UnitNode[] };

/** Names compared as people type them: case, Unicode form and runs of spaces do not matter. */
export const nameKey = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
/** Separators of a path written in a cell: "Thành đoàn Hải Phòng / Quận Lê Chân / Phường 1" (also > » \). */
const pathSeparator = /\s*[/>»\\]\s*/;

/** "Thành đoàn Hải Phòng / Quận Lê Chân / Phường 1": how a unit is told apart in messages. */
export function namePath(node: UnitNode): string {
  const names: string[] = [];
  for (let n: UnitNode | null = node; n; n = n.parent) names.unshift(n.name);
  return names.join(' / ');
}

/**
 * Finds units the way unions name them in a sheet: by code, or by name — a bare name, or a path of
 * names (and codes) from any ancestor down — since "Phường 1" repeats across towns. Only units the
 * importer can see (`visible`) are candidates; a name that fits several is an error, never a guess.
 */
export class UnitDirectory {
  private readonly byCode = new Map<string, UnitNode>();
  private readonly byCodeLower = new Map<string, UnitNode[]>();
  private byName = new Map<string, UnitNode[]>();
  private byFolded = new Map<string, UnitNode[]>();
  private indexed = false;

  constructor(private readonly visible: (node: UnitNode) => boolean) {}

  add(node: UnitNode): void {
    this.byCode.set(node.code, node);
    const lower = node.code.toLowerCase();
    this.byCodeLower.set(lower, [...(this.byCodeLower.get(lower) ?? []), node]);
    this.indexed = false;
  }

  /** The unit with exactly this code (visible or not: codes are unique across the whole hub). */
  code(code: string): UnitNode | undefined {
    return this.byCode.get(code);
  }

  private index() {
    if (this.indexed) return;
    this.byName = new Map();
    this.byFolded = new Map();
    for (const node of this.byCode.values()) {
      const k = nameKey(node.name);
      this.byName.set(k, [...(this.byName.get(k) ?? []), node]);
      const f = foldDiacritics(node.name);
      this.byFolded.set(f, [...(this.byFolded.get(f) ?? []), node]);
    }
    this.indexed = true;
  }

  /** Whether `node`'s name or code is `segment`. */
  private static names(node: UnitNode, segment: string, folded: boolean): boolean {
    if (node.code.toLowerCase() === segment.toLowerCase()) return true;
    return folded ? foldDiacritics(node.name) === foldDiacritics(segment) : nameKey(node.name) === nameKey(segment);
  }

  /** Units named by the last segment whose ancestors, going up, are named by the segments before it. */
  private byPath(segments: string[], folded: boolean): UnitNode[] {
    this.index();
    const last = segments[segments.length - 1]!;
    const first = (folded ? this.byFolded.get(foldDiacritics(last)) : this.byName.get(nameKey(last))) ?? [];
    const byCode = this.byCodeLower.get(last.toLowerCase()) ?? [];
    return [...new Set([...first, ...byCode])].filter((node) => {
      let at: UnitNode | null = node.parent;
      for (let i = segments.length - 2; i >= 0; i--, at = at.parent) {
        if (!at || !UnitDirectory.names(at, segments[i]!, folded)) return false;
      }
      return true;
    });
  }

  resolve(text: string): Resolved {
    const exact = this.byCode.get(text) ?? (this.byCodeLower.get(text.toLowerCase())?.length === 1 ? this.byCodeLower.get(text.toLowerCase())![0] : undefined);
    if (exact) return this.pick([exact]);
    const segments = text.split(pathSeparator).filter((s) => s !== '');
    const tries = segments.length > 1 ? [[text], segments] : [segments];
    for (const folded of [false, true]) {
      const found = tries.flatMap((segs) => (segs.length ? this.byPath(segs, folded) : []));
      if (found.length) return this.pick([...new Set(found)]);
    }
    return { ok: false, code: 'unit_unknown', candidates: [] };
  }

  private pick(found: UnitNode[]): Resolved {
    const seen = found.filter(this.visible);
    if (seen.length === 0) return { ok: false, code: found.length ? 'unit_outside' : 'unit_unknown', candidates: [] };
    const live = seen.filter((n) => !n.merged);
    if (live.length === 1) return { ok: true, node: live[0]! };
    if (live.length > 1) return { ok: false, code: 'unit_ambiguous', candidates: live };
    return { ok: false, code: 'unit_merged', candidates: seen };
  }
}
