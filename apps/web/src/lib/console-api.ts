// The coordinator console's calls: moves and their undo, messages, a volunteer's entries and the
// hand-written entries that fix the record. Every write carries an id made here, so a retry after
// a lost answer is recognised by the hub and never counted twice.
import type { ActivityInput, ActivityResult, Message, Move, MoveResult, PersonEntry, Unit } from '@xk/contract';
import { getJson, postJson } from './api';

export interface MoveRequest {
  id: string;
  personIds: number[];
  toStationId?: number;
  toTeamId?: number;
  reason?: string;
  requestedById?: number;
  expected: Array<{ personId: number; assignmentId: number | null }>;
}

export const postMove = (campaignId: number, body: MoveRequest) => postJson<MoveResult>(`/api/v1/campaigns/${campaignId}/moves`, body);

export const undoMove = (moveId: string, body: { id: string; requestedById?: number }) => postJson<MoveResult>(`/api/v1/moves/${encodeURIComponent(moveId)}/undo`, body);

/** The moves of these people (to tell who moved someone first when a move of ours was refused). */
export const listMovesOf = (campaignId: number, personId: number) => getJson<Move[]>(`/api/v1/campaigns/${campaignId}/moves?personId=${personId}`);

export const postMessage = (campaignId: number, body: { id: string; audience: { kind: 'team' | 'station' | 'on_duty'; id?: number }; body: string; senderId?: number }) =>
  postJson<Message>(`/api/v1/campaigns/${campaignId}/messages`, body);

export const listMessages = (campaignId: number, signal?: AbortSignal) => getJson<Message[]>(`/api/v1/campaigns/${campaignId}/messages?limit=200`, signal);

export const fetchEntries = (campaignId: number, personId: number, signal?: AbortSignal) => getJson<PersonEntry[]>(`/api/v1/campaigns/${campaignId}/people/${personId}/entries?limit=100`, signal);

/** One entry written by hand (a correction, a back-fill): answered with its result. */
export const postEntry = (entry: ActivityInput) => postJson<ActivityResult>('/api/v1/activity', entry);

export const listUnitsOfMine = (signal?: AbortSignal) => getJson<Unit[]>('/api/v1/units', signal);
