import { createHash } from 'node:crypto';
import type { Db } from '@xk/db';
import type { ImportPreview, ImportQuery, ImportResult } from '@xk/contract';
import { normalizeSheetPhone } from '@xk/domain';
import type { AuthService, RequestOrigin } from '../auth/auth-service';
import { type Actor, scopesOf } from '../auth/scope';
import { AppError } from '../errors';
import type { Services } from '../services';
import { applyActions } from './import-apply';
import { type Plan, planImport, writesNothing } from './import-plan';
import { loadSnapshot } from './import-snapshot';
import { layoutOf } from './sheet-columns';
import { type ReadFile, readSpreadsheet } from './sheet-read';

/** A preview lists at most this many changes and errors (its totals count them all). */
const listCap = 5000;

/** The phones a file's people sheets hold: the people the snapshot needs. */
function phonesIn(file: ReadFile, query: ImportQuery): string[] {
  const phones: string[] = [];
  for (const sheet of file.sheets) {
    const layout = layoutOf(sheet.lines, file.format === 'csv' ? query.kind : undefined);
    const i = layout?.kind === 'people' ? layout.columns.get('phone') : undefined;
    if (i === undefined) continue;
    for (const line of sheet.lines) {
      const p = normalizeSheetPhone(line.cells[i] ?? '');
      if (p.ok) phones.push(p.phone);
    }
  }
  return phones;
}

/** An apply that did not write: the preview says why (its rows' errors, or a plan that changed). */
export class ImportRefused extends AppError {
  constructor(
    status: 409 | 422,
    message: string,
    readonly preview: ImportPreview,
  ) {
    super(status, status === 409 ? 'conflict' : 'unprocessable', message, status === 409 ? 'query/expect' : 'body');
  }
}

/**
 * Spreadsheet onboarding: a dry run that says what a file would create or change and every row's
 * errors, then an apply that re-plans inside one transaction and writes all of it or nothing.
 * Re-importing a file already imported plans no action and writes nothing.
 */
export function createImportService(db: Db, services: Services, auth: AuthService) {
  const importerOf = (actor: Actor) => ({ coordinator: scopesOf(actor, 'coordinator'), organizer: scopesOf(actor, 'organizer') });

  function totalsOf(plan: Plan): ImportPreview['totals'] {
    const totals = plan.sheets.reduce((t, s) => ({ create: t.create + s.create, update: t.update + s.update, unchanged: t.unchanged + s.unchanged, errors: t.errors + s.errors }), { create: 0, update: 0, unchanged: 0, errors: 0 });
    return { ...totals, errors: Math.max(totals.errors, plan.errors.length ? 1 : 0) };
  }

  function previewOf(plan: Plan, upload: { file: ReadFile; sha256: string; bytes: number }): ImportPreview {
    const changes = plan.changes.filter((c) => c.action !== 'unchanged');
    return {
      planHash: plan.planHash,
      file: { format: upload.file.format, sha256: upload.sha256, bytes: upload.bytes },
      sheets: plan.sheets,
      totals: totalsOf(plan),
      changes: changes.slice(0, listCap),
      errors: plan.errors.slice(0, listCap),
      warnings: plan.warnings.slice(0, listCap),
      truncated: changes.length > listCap || plan.errors.length > listCap || plan.warnings.length > listCap,
    };
  }

  async function read(buffer: Buffer, query: ImportQuery) {
    if (query.campaignId !== undefined) await services.campaigns.row(query.campaignId);
    const file = await readSpreadsheet(buffer);
    return { file, phones: phonesIn(file, query), sha256: createHash('sha256').update(buffer).digest('hex'), bytes: buffer.length };
  }

  return {
    async preview(actor: Actor, buffer: Buffer, query: ImportQuery): Promise<ImportPreview> {
      const upload = await read(buffer, query);
      const snapshot = await loadSnapshot(db, upload.phones, query.campaignId);
      return previewOf(planImport(upload.file, snapshot, importerOf(actor), query), upload);
    },

    async apply(actor: Actor, buffer: Buffer, query: ImportQuery, origin: RequestOrigin): Promise<ImportResult> {
      const upload = await read(buffer, query);
      const { plan, applied } = await db.transaction(async (tx) => {
        const plan = planImport(upload.file, await loadSnapshot(tx, upload.phones, query.campaignId), importerOf(actor), query);
        if (plan.errors.length) throw new ImportRefused(422, `${plan.errors.length} problems in the file: nothing was imported`, previewOf(plan, upload));
        if (query.expect && query.expect !== plan.planHash) throw new ImportRefused(409, 'The data changed since the preview: check the new preview and confirm again', previewOf(plan, upload));
        const applied = writesNothing(plan.actions) ? null : await applyActions(tx, plan.actions, query.campaignId, new Date());
        return { plan, applied };
      });
      if (applied?.treeChanged) services.units.events.emit('tree-changed');
      for (const p of applied?.renamedPeople ?? []) services.people.events.emit('named', p.id, p.name);
      for (const t of applied?.renamedTeams ?? []) services.teams.events.emit('named', t.id, t.name);
      // Imported people, placements and teams show on coordinators' rosters (read again whole: an import is rare and large).
      if (applied && query.campaignId) services.assignments.events.emit('placed', query.campaignId, null);
      if (applied && applied.created.teams + applied.updated.teams > 0) services.teams.events.emit('changed');
      const zero = { units: 0, teams: 0, people: 0, memberships: 0, placements: 0 };
      const result: ImportResult = {
        planHash: plan.planHash,
        totals: totalsOf(plan),
        created: applied?.created ?? zero,
        updated: applied?.updated ?? zero,
        volunteerIds: plan.volunteers.map((r) => ('id' in r ? r.id : applied!.personIds.get(r.phone)!)),
      };
      if (applied) await auth.audit(actor, 'import.apply', query.campaignId ? `campaign:${query.campaignId}` : null, { sha256: upload.sha256, created: result.created, updated: result.updated }, origin);
      return result;
    },
  };
}
export type ImportService = ReturnType<typeof createImportService>;
