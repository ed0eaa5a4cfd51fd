import type { schema } from '@xk/db';
import type { ActivityInput } from '@xk/contract';
import { posterCodeProblem } from '../stations/poster-code';
import type { CorrectableEntry, References } from './activity-references';

export type ActivityInsert = typeof schema.activity.$inferInsert;
export type Rejection = { field: string; reason: string };

/** How far ahead of the server a device clock may be before its `occurredAt` is taken as now. */
const maxClockSkewMs = 2 * 60_000;

/**
 * Turns one checked entry into the row to store, or says which field makes it impossible. Pure:
 * every lookup comes from `refs`, which the caller keeps current as rows of the batch are accepted.
 */
export function toRow(input: ActivityInput, bodyHash: string, refs: References, now: Date): ActivityInsert | Rejection {
  if (!refs.people.has(input.personId)) return { field: 'personId', reason: `person ${input.personId} does not exist` };
  const station = input.stationId !== undefined ? refs.stations.get(input.stationId) : undefined;
  if (input.stationId !== undefined && (!station || station.campaignId !== input.campaignId)) {
    return { field: 'stationId', reason: `station ${input.stationId} is not a station of this campaign` };
  }
  const team = input.teamId !== undefined ? refs.teams.get(input.teamId) : undefined;
  if (input.teamId !== undefined && !team) return { field: 'teamId', reason: `team ${input.teamId} does not exist` };
  if (input.unitId !== undefined && !refs.units.has(input.unitId)) return { field: 'unitId', reason: `unit ${input.unitId} does not exist` };

  const occurredAt = new Date(input.occurredAt);
  // A phone whose clock runs ahead must not push counts into the future; its tap still counts, now.
  const occurred = occurredAt.getTime() > now.getTime() + maxClockSkewMs ? now : occurredAt;
  const base = {
    id: input.id,
    campaignId: input.campaignId,
    kind: input.kind,
    personId: input.personId,
    stationId: input.stationId ?? null,
    teamId: input.teamId ?? null,
    occurredAt: occurred,
    countedAt: occurred,
    receivedAt: now,
    bodyHash,
  };

  if (input.kind === 'correction') return correctionRow(input, base, refs);

  const unitId = input.unitId ?? station?.unitId ?? team?.unitId ?? refs.homeUnits.get(input.personId);
  if (unitId === undefined) return { field: 'unitId', reason: 'cannot tell which unit this counts for: give unitId, stationId or teamId' };
  const unitPath = refs.units.get(unitId)?.path;
  if (unitPath !== undefined && !unitPath.startsWith(refs.scopePath)) return { field: 'unitId', reason: `unit ${unitId} is outside the campaign's scope` };
  const row = { ...base, unitId, seq: 0 };

  switch (input.kind) {
    case 'check_in': {
      if (input.shiftId !== undefined && refs.shifts.get(input.shiftId)?.stationId !== input.stationId) {
        return { field: 'shiftId', reason: `shift ${input.shiftId} is not a shift of station ${input.stationId}` };
      }
      // A scanned poster: it must be one this hub signed for this very campaign and station.
      if (input.posterCode !== undefined) {
        const problem = posterCodeProblem(input.posterCode, { campaignId: input.campaignId, stationId: input.stationId! }, refs.posterKeys); // a check-in names its station (schema)
        if (problem) return { field: 'posterCode', reason: problem };
      }
      return { ...row, shiftId: input.shiftId ?? null };
    }
    case 'check_out':
      return row;
    case 'assistance':
      if (!refs.services.has(input.serviceCode)) return { field: 'serviceCode', reason: `${input.serviceCode} is not an active service of this campaign` };
      return {
        ...row,
        tally: 'assistance',
        serviceCode: input.serviceCode,
        beneficiary: input.beneficiary ?? 'resident',
        quantity: input.quantity ?? 1,
        reason: input.reason ?? null,
        tags: input.tags && Object.keys(input.tags).length ? (input.tags as Record<string, string>) : null,
      };
    case 'adoption': {
      if (!refs.services.has(input.serviceCode)) return { field: 'serviceCode', reason: `${input.serviceCode} is not an active service of this campaign` };
      const key = `${input.personId}:${input.serviceCode}`;
      if ((refs.adoptions.get(key) ?? 0) > 0) return { field: 'serviceCode', reason: `person ${input.personId} already adopted ${input.serviceCode}` };
      refs.adoptions.set(key, 1);
      return { ...row, tally: 'adoption', serviceCode: input.serviceCode, quantity: 1 };
    }
    case 'session':
      return { ...row, tally: 'session', sessionKind: input.sessionKind, quantity: 1, attendance: input.attendance, reason: input.reason ?? null };
    case 'reassignment': {
      if (input.toStationId === undefined && input.toTeamId === undefined) return { field: 'toStationId', reason: 'a reassignment names toStationId, toTeamId or both' };
      if (input.toStationId !== undefined && refs.stations.get(input.toStationId)?.campaignId !== input.campaignId) {
        return { field: 'toStationId', reason: `station ${input.toStationId} is not a station of this campaign` };
      }
      if (input.toTeamId !== undefined && !refs.teams.has(input.toTeamId)) return { field: 'toTeamId', reason: `team ${input.toTeamId} does not exist` };
      return { ...row, toStationId: input.toStationId ?? null, toTeamId: input.toTeamId ?? null, reason: input.reason ?? null };
    }
  }
}

function correctionRow(
  input: Extract<ActivityInput, { kind: 'correction' }>,
  base: Omit<ActivityInsert, 'seq' | 'unitId'>,
  refs: References,
): ActivityInsert | Rejection {
  const target: CorrectableEntry | undefined = refs.corrected.get(input.correctsId);
  if (!target || target.campaignId !== input.campaignId) return { field: 'correctsId', reason: `entry ${input.correctsId} is not an entry of this campaign` };
  if (!target.tally || target.kind === 'correction') return { field: 'correctsId', reason: `a ${target.kind} entry cannot be corrected` };
  let quantity: number;
  let attendance: number;
  if (input.action === 'void') {
    if (target.quantity === 0 && target.attendance === 0) return { field: 'correctsId', reason: 'the entry is already void' };
    quantity = -target.quantity;
    attendance = -target.attendance;
  } else {
    if (input.quantity === undefined && input.attendance === undefined) return { field: 'quantity', reason: 'an adjustment gives the new quantity or attendance' };
    if (target.tally === 'adoption') return { field: 'action', reason: 'an adoption is voided, not adjusted' };
    if (input.attendance !== undefined && target.tally !== 'session') return { field: 'attendance', reason: 'only sessions have an attendance' };
    if (target.tally === 'session' && input.quantity !== undefined && input.quantity > 1) return { field: 'quantity', reason: 'a session counts once: adjust its attendance' };
    quantity = input.quantity === undefined ? 0 : input.quantity - target.quantity;
    attendance = input.attendance === undefined ? 0 : input.attendance - target.attendance;
  }
  target.quantity += quantity;
  target.attendance += attendance;
  if (target.tally === 'adoption' && target.serviceCode) refs.adoptions.set(`${target.personId}:${target.serviceCode}`, target.quantity);
  // The correction counts where, when and for whom the corrected entry counted, so every rollup nets out.
  return {
    ...base,
    seq: 0,
    personId: target.personId,
    recordedById: input.personId,
    unitId: target.unitId,
    stationId: target.stationId,
    teamId: target.teamId,
    tally: target.tally,
    serviceCode: target.serviceCode,
    beneficiary: target.beneficiary,
    sessionKind: target.sessionKind,
    quantity,
    attendance,
    countedAt: target.countedAt,
    correctsId: target.id,
    reason: input.reason,
  };
}
