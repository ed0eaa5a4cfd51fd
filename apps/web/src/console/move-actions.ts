// Moving people from the console: the command names what the coordinator sees (each person's open
// placement), so a move someone else made meanwhile is refused by the hub rather than overwritten;
// the refusal is explained with who moved them, where and when. Every command has an id made here,
// so a retry is never a second move.
import type { RosterView } from '@xk/contract';
import { ApiError } from '../lib/api';
import { listMovesOf, postMove, undoMove } from '../lib/console-api';
import { formatClock } from '../lib/format';
import { newId } from '../phone/ids';
import { failureText } from './failure-text';
import type { ConsoleMessages } from './i18n-console';
import { expectedOf, placeOf } from './roster-rules';

export interface Destination {
  stationId?: number | undefined;
  teamId?: number | undefined;
}

export type Outcome = { ok: true; text: string; moveId: string } | { ok: false; text: string };

export interface MoveActionsDeps {
  campaignId: () => number;
  roster: () => RosterView | null;
  me: () => number | undefined;
  t: () => ConsoleMessages;
  timeZone: () => string;
}

/** "Lan N., Hùng T. và 3 người khác": who a move names, as a toast says it. */
export function namesOf(roster: RosterView, personIds: number[], t: ConsoleMessages): string {
  const names = personIds.map((id) => roster.people[id]?.name ?? `#${id}`);
  return t.andOthers(names.slice(0, 2).join(', '), Math.max(0, names.length - 2));
}

/** The value once `read` gives one, or null after `ms`. */
async function soon<T>(read: () => T | undefined, ms = 1500): Promise<T | null> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function createMoveActions(deps: MoveActionsDeps) {
  /** Why a move was refused with 409: the first person someone else moved, by whom, where to and when. */
  async function explainConflict(personIds: number[], before: RosterView): Promise<string> {
    const t = deps.t();
    for (const personId of personIds) {
      const moves = await listMovesOf(deps.campaignId(), personId).catch(() => []);
      const latest = moves[moves.length - 1];
      const was = before.people[personId];
      if (!latest || !was || latest.fromAssignmentId !== (was.assignmentId ?? null)) continue;
      // The roster hears of the other move within a second (it names who made it): wait for it a little.
      const by = latest.requestedById === null ? null : await soon(() => deps.roster()?.moves[latest.id]?.by);
      const now = deps.roster();
      const where = placeOf(now ?? before, { stationId: latest.toStationId ?? undefined, teamId: latest.toTeamId ?? undefined });
      return t.conflict(was.name, by, where, formatClock(new Date(latest.createdAt), deps.timeZone()));
    }
    return t.conflictUnknown;
  }

  /** Why the hub refused: outside one's units said in words, anything else as the hub said it. */
  function refusal(err: unknown): string {
    const t = deps.t();
    if (err instanceof ApiError && err.problem.kind === 'http' && err.problem.status === 403) return t.outOfScope;
    return failureText(err, t.unreachable);
  }

  return {
    /** Moves people to a station and/or team; the answer's text is for the toast. */
    async move(personIds: number[], to: Destination, reason?: string): Promise<Outcome> {
      const roster = deps.roster();
      const t = deps.t();
      if (!roster || personIds.length === 0) return { ok: false, text: t.conflictUnknown };
      const id = newId();
      const me = deps.me();
      try {
        await postMove(deps.campaignId(), {
          id,
          personIds,
          ...(to.stationId !== undefined ? { toStationId: to.stationId } : {}),
          ...(to.teamId !== undefined ? { toTeamId: to.teamId } : {}),
          ...(reason?.trim() ? { reason: reason.trim() } : {}),
          ...(me !== undefined ? { requestedById: me } : {}),
          expected: expectedOf(roster, personIds),
        });
        return { ok: true, moveId: id, text: t.moved(namesOf(roster, personIds, t), placeOf(roster, to)) };
      } catch (err) {
        if (err instanceof ApiError && err.problem.kind === 'http' && err.problem.status === 409) return { ok: false, text: await explainConflict(personIds, roster) };
        return { ok: false, text: refusal(err) };
      }
    },

    /** Puts the people of a move back where it took them from. */
    async undo(moveId: string, personIds: number[]): Promise<Outcome> {
      const t = deps.t();
      const roster = deps.roster();
      const id = newId();
      const me = deps.me();
      try {
        await undoMove(moveId, { id, ...(me !== undefined ? { requestedById: me } : {}) });
        return { ok: true, moveId: id, text: t.undone(roster ? namesOf(roster, personIds, t) : '') };
      } catch (err) {
        if (err instanceof ApiError && err.problem.kind === 'http' && err.problem.status === 409) return { ok: false, text: t.undoRefused };
        return { ok: false, text: refusal(err) };
      }
    },
  };
}
export type MoveActions = ReturnType<typeof createMoveActions>;
