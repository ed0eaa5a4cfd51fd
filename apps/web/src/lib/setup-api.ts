// The set-up tab's calls (campaigns, catalogue, targets, stations, shifts, teams, invites): plain
// JSON through api.ts, loaded with the tab's chunk only.
import type {
  Campaign,
  CampaignCreate,
  CampaignUpdate,
  Invite,
  InviteCreated,
  Service,
  ServiceUpsert,
  Shift,
  ShiftCreate,
  Station,
  StationCreate,
  StationPoster,
  StationUpdate,
  Target,
  TargetSplit,
  TargetUpsert,
  Team,
  TeamCreate,
  TeamUpdate,
} from '@xk/contract';
import { deleteJson, getJson, patchJson, postJson, putJson } from './api';

const campaign = (id: number) => `/api/v1/campaigns/${id}`;

export const createCampaign = (input: CampaignCreate) => postJson<Campaign>('/api/v1/campaigns', input);
export const updateCampaign = (id: number, input: CampaignUpdate) => patchJson<Campaign>(campaign(id), input);

export const putService = (campaignId: number, code: string, input: ServiceUpsert) => putJson<Service>(`${campaign(campaignId)}/services/${encodeURIComponent(code)}`, input);

export const listTargets = (campaignId: number, signal?: AbortSignal) => getJson<Target[]>(`${campaign(campaignId)}/targets`, signal);
export const putTarget = (campaignId: number, input: TargetUpsert) => putJson<Target>(`${campaign(campaignId)}/targets`, input);
export const deleteTarget = (campaignId: number, targetId: number) => deleteJson(`${campaign(campaignId)}/targets/${targetId}`);
/** Splits a unit's target among its child units; answers the children's new targets. */
export const splitTarget = (campaignId: number, input: TargetSplit) => postJson<Target[]>(`${campaign(campaignId)}/targets/split`, input);

export const listStations = (campaignId: number, signal?: AbortSignal) => getJson<Station[]>(`${campaign(campaignId)}/stations`, signal);
export const createStation = (campaignId: number, input: StationCreate) => postJson<Station>(`${campaign(campaignId)}/stations`, input);
export const updateStation = (id: number, input: StationUpdate) => patchJson<Station>(`/api/v1/stations/${id}`, input);
export const listShifts = (stationId: number, signal?: AbortSignal) => getJson<Shift[]>(`/api/v1/stations/${stationId}/shifts`, signal);
export const createShift = (stationId: number, input: ShiftCreate) => postJson<Shift>(`/api/v1/stations/${stationId}/shifts`, input);
/** The station's signed poster code and the URL its QR carries. */
export const stationPoster = (stationId: number, campaignId: number) => getJson<StationPoster>(`/api/v1/stations/${stationId}/poster?campaignId=${campaignId}`);

export const listTeams = (signal?: AbortSignal) => getJson<Team[]>('/api/v1/teams', signal);
export const createTeam = (input: TeamCreate) => postJson<Team>('/api/v1/teams', input);
export const updateTeam = (id: number, input: TeamUpdate) => patchJson<Team>(`/api/v1/teams/${id}`, input);

export interface InviteInput {
  teamId?: number;
  stationId?: number;
  label?: string;
  maxUses: number;
  expiresAt: string;
}
/** The answer carries the secret and its link once: they are never shown again. */
export const createInvite = (campaignId: number, input: InviteInput) => postJson<InviteCreated>(`${campaign(campaignId)}/invites`, input);
export const listInvites = (campaignId: number, signal?: AbortSignal) => getJson<Invite[]>(`${campaign(campaignId)}/invites`, signal);
export const revokeInvite = (id: number) => postJson<Invite>(`/api/v1/invites/${id}/revoke`);
