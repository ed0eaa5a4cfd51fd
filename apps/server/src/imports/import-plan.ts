import { createHash } from 'node:crypto';
import type { ImportChange, ImportIssue, ImportKind } from '@xk/contract';
import { canonicalJson, normalizeSheetPhone } from '@xk/domain';
import { covers } from '../auth/scope';
import { type IssueAt, issues, toIssue } from './import-issues';
import type { Snapshot } from './import-snapshot';
import { columnsOf, layoutOf, type SheetLayout } from './sheet-columns';
import type { ReadFile, SheetLine } from './sheet-read';
import { membershipRoleOf, teamKindOf, unitLevelOf } from './sheet-values';
import { nameKey, namePath, UnitDirectory, type UnitNode } from './unit-directory';

export type UnitRef = { id: number } | { code: string };
export type TeamRef = { id: number } | { code: string };
export type PersonRef = { id: number } | { phone: string };

/** What applying writes, in the order it writes it; nothing here is written by a dry run. */
export interface Actions {
  /** Parents before children. */
  unitCreates: Array<{ code: string; name: string; level: string; parent: UnitRef; memberCount: number }>;
  unitUpdates: Array<{ id: number; name?: string; level?: string; memberCount?: number; parent?: UnitRef }>;
  teamCreates: Array<{ code: string; name: string; kind: string; unit: UnitRef }>;
  teamUpdates: Array<{ id: number; name?: string; kind?: string; unit?: UnitRef }>;
  personCreates: Array<{ phone: string; name: string; email: string | null }>;
  personUpdates: Array<{ id: number; name?: string; email?: string }>;
  memberships: Array<{ person: PersonRef; unit: UnitRef; role: string }>;
  volunteerGrants: Array<{ person: PersonRef; unit: UnitRef }>;
  placements: Array<{ person: PersonRef; team: TeamRef }>;
}

export interface SheetSummary {
  name: string;
  kind: ImportKind | null;
  headerRow: number;
  rows: number;
  create: number;
  update: number;
  unchanged: number;
  errors: number;
  ignoredColumns: string[];
}

export interface Plan {
  actions: Actions;
  planHash: string;
  sheets: SheetSummary[];
  changes: ImportChange[];
  errors: ImportIssue[];
  warnings: ImportIssue[];
  /** Everyone the file names as a volunteer (by reference: new people get their ids when written). */
  volunteers: PersonRef[];
}

/** Who imports: the subtrees where they coordinate (people) and organise (units, teams). */
export interface Importer {
  coordinator: Array<string | null>;
  organizer: Array<string | null>;
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const refOf = (n: UnitNode): UnitRef => (n.id !== null ? { id: n.id } : { code: n.code });

interface TeamNode {
  id: number | null;
  code: string;
  name: string;
  kind: string;
  unit: UnitNode;
}

/** A sheet's data lines with what the layout says of each column. */
class Rows {
  constructor(
    readonly sheet: string,
    readonly layout: SheetLayout,
  ) {}
  get(line: SheetLine, key: string): string {
    const i = this.layout.columns.get(key);
    return i === undefined ? '' : (line.cells[i] ?? '').replace(/\s+/g, ' ').trim();
  }
  has(key: string): boolean {
    return this.layout.columns.has(key);
  }
  at(line: SheetLine, key: string | null): IssueAt {
    const i = key === null ? undefined : this.layout.columns.get(key);
    const column = i === undefined ? (key === null ? null : (columnsOf[this.layout.kind].find((c) => c.key === key)?.header ?? key)) : (this.layout.header.cells[i] ?? null);
    return { sheet: this.sheet, row: line.n, column, value: key === null ? null : this.get(line, key) || null };
  }
  data(lines: SheetLine[]): SheetLine[] {
    return lines.filter((l) => l.n > this.layout.header.n);
  }
}

/** A whole number of members as unions write it: 1200, 1.200, 1,200 or 1 200. */
function countOf(text: string): number | null {
  const t = text.replace(/\s/g, '');
  if (!/^(\d{1,3}([.,]\d{3})+|\d+)$/.test(t)) return null;
  const n = Number(t.replace(/[.,]/g, ''));
  return Number.isSafeInteger(n) && n <= 100_000_000 ? n : null;
}

/**
 * The dry run: reads every sheet of the file against the snapshot and says, row by row, what
 * would be created or changed and what is wrong. Pure: the same file over the same data gives the
 * same plan and hash; a file already imported gives a plan with no actions.
 */
export function planImport(file: ReadFile, snap: Snapshot, who: Importer, options: { kind?: ImportKind | undefined; campaignId?: number | undefined }): Plan {
  const actions: Actions = { unitCreates: [], unitUpdates: [], teamCreates: [], teamUpdates: [], personCreates: [], personUpdates: [], memberships: [], volunteerGrants: [], placements: [] };
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const changes: ImportChange[] = [];
  const volunteers: PersonRef[] = [];
  const sheets: SheetSummary[] = [];
  const fail = (m: Parameters<typeof toIssue>[0]) => errors.push(toIssue(m));

  /** Units of the file itself are always found (creating them is checked on its own); the hub's, inside the importer's units. */
  const findable = (n: UnitNode) => n.id === null || (n.scopePath !== null && covers(who.coordinator, n.scopePath));
  const sees = (n: UnitNode) => n.scopePath !== null && covers(who.coordinator, n.scopePath);
  const organizes = (n: UnitNode) => n.scopePath !== null && covers(who.organizer, n.scopePath);
  const dir = new UnitDirectory(findable);
  const byId = new Map<number, UnitNode>();
  for (const u of snap.units) {
    const node: UnitNode = { id: u.id, code: u.code, name: u.name, parent: null, merged: u.successorId !== null, scopePath: u.path };
    byId.set(u.id, node);
    dir.add(node);
  }
  for (const u of snap.units) if (u.parentId !== null) byId.get(u.id)!.parent = byId.get(u.parentId) ?? null;
  const unitRow = new Map(snap.units.map((u) => [u.id, u]));
  const teamsByCode = new Map<string, TeamNode>();
  for (const t of snap.teams) {
    const unit = byId.get(t.unitId);
    if (unit) teamsByCode.set(t.code, { id: t.id, code: t.code, name: t.name, kind: t.kind, unit });
  }

  // Every sheet's layout first: units are read before teams, teams before people, whatever the sheets' order.
  const laid = file.sheets.map((s) => ({ sheet: s, layout: layoutOf(s.lines, file.format === 'csv' ? options.kind : undefined) }));
  const order: ImportKind[] = ['units', 'teams', 'people'];
  const summaries = new Map<string, SheetSummary>();
  for (const { sheet, layout } of laid) {
    const summary: SheetSummary = { name: sheet.name, kind: layout?.kind ?? null, headerRow: layout?.header.n ?? 0, rows: 0, create: 0, update: 0, unchanged: 0, errors: 0, ignoredColumns: layout?.ignored ?? [] };
    sheets.push(summary);
    summaries.set(sheet.name, summary);
  }
  const first: IssueAt = { sheet: file.sheets[0]?.name ?? '', row: 1, column: null, value: null };
  if (!laid.some((l) => l.layout)) fail(issues.noSheet(first));
  // The template's sheets may be left empty; a file with no data row at all is a mistake.
  else if (!laid.some((l) => l.layout && l.sheet.lines.some((line) => line.n > l.layout!.header.n))) fail(issues.noRows({ ...first, sheet: laid.find((l) => l.layout)!.sheet.name, row: laid.find((l) => l.layout)!.layout!.header.n }));

  /** Counts a row's fate in its sheet's summary (errors counted once per row). */
  const tally = (sheet: string, action: ImportChange['action'] | 'error') => {
    const s = summaries.get(sheet)!;
    s.rows += 1;
    if (action === 'error') s.errors += 1;
    else s[action] += 1;
  };
  const record = (rows: Rows, line: SheetLine, change: Omit<ImportChange, 'sheet' | 'row' | 'kind'>) => {
    changes.push({ sheet: rows.sheet, row: line.n, kind: rows.layout.kind, ...change });
    tally(rows.sheet, change.action);
  };

  /** A row's code (units, teams): present, well-formed, not on an earlier row of the sheet (`seen`: code → row). */
  const checkedCode = (rows: Rows, line: SheetLine, seen: Map<string, number>): string => {
    const code = rows.get(line, 'code');
    if (!code) fail(issues.required(rows.at(line, 'code')));
    else if (!CODE.test(code)) fail(issues.badCode(rows.at(line, 'code')));
    else if (seen.has(code)) fail(issues.duplicate(rows.at(line, 'code'), seen.get(code)!));
    return code;
  };
  const resolveUnit = (rows: Rows, line: SheetLine, key: string): UnitNode | null => {
    const r = dir.resolve(rows.get(line, key));
    if (r.ok) return r.node;
    fail(issues.unit(rows.at(line, key), r.code, r.candidates));
    return null;
  };

  for (const kind of order) {
    for (const { sheet, layout } of laid) {
      if (layout?.kind !== kind) continue;
      const rows = new Rows(sheet.name, layout);
      const headerAt: IssueAt = { sheet: sheet.name, row: layout.header.n, column: null, value: null };
      if (layout.missing.length) {
        fail(issues.missingColumns(headerAt, layout.missing));
        continue;
      }
      const data = rows.data(sheet.lines);
      if (kind === 'units') planUnits(rows, data);
      if (kind === 'teams') planTeams(rows, data);
      if (kind === 'people') planPeople(rows, data);
    }
  }

  function planUnits(rows: Rows, data: SheetLine[]) {
    const seen = new Map<string, number>();
    const fresh: Array<{ line: SheetLine; node: UnitNode; level: string; memberCount: number }> = [];
    const updates: Array<{ line: SheetLine; node: UnitNode; update: Actions['unitUpdates'][number]; changed: string[]; parentText: string }> = [];
    for (const line of data) {
      const before = errors.length;
      const code = checkedCode(rows, line, seen);
      const name = rows.get(line, 'name');
      const levelText = rows.get(line, 'level');
      const countText = rows.get(line, 'memberCount');
      if (name.length > 200) fail(issues.tooLong(rows.at(line, 'name'), 200));
      const memberCount: number | null | undefined = countText === '' ? undefined : countOf(countText);
      if (memberCount === null) fail(issues.badCount(rows.at(line, 'memberCount')));
      if (errors.length > before) {
        tally(rows.sheet, 'error');
        continue;
      }
      seen.set(code, line.n);
      const level = levelText ? unitLevelOf(levelText) : undefined;
      const existing = dir.code(code);
      if (existing && existing.id !== null) {
        if (!sees(existing)) {
          fail(issues.codeOutside(rows.at(line, 'code')));
          tally(rows.sheet, 'error');
          continue;
        }
        const row = unitRow.get(existing.id)!;
        const update: Actions['unitUpdates'][number] = { id: existing.id };
        const changed: string[] = [];
        if (name && name !== row.name) (update.name = name), changed.push('name');
        if (level !== undefined && level !== row.level) (update.level = level), changed.push('level');
        if (typeof memberCount === 'number' && memberCount !== row.memberCount) (update.memberCount = memberCount), changed.push('memberCount');
        updates.push({ line, node: existing, update, changed, parentText: rows.get(line, 'parent') });
      } else {
        if (!name) fail(issues.requiredForNew(rows.at(line, 'name')));
        if (!rows.get(line, 'parent')) fail(rows.has('parent') ? issues.rootNotAllowed(rows.at(line, 'parent')) : issues.requiredForNew(rows.at(line, 'parent')));
        if (errors.length > before) {
          tally(rows.sheet, 'error');
          continue;
        }
        const node: UnitNode = { id: null, code, name, parent: null, merged: false, scopePath: null };
        dir.add(node);
        fresh.push({ line, node, level: level ?? 'unit', memberCount: memberCount ?? 0 });
      }
    }
    // Parents once every new unit of the sheet is known (a branch may come before its commune).
    const parentOk = new Set<UnitNode>();
    for (const f of fresh) {
      const r = dir.resolve(rows.get(f.line, 'parent'));
      if (r.ok) {
        f.node.parent = r.node;
        parentOk.add(f.node);
      } else fail(issues.unit(rows.at(f.line, 'parent'), r.code, r.candidates));
    }
    // A new unit's scope is its nearest existing ancestor's; a chain of new units that never reaches one is a cycle.
    const scopeOf = (node: UnitNode): string | null => {
      const seenNodes = new Set<UnitNode>();
      for (let at: UnitNode | null = node.parent; at; at = at.parent) {
        if (seenNodes.has(at) || at === node) return null;
        seenNodes.add(at);
        if (at.id !== null) return at.merged ? null : at.scopePath;
      }
      return null;
    };
    for (const f of fresh) if (parentOk.has(f.node)) f.node.scopePath = scopeOf(f.node);
    const depth = (n: UnitNode) => {
      let d = 0;
      for (let at = n.parent; at && at.id === null && d < 1000; at = at.parent) d++;
      return d;
    };
    const creates: Array<{ d: number; create: Actions['unitCreates'][number] }> = [];
    for (const f of fresh) {
      if (!parentOk.has(f.node)) {
        tally(rows.sheet, 'error');
        continue;
      }
      const parent = f.node.parent!;
      if (f.node.scopePath === null) {
        fail(parent.merged ? issues.unit(rows.at(f.line, 'parent'), 'unit_merged', [parent]) : issues.cycle(rows.at(f.line, 'parent')));
        tally(rows.sheet, 'error');
        continue;
      }
      if (!organizes(f.node)) {
        fail(issues.needsOrganizer(rows.at(f.line, 'parent'), namePath(parent)));
        tally(rows.sheet, 'error');
        continue;
      }
      creates.push({ d: depth(f.node), create: { code: f.node.code, name: f.node.name, level: f.level, parent: refOf(parent), memberCount: f.memberCount } });
      record(rows, f.line, { action: 'create', key: f.node.code, label: f.node.name, changes: [] });
    }
    actions.unitCreates.push(...creates.sort((a, b) => a.d - b.d).map((c) => c.create));
    for (const u of updates) {
      const before = errors.length;
      if (u.parentText) {
        const r = dir.resolve(u.parentText);
        if (!r.ok) fail(issues.unit(rows.at(u.line, 'parent'), r.code, r.candidates));
        else if (r.node !== u.node.parent) {
          let cyclic = false;
          for (let at: UnitNode | null = r.node; at; at = at.parent) if (at === u.node) cyclic = true;
          if (cyclic) fail(issues.cycle(rows.at(u.line, 'parent')));
          else if (!organizes(r.node)) fail(issues.needsOrganizer(rows.at(u.line, 'parent'), namePath(r.node)));
          else (u.update.parent = refOf(r.node)), u.changed.push('parent');
        }
      }
      if (u.changed.length && u.node.merged) fail(issues.mergedUnit(rows.at(u.line, 'code')));
      else if (u.changed.length && !organizes(u.node)) fail(issues.needsOrganizer(rows.at(u.line, 'code'), namePath(u.node)));
      if (errors.length > before) {
        tally(rows.sheet, 'error');
        continue;
      }
      if (u.changed.length) actions.unitUpdates.push(u.update);
      record(rows, u.line, { action: u.changed.length ? 'update' : 'unchanged', key: u.node.code, label: u.update.name ?? u.node.name, changes: u.changed });
    }
  }

  function planTeams(rows: Rows, data: SheetLine[]) {
    const seen = new Map<string, number>();
    for (const line of data) {
      const before = errors.length;
      const code = checkedCode(rows, line, seen);
      const name = rows.get(line, 'name');
      const kindText = rows.get(line, 'kind');
      if (!name) fail(issues.required(rows.at(line, 'name')));
      else if (name.length > 200) fail(issues.tooLong(rows.at(line, 'name'), 200));
      const kind = kindText ? teamKindOf(kindText) : undefined;
      if (kind === null) fail(issues.badChoice(rows.at(line, 'kind'), ['Tổ công nghệ số cộng đồng', 'IT Xanh', 'Thanh niên xung kích', 'Khác']));
      const unit = rows.get(line, 'unit') ? resolveUnit(rows, line, 'unit') : (fail(issues.required(rows.at(line, 'unit'))), null);
      if (unit && !organizes(unit)) fail(issues.needsOrganizer(rows.at(line, 'unit'), namePath(unit)));
      const existing = code ? teamsByCode.get(code) : undefined;
      if (existing && existing.id !== null && !sees(existing.unit)) fail(issues.codeOutside(rows.at(line, 'code')));
      if (errors.length > before || !unit || kind === null) {
        tally(rows.sheet, 'error');
        continue;
      }
      seen.set(code, line.n);
      if (existing && existing.id !== null) {
        const update: Actions['teamUpdates'][number] = { id: existing.id };
        const changed: string[] = [];
        if (name !== existing.name) (update.name = name), changed.push('name');
        if (kind !== undefined && kind !== existing.kind) (update.kind = kind), changed.push('kind');
        if (unit !== existing.unit) {
          if (!organizes(existing.unit)) {
            fail(issues.needsOrganizer(rows.at(line, 'unit'), namePath(existing.unit)));
            tally(rows.sheet, 'error');
            continue;
          }
          (update.unit = refOf(unit)), changed.push('unit');
        }
        if (changed.length) actions.teamUpdates.push(update);
        existing.unit = unit;
        existing.name = name;
        record(rows, line, { action: changed.length ? 'update' : 'unchanged', key: code, label: name, changes: changed });
      } else {
        const team: TeamNode = { id: null, code, name, kind: kind ?? 'community_digital', unit };
        teamsByCode.set(code, team);
        actions.teamCreates.push({ code, name, kind: team.kind, unit: refOf(unit) });
        record(rows, line, { action: 'create', key: code, label: name, changes: [] });
      }
    }
  }

  function planPeople(rows: Rows, data: SheetLine[]) {
    const campaign = snap.campaign;
    const teamColumn = rows.has('team') && data.some((l) => rows.get(l, 'team') !== '');
    if (teamColumn && !campaign) fail(issues.teamNeedsCampaign({ sheet: rows.sheet, row: rows.layout.header.n, column: rows.at(data[0]!, 'team').column, value: null }));
    const byPhone = new Map<string, { row: number; name: string; units: Map<UnitNode, number>; team: TeamNode | null; teamRow: number; ref: PersonRef }>();
    const unitPathsById = new Map(snap.units.map((u) => [u.id, u.path]));
    const teamsOf = new Map<UnitNode, TeamNode[]>();
    for (const t of teamsByCode.values()) (teamsOf.get(t.unit) ?? teamsOf.set(t.unit, []).get(t.unit)!).push(t);
    const placed = new Set<string>();
    for (const line of data) {
      const before = errors.length;
      const name = rows.get(line, 'name');
      const phoneText = rows.get(line, 'phone');
      const email = rows.get(line, 'email');
      const roleText = rows.get(line, 'role');
      const teamText = rows.get(line, 'team');
      if (!name) fail(issues.required(rows.at(line, 'name')));
      else if (name.length > 200) fail(issues.tooLong(rows.at(line, 'name'), 200));
      let phone: string | null = null;
      if (!phoneText) fail(issues.required(rows.at(line, 'phone')));
      else {
        const p = normalizeSheetPhone(phoneText);
        if (p.ok) phone = p.phone;
        else fail(issues.badPhone(rows.at(line, 'phone'), p.reason));
      }
      if (email && (!EMAIL.test(email) || email.length > 200)) fail(issues.badEmail(rows.at(line, 'email')));
      const role = roleText ? membershipRoleOf(roleText) : undefined;
      if (role === null) fail(issues.badChoice(rows.at(line, 'role'), ['Tình nguyện viên', 'Đoàn viên', 'Cán bộ', 'Điều phối', 'Bí thư']));
      const unit = rows.get(line, 'unit') ? resolveUnit(rows, line, 'unit') : (fail(issues.required(rows.at(line, 'unit'))), null);
      if (unit && !sees(unit)) fail(issues.needsCoordinator(rows.at(line, 'unit'), namePath(unit)));
      let team: TeamNode | null = null;
      if (teamText && campaign && unit) {
        const byCode = teamsByCode.get(teamText);
        const named = (teamsOf.get(unit) ?? []).filter((t) => nameKey(t.name) === nameKey(teamText));
        if (byCode) team = byCode;
        else if (named.length === 1) team = named[0]!;
        else fail(issues.team(rows.at(line, 'team'), named.length > 1 ? 'team_ambiguous' : 'team_unknown'));
        if (team && (team.unit.scopePath === null || !sees(team.unit) || !team.unit.scopePath.startsWith(campaign.scopePath))) {
          fail(issues.team(rows.at(line, 'team'), 'team_outside'));
          team = null;
        }
      }
      const first = phone ? byPhone.get(phone) : undefined;
      if (first && unit && first.units.has(unit)) fail(issues.duplicate(rows.at(line, null), first.units.get(unit)!));
      else if (first && nameKey(first.name) !== nameKey(name)) fail(issues.phoneNameClash(rows.at(line, 'name'), first.row, first.name));
      else if (first && team && first.team && first.team !== team) fail(issues.teamClash(rows.at(line, 'team'), first.teamRow));
      if (errors.length > before || !phone || !unit || role === null) {
        tally(rows.sheet, 'error');
        continue;
      }

      const known = snap.people.get(phone);
      const changed: string[] = [];
      let action: ImportChange['action'] = 'unchanged';
      let person = first;
      if (!person) {
        person = { row: line.n, name, units: new Map(), team: null, teamRow: 0, ref: known ? { id: known.id } : { phone } };
        byPhone.set(phone, person);
        if (!known) {
          actions.personCreates.push({ phone, name, email: email || null });
          action = 'create';
        } else {
          const mine = [...(snap.memberships.get(known.id)?.keys() ?? [])].some((u) => unitPathsById.has(u) && covers(who.coordinator, unitPathsById.get(u)!));
          const update: Actions['personUpdates'][number] = { id: known.id };
          if (name !== known.name) {
            if (mine) (update.name = name), changed.push('name');
            else warnings.push(toIssue(issues.nameKept(rows.at(line, 'name'), known.name)));
          }
          if (email && email !== known.email && (mine || known.email === null)) (update.email = email), changed.push('email');
          if (changed.length) actions.personUpdates.push(update);
        }
      }
      person.units.set(unit, line.n);
      const held = known && unit.id !== null ? snap.memberships.get(known.id)?.get(unit.id) : undefined;
      const effectiveRole = role ?? held ?? 'volunteer';
      if (held !== effectiveRole) {
        actions.memberships.push({ person: person.ref, unit: refOf(unit), role: effectiveRole });
        if (action !== 'create') changed.push('membership');
      }
      if (effectiveRole === 'volunteer') {
        volunteers.push(person.ref);
        if (!(known && unit.id !== null && snap.volunteerGrants.has(`${known.id}:${unit.id}`))) {
          actions.volunteerGrants.push({ person: person.ref, unit: refOf(unit) });
          if (action !== 'create' && held === effectiveRole) changed.push('access');
        }
      }
      if (team && !person.team) {
        person.team = team;
        person.teamRow = line.n;
        const open = known ? snap.placements.get(known.id) : undefined;
        const key = `${'id' in person.ref ? person.ref.id : person.ref.phone}`;
        if ((team.id === null || open?.teamId !== team.id) && !placed.has(key)) {
          placed.add(key);
          actions.placements.push({ person: person.ref, team: team.id !== null ? { id: team.id } : { code: team.code } });
          if (action !== 'create') changed.push('team');
        }
      }
      if (action !== 'create' && changed.length) action = 'update';
      record(rows, line, { action, key: phone, label: name, changes: changed });
    }
  }

  // Errors in the order a person reads the file: sheet by sheet, row by row (a sort is stable: a row's errors keep their column order).
  const sheetIndex = new Map(file.sheets.map((sh, i) => [sh.name, i]));
  errors.sort((a, b) => sheetIndex.get(a.sheet)! - sheetIndex.get(b.sheet)! || a.row - b.row);
  const planHash = createHash('sha256').update(canonicalJson({ actions, options: { campaignId: options.campaignId ?? null } })).digest('hex');
  // A file with errors applies nothing: its hash says so, so a preview with errors can never be applied by its hash.
  return { actions, planHash: errors.length ? createHash('sha256').update(`errors:${planHash}`).digest('hex') : planHash, sheets, changes, errors, warnings, volunteers: dedupe(volunteers) };
}

function dedupe(refs: PersonRef[]): PersonRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const k = 'id' in r ? `id:${r.id}` : `phone:${r.phone}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

/** Whether a plan writes anything. */
export const writesNothing = (a: Actions) => Object.values(a).every((list) => list.length === 0);
