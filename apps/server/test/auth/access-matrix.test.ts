import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type WebSocket from 'ws';
import { schema } from '@xk/db';
import { type Role, rankOf } from '../../src/auth/scope';
import { hashSecret, newSecret } from '../../src/auth/secrets';
import { assistance, code, createCampaign, createPerson, createStation, createUnit, phone } from '../helpers/fixtures';
import { created, type Method } from '../helpers/requests';
import { type Caller, createTestApp, type TestApp } from '../helpers/test-app';

/**
 * Every route under /api/v1 against its policy, over two sibling branches A and B of one root:
 * signed out, a volunteer of A (who is also the person of A), a coordinator of A, an organizer of
 * A, and the whole-tree admin. A route the hub serves that this table does not list fails the
 * suite: a route added without a thought-out policy cannot slip in.
 */

type Scene = Awaited<ReturnType<typeof createScene>>;
type Side = Scene['A'];
interface Req {
  method: Method;
  url: string;
  payload?: object | string;
  headers?: Record<string, string>;
}
interface Row {
  /** The weakest caller the route lets through on its own branch. */
  min: 'public' | 'signedIn' | Role;
  /** The request on one branch's things. */
  req: (side: Side, scene: Scene) => Req;
  /** The volunteer of A is the person of A: the route lets the person concerned through, whatever the role. */
  self?: true;
  /**
   * A list narrowed rather than refused: a caller of A asking on B's side gets 200 without B's
   * things (true when that holds). Also the batch write, which rejects the item instead of the request.
   */
  narrowed?: (body: any, scene: Scene) => boolean;
  /** Only people up to this role (a PIN is a volunteer's: staff are refused). */
  max?: Role;
  /** Each call with a fresh session (sign-out ends the one it is called with). */
  fresh?: true;
  /** A WebSocket route: the upgrade request is answered 101 or refused with a status. */
  ws?: true;
  /** Beyond the status, what an allowed answer holds (the batch write answers 200 whatever each item's fate). */
  accepted?: (body: any) => boolean;
}

const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

const table: Record<string, Row> = {
  // ─── auth (sign-in and who am I) ───
  'POST /api/v1/auth/sign-in': { min: 'public', req: () => ({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { login: phone(), password: 'không phải mật khẩu' } }) },
  'POST /api/v1/auth/setup': { min: 'public', req: () => ({ method: 'POST', url: '/api/v1/auth/setup', payload: { secret: 'x'.repeat(43), name: 'Quản trị', phone: phone(), password: 'mật khẩu đủ dài' } }) },
  'POST /api/v1/auth/links/redeem': { min: 'public', req: () => ({ method: 'POST', url: '/api/v1/auth/links/redeem', payload: { secret: 'y'.repeat(43) } }) },
  'GET /api/v1/auth/me': { min: 'signedIn', req: () => ({ method: 'GET', url: '/api/v1/auth/me' }) },
  'POST /api/v1/auth/sign-out': { min: 'signedIn', fresh: true, req: () => ({ method: 'POST', url: '/api/v1/auth/sign-out' }) },
  'GET /api/v1/people/:id/grants': { min: 'coordinator', self: true, req: (s) => ({ method: 'GET', url: `/api/v1/people/${s.person.id}/grants` }) },
  'POST /api/v1/people/:id/sessions/revoke': { min: 'coordinator', req: (s) => ({ method: 'POST', url: `/api/v1/people/${s.spare.id}/sessions/revoke` }) },
  'POST /api/v1/people/:id/grants': { min: 'organizer', req: (s) => ({ method: 'POST', url: `/api/v1/people/${s.person.id}/grants`, payload: { role: 'volunteer', unitId: s.unit.id } }) },

  // ─── organisation ───
  'GET /api/v1/units': { min: 'coordinator', req: (_s, sc) => ({ method: 'GET', url: `/api/v1/units?parentId=${sc.root.id}` }), narrowed: (body, sc) => !body.some((u: { id: number }) => u.id === sc.B.unit.id) },
  'POST /api/v1/units': { min: 'organizer', req: (s) => ({ method: 'POST', url: '/api/v1/units', payload: { code: code('MU'), name: 'Chi đoàn mới', parentId: s.unit.id } }) },
  'GET /api/v1/units/:id': { min: 'coordinator', req: (s) => ({ method: 'GET', url: `/api/v1/units/${s.unit.id}` }) },
  'PATCH /api/v1/units/:id': { min: 'organizer', req: (s) => ({ method: 'PATCH', url: `/api/v1/units/${s.unit.id}`, payload: { name: `Đoàn phường ${s.name} (đổi tên)` } }) },
  'GET /api/v1/units/:id/subtree': { min: 'coordinator', req: (s) => ({ method: 'GET', url: `/api/v1/units/${s.unit.id}/subtree` }) },
  'POST /api/v1/units/:id/merge': { min: 'organizer', req: (s) => ({ method: 'POST', url: `/api/v1/units/${s.mergeFrom.id}/merge`, payload: { successorId: s.mergeInto.id } }) },
  'GET /api/v1/people': { min: 'coordinator', req: (s) => ({ method: 'GET', url: `/api/v1/people?unitId=${s.unit.id}` }) },
  'POST /api/v1/people': { min: 'coordinator', req: (s) => ({ method: 'POST', url: '/api/v1/people', payload: { name: 'Lê Thị Mới', phone: phone(), memberships: [{ unitId: s.unit.id, role: 'volunteer' }] } }) },
  'GET /api/v1/people/:id': { min: 'coordinator', self: true, req: (s) => ({ method: 'GET', url: `/api/v1/people/${s.person.id}` }) },
  'PATCH /api/v1/people/:id': { min: 'coordinator', self: true, req: (s) => ({ method: 'PATCH', url: `/api/v1/people/${s.person.id}`, payload: { name: `Người của ${s.name}` } }) },
  'GET /api/v1/teams': { min: 'coordinator', req: (s) => ({ method: 'GET', url: `/api/v1/teams?unitId=${s.unit.id}` }) },
  'POST /api/v1/teams': { min: 'organizer', req: (s) => ({ method: 'POST', url: '/api/v1/teams', payload: { code: code('T'), name: 'Tổ công nghệ số', unitId: s.unit.id } }) },
  'GET /api/v1/teams/:id': { min: 'coordinator', req: (s) => ({ method: 'GET', url: `/api/v1/teams/${s.team.id}` }) },
  'PATCH /api/v1/teams/:id': { min: 'organizer', req: (s) => ({ method: 'PATCH', url: `/api/v1/teams/${s.team.id}`, payload: { name: 'Đội hình IT Xanh' } }) },

  // ─── campaigns, catalogue, targets ───
  'GET /api/v1/campaigns': { min: 'volunteer', req: () => ({ method: 'GET', url: '/api/v1/campaigns' }), narrowed: (body, sc) => !body.some((c: { id: number }) => c.id === sc.B.campaign.id) },
  'POST /api/v1/campaigns': { min: 'organizer', req: (s) => ({ method: 'POST', url: '/api/v1/campaigns', payload: { code: code('C'), name: 'Chiến dịch mới', startsAt: later(-1), endsAt: later(30), scopeUnitId: s.unit.id } }) },
  'GET /api/v1/campaigns/:id': { min: 'volunteer', req: (s) => ({ method: 'GET', url: `/api/v1/campaigns/${s.campaign.id}` }) },
  'PATCH /api/v1/campaigns/:id': { min: 'organizer', req: (s) => ({ method: 'PATCH', url: `/api/v1/campaigns/${s.campaign.id}`, payload: { name: 'Ngày Chuyển đổi số (đổi tên)' } }) },
  'GET /api/v1/campaigns/:id/services': { min: 'volunteer', req: (s) => ({ method: 'GET', url: `/api/v1/campaigns/${s.campaign.id}/services` }) },
  'PUT /api/v1/campaigns/:id/services/:code': { min: 'organizer', req: (s) => ({ method: 'PUT', url: `/api/v1/campaigns/${s.campaign.id}/services/local_app`, payload: { nameVi: 'Ứng dụng công dân', nameEn: 'Citizen app' } }) },
  'GET /api/v1/campaigns/:id/targets': { min: 'volunteer', req: (s) => ({ method: 'GET', url: `/api/v1/campaigns/${s.campaign.id}/targets` }) },
  'PUT /api/v1/campaigns/:id/targets': { min: 'organizer', req: (s) => ({ method: 'PUT', url: `/api/v1/campaigns/${s.campaign.id}/targets`, payload: { unitId: s.unit.id, kind: 'sessions', value: 12 } }) },
  // Before the delete row, which removes the branch's target (12 since the PUT row); its children: the ones not merged by the rows above.
  'POST /api/v1/campaigns/:id/targets/split': {
    min: 'organizer',
    req: (s) => ({ method: 'POST', url: `/api/v1/campaigns/${s.campaign.id}/targets/split`, payload: { unitId: s.unit.id, kind: 'sessions', by: 'equal' } }),
    accepted: (body) => Array.isArray(body) && body.length > 0 && body.reduce((sum: number, x: { value: number }) => sum + x.value, 0) === 12,
  },
  'DELETE /api/v1/campaigns/:id/targets/:targetId': { min: 'organizer', req: (s) => ({ method: 'DELETE', url: `/api/v1/campaigns/${s.campaign.id}/targets/${s.target.id}` }) },

  // ─── stations and shifts ───
  'GET /api/v1/campaigns/:id/stations': { min: 'volunteer', req: (s) => ({ method: 'GET', url: `/api/v1/campaigns/${s.campaign.id}/stations` }) },
  'POST /api/v1/campaigns/:id/stations': { min: 'organizer', req: (s) => ({ method: 'POST', url: `/api/v1/campaigns/${s.campaign.id}/stations`, payload: { unitId: s.unit.id, code: code('S'), name: 'Chợ 4.0', kind: 'market' } }) },
  'GET /api/v1/stations/:id': { min: 'volunteer', req: (s) => ({ method: 'GET', url: `/api/v1/stations/${s.station.id}` }) },
  'PATCH /api/v1/stations/:id': { min: 'organizer', req: (s) => ({ method: 'PATCH', url: `/api/v1/stations/${s.station.id}`, payload: { peopleNeeded: 4 } }) },
  'GET /api/v1/stations/:id/shifts': { min: 'volunteer', req: (s) => ({ method: 'GET', url: `/api/v1/stations/${s.station.id}/shifts` }) },
  'POST /api/v1/stations/:id/shifts': { min: 'organizer', req: (s) => ({ method: 'POST', url: `/api/v1/stations/${s.station.id}/shifts`, payload: { startsAt: later(1), endsAt: later(1.2) } }) },
  'GET /api/v1/stations/:id/poster': {
    min: 'coordinator',
    req: (s) => ({ method: 'GET', url: `/api/v1/stations/${s.station.id}/poster?campaignId=${s.campaign.id}` }),
    accepted: (body) => typeof body.token === 'string' && body.url.endsWith(`/phone/#/checkin/${body.token}`),
  },

  // ─── placements, activity, totals ───
  'GET /api/v1/campaigns/:id/assignments': { min: 'coordinator', req: (s) => ({ method: 'GET', url: `/api/v1/campaigns/${s.campaign.id}/assignments` }) },
  'POST /api/v1/campaigns/:id/assignments': { min: 'coordinator', req: (s) => ({ method: 'POST', url: `/api/v1/campaigns/${s.campaign.id}/assignments`, payload: { personId: s.person.id, stationId: s.station.id } }) },
  // Anyone signed in writes their own entries (the volunteer of A is the person of A); the person of each entry is checked.
  'POST /api/v1/activity': { min: 'volunteer', req: (s) => ({ method: 'POST', url: '/api/v1/activity', payload: assistance(s) }) },
  'POST /api/v1/activity/batch': {
    min: 'volunteer',
    accepted: (body) => body.results?.[0]?.status === 'accepted',
    req: (s) => ({ method: 'POST', url: '/api/v1/activity/batch', payload: { items: [assistance(s)] } }),
    // A sync is never refused whole: the item for a person outside the caller's units is rejected.
    narrowed: (body) => body.results?.[0]?.status === 'rejected' && body.results[0].field === 'personId' && body.results[0].reason === 'outside your units',
  },
  'GET /api/v1/campaigns/:id/people/:personId/entries': { min: 'coordinator', self: true, req: (s) => ({ method: 'GET', url: `/api/v1/campaigns/${s.campaign.id}/people/${s.person.id}/entries` }) },
  'GET /api/v1/campaigns/:id/activity': { min: 'coordinator', req: (s) => ({ method: 'GET', url: `/api/v1/campaigns/${s.campaign.id}/activity` }) },
  'GET /api/v1/activity/stream': { min: 'coordinator', ws: true, req: (s) => ({ method: 'GET', url: `/api/v1/activity/stream?campaignId=${s.campaign.id}` }) },
  'GET /api/v1/campaigns/:id/totals': { min: 'volunteer', req: (s) => ({ method: 'GET', url: `/api/v1/campaigns/${s.campaign.id}/totals` }) },
  'GET /api/v1/campaigns/:id/totals/daily': { min: 'volunteer', req: (s) => ({ method: 'GET', url: `/api/v1/campaigns/${s.campaign.id}/totals/daily` }) },
  'GET /api/v1/campaigns/:id/phone-status': { min: 'coordinator', req: (s) => ({ method: 'GET', url: `/api/v1/campaigns/${s.campaign.id}/phone-status` }) },

  // ─── reports and exports: volunteers' names, phones and hours, so coordinators over the unit asked ───
  'GET /api/v1/campaigns/:id/report': { min: 'coordinator', req: (s) => ({ method: 'GET', url: `/api/v1/campaigns/${s.campaign.id}/report` }) },
  'GET /api/v1/campaigns/:id/report.xlsx': { min: 'coordinator', req: (s) => ({ method: 'GET', url: `/api/v1/campaigns/${s.campaign.id}/report.xlsx?unitId=${s.unit.id}` }) },
  'GET /api/v1/campaigns/:id/report.csv': { min: 'coordinator', req: (s) => ({ method: 'GET', url: `/api/v1/campaigns/${s.campaign.id}/report.csv?table=volunteers` }) },
  'GET /api/v1/campaigns/:id/activity/export.csv': { min: 'coordinator', req: (s) => ({ method: 'GET', url: `/api/v1/campaigns/${s.campaign.id}/activity/export.csv` }) },
  'GET /api/v1/campaigns/:id/activity/export.xlsx': { min: 'coordinator', req: (s) => ({ method: 'GET', url: `/api/v1/campaigns/${s.campaign.id}/activity/export.xlsx?unitId=${s.unit.id}` }) },

  // ─── the volunteer's phone: always the caller's own, for a campaign of their units ───
  'GET /api/v1/phone/today': {
    min: 'volunteer',
    req: (s) => ({ method: 'GET', url: `/api/v1/phone/today?campaignId=${s.campaign.id}` }),
    accepted: (body) => typeof body.campaign?.id === 'number' && Array.isArray(body.posterKeys),
  },
  'POST /api/v1/phone/status': { min: 'volunteer', req: (s) => ({ method: 'POST', url: '/api/v1/phone/status', payload: { campaignId: s.campaign.id, queueLength: 0, lastSyncAt: null } }) },

  // ─── moves and messages ───
  'POST /api/v1/campaigns/:id/moves': {
    min: 'coordinator',
    req: (s) => ({ method: 'POST', url: `/api/v1/campaigns/${s.campaign.id}/moves`, payload: { id: randomUUID(), personIds: [s.person.id], toStationId: s.station.id, expected: [{ personId: s.person.id, assignmentId: null }] } }),
  },
  'GET /api/v1/campaigns/:id/moves': { min: 'coordinator', req: (s) => ({ method: 'GET', url: `/api/v1/campaigns/${s.campaign.id}/moves` }) },
  'POST /api/v1/moves/:moveId/undo': { min: 'coordinator', req: (s) => ({ method: 'POST', url: `/api/v1/moves/${s.move}/undo`, payload: { id: randomUUID() } }) },
  'POST /api/v1/moves/:moveId/ack': { min: 'coordinator', self: true, req: (s) => ({ method: 'POST', url: `/api/v1/moves/${randomUUID()}/ack`, payload: { personId: s.person.id } }) },
  'POST /api/v1/campaigns/:id/messages': { min: 'coordinator', req: (s) => ({ method: 'POST', url: `/api/v1/campaigns/${s.campaign.id}/messages`, payload: { id: randomUUID(), audience: { kind: 'station', id: s.station.id }, body: 'Chợ cần thêm hai bạn' } }) },
  'GET /api/v1/campaigns/:id/messages': { min: 'volunteer', req: (s) => ({ method: 'GET', url: `/api/v1/campaigns/${s.campaign.id}/messages` }) },

  // ─── board links and integration tokens ───
  // The revoke rows need a link and a token on each side: the create rows (run before them) keep what they made, by unit
  // (on A by the callers of A, on B by the admin).
  ...((links = new Map<number, number>(), tokens = new Map<number, number>()): Record<string, Row> => ({
    'POST /api/v1/campaigns/:id/board-links': {
      min: 'coordinator',
      req: (s) => ({ method: 'POST', url: `/api/v1/campaigns/${s.campaign.id}/board-links`, payload: { unitId: s.unit.id, label: `TV hội trường ${s.name}` } }),
      accepted: (body) => (links.set(body.unitId, body.id), typeof body.secret === 'string'),
    },
    'GET /api/v1/campaigns/:id/board-links': { min: 'coordinator', req: (s) => ({ method: 'GET', url: `/api/v1/campaigns/${s.campaign.id}/board-links` }) },
    'POST /api/v1/board-links/:id/revoke': { min: 'coordinator', req: (s) => ({ method: 'POST', url: `/api/v1/board-links/${links.get(s.unit.id)}/revoke` }) },
    'POST /api/v1/auth/board': { min: 'public', req: () => ({ method: 'POST', url: '/api/v1/auth/board', payload: { secret: 'z'.repeat(43) } }) },
    'POST /api/v1/tokens': {
      min: 'organizer',
      req: (s) => ({ method: 'POST', url: '/api/v1/tokens', payload: { unitId: s.unit.id, label: `Hệ thống báo cáo ${s.name}` } }),
      accepted: (body) => (tokens.set(body.unitId, body.id), typeof body.secret === 'string'),
    },
    'GET /api/v1/tokens': { min: 'organizer', req: () => ({ method: 'GET', url: '/api/v1/tokens' }), narrowed: (body, sc) => Array.isArray(body) && !body.some((x: { unitId: number }) => x.unitId === sc.B.unit.id) },
    'POST /api/v1/tokens/:id/revoke': { min: 'organizer', req: (s) => ({ method: 'POST', url: `/api/v1/tokens/${tokens.get(s.unit.id)}/revoke` }) },
  }))(),

  // ─── spreadsheet import (every row is checked on its own; the campaign must overlap the caller's units) ───
  // The template is the same for every coordinator: nothing of either branch is in it.
  'GET /api/v1/imports/template.xlsx': { min: 'coordinator', req: () => ({ method: 'GET', url: '/api/v1/imports/template.xlsx' }), narrowed: () => true },
  'GET /api/v1/imports/template.csv': { min: 'coordinator', req: () => ({ method: 'GET', url: '/api/v1/imports/template.csv?kind=people' }), narrowed: () => true },
  'POST /api/v1/imports/preview': {
    min: 'coordinator',
    req: (s) => ({ method: 'POST', url: `/api/v1/imports/preview?campaignId=${s.campaign.id}`, payload: `Họ và tên,Số điện thoại,Đơn vị\r\nNgười Nhập,${phone()},${s.unit.code}\r\n`, headers: { 'content-type': 'text/csv' } }),
    accepted: (body) => body.totals?.create === 1 && body.errors.length === 0,
  },
  'POST /api/v1/imports/apply': {
    min: 'coordinator',
    req: (s) => ({ method: 'POST', url: `/api/v1/imports/apply?campaignId=${s.campaign.id}`, payload: `Họ và tên,Số điện thoại,Đơn vị\r\nNgười Nhập,${phone()},${s.unit.code}\r\n`, headers: { 'content-type': 'text/csv' } }),
    accepted: (body) => body.created?.people === 1,
  },

  // ─── invites and PINs ───
  ...((): Record<string, Row> => {
    // The invite each campaign got last from the create row (its allowed answers), for the revoke row that follows it.
    const invites = new Map<number, number>();
    const pin = '482915';
    return {
      'POST /api/v1/campaigns/:id/invites': {
        min: 'coordinator',
        req: (s) => ({ method: 'POST', url: `/api/v1/campaigns/${s.campaign.id}/invites`, payload: { teamId: s.team.id, stationId: s.station.id, maxUses: 3, expiresAt: later(7) } }),
        accepted: (body) => typeof body?.id === 'number' && typeof body.secret === 'string' && !!invites.set(body.campaignId, body.id),
      },
      'POST /api/v1/campaigns/:id/invites/people': { min: 'coordinator', req: (s) => ({ method: 'POST', url: `/api/v1/campaigns/${s.campaign.id}/invites/people`, payload: { personIds: [s.spare.id], send: false } }), accepted: (body) => body.invites?.length === 1 },
      'GET /api/v1/campaigns/:id/invites': { min: 'coordinator', req: (s) => ({ method: 'GET', url: `/api/v1/campaigns/${s.campaign.id}/invites` }) },
      'POST /api/v1/invites/:id/revoke': { min: 'coordinator', req: (s) => ({ method: 'POST', url: `/api/v1/invites/${invites.get(s.campaign.id) ?? 2147483647}/revoke` }) },
      'POST /api/v1/auth/invites/peek': { min: 'public', req: () => ({ method: 'POST', url: '/api/v1/auth/invites/peek', payload: { secret: newSecret() } }) },
      'POST /api/v1/auth/join': { min: 'public', req: () => ({ method: 'POST', url: '/api/v1/auth/join', payload: { secret: newSecret(), name: 'Tình nguyện viên', phone: phone(), pin } }) },
      'POST /api/v1/auth/pin': { min: 'public', req: () => ({ method: 'POST', url: '/api/v1/auth/pin', payload: { phone: phone(), pin } }) },
      'PUT /api/v1/auth/pin': { min: 'signedIn', max: 'volunteer', req: () => ({ method: 'PUT', url: '/api/v1/auth/pin', payload: { pin } }) },
      'POST /api/v1/auth/pin/code': { min: 'public', req: () => ({ method: 'POST', url: '/api/v1/auth/pin/code', payload: { phone: phone() } }) },
      'POST /api/v1/auth/pin/reset': { min: 'public', req: () => ({ method: 'POST', url: '/api/v1/auth/pin/reset', payload: { phone: phone(), code: '000000', pin } }) },
      'POST /api/v1/people/:id/pin-reset': { min: 'coordinator', req: (s) => ({ method: 'POST', url: `/api/v1/people/${s.person.id}/pin-reset` }) },
    };
  })(),
};

/** One branch under the root: its unit, two leaves to merge, a campaign over it with a station, a team, a member and a target. */
async function createSide(t: TestApp, rootId: number, name: string) {
  const unit = await createUnit(t, { parentId: rootId, name: `Đoàn phường ${name}`, memberCount: 20 });
  const mergeFrom = await createUnit(t, { parentId: unit.id, name: `Chi đoàn ${name} 1` });
  const mergeInto = await createUnit(t, { parentId: unit.id, name: `Chi đoàn ${name} 2` });
  const campaign = await createCampaign(t, unit.id);
  const station = await createStation(t, campaign.id, unit.id);
  const team = (await created(t, '/api/v1/teams', { code: code('T'), name: `Tổ ${name}`, unitId: unit.id })) as { id: number };
  const person = await createPerson(t, unit.id);
  /** Another member, whose sessions may be ended without ending the callers'. */
  const spare = await createPerson(t, unit.id);
  const target = (await (await t.call({ method: 'PUT', url: `/api/v1/campaigns/${campaign.id}/targets`, payload: { unitId: unit.id, kind: 'sessions', value: 10 } })).body) as { id: number };
  /** A move of the spare member, for the undo row. */
  const move = ((await created(t, `/api/v1/campaigns/${campaign.id}/moves`, { id: randomUUID(), personIds: [spare.id], toTeamId: team.id, expected: [{ personId: spare.id, assignmentId: null }] })) as { id: string }).id;
  return { name, unit, mergeFrom, mergeInto, campaign, station, team, person, spare, target, move };
}

async function createScene(t: TestApp) {
  const root = await createUnit(t, { name: 'Thành đoàn Thử', memberCount: 100 });
  const A = await createSide(t, root.id, 'A');
  const B = await createSide(t, root.id, 'B');
  return { root, A, B };
}

/** The routes the hub serves under /api/v1, as `METHOD /path`, read from Fastify's own route tree (HEAD twins of GET routes left out). */
function servedRoutes(t: TestApp): string[] {
  const lines = t.app.printRoutes({ commonPrefix: false }).split('\n');
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of lines) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(\S+)(?: \(([^)]*)\))?$/u.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + m[2]!;
    stack[depth] = path;
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
      if (method !== 'HEAD' && path.startsWith('/api/v1/')) out.push(`${method} ${path}`);
    }
  }
  return [...new Set(out)].sort();
}

let t: TestApp;
let scene: Scene;
const callers: Record<'volA' | 'coordA' | 'orgA', Caller> = {} as never;
const again = { volA: () => t.signInAs('volunteer', scene.A.unit.id, scene.A.person.id), coordA: () => t.signInAs('coordinator', scene.A.unit.id), orgA: () => t.signInAs('organizer', scene.A.unit.id) };

/** Sends a row's request as a caller (null: signed out); a WebSocket route answers 101 when the socket opens. */
async function send(row: Row, req: Req, as: Caller | null): Promise<{ status: number; body: any }> {
  if (!row.ws) return t.call({ method: req.method, url: req.url, payload: req.payload, ...(req.headers ? { headers: req.headers } : {}), as });
  try {
    const ws: WebSocket = await t.app.injectWS(req.url, { headers: as ? { cookie: as.headers.cookie } : {} });
    ws.terminate();
    return { status: 101, body: null };
  } catch (err) {
    const status = Number(/(\d{3})/.exec(String(err))?.[1]);
    return { status, body: String(err) };
  }
}

const sees = (min: Row['min'], role: Role) => min === 'public' || min === 'signedIn' || rankOf(min) <= rankOf(role);

const matrix = suite('access matrix: every route under /api/v1');
matrix.before(async () => {
  t = await createTestApp();
  scene = await createScene(t);
  callers.volA = await again.volA();
  callers.coordA = await again.coordA();
  callers.orgA = await again.orgA();
});

matrix('every route the hub serves is in the table, and every route of the table is served', () => {
  const served = servedRoutes(t);
  assert.ok(served.length > 40, `read ${served.length} routes from printRoutes: the parser is broken`);
  for (const route of served) {
    const [method, url] = route.split(' ') as [string, string];
    assert.ok(t.app.hasRoute({ method: method as Method, url }), `${route} read from printRoutes is not a route`);
  }
  const missing = served.filter((r) => !table[r]);
  assert.equal(missing, [], `a route added without a policy in this table fails the suite: add ${missing.join(', ')} to the access matrix`);
  const stale = Object.keys(table).filter((r) => !served.includes(r));
  assert.equal(stale, [], `routes in the table the hub no longer serves: ${stale.join(', ')}`);
});

matrix('each route: signed out, a volunteer, coordinator and organizer of branch A on A and on B, the admin on B', async () => {
  const failures: string[] = [];
  for (const [route, row] of Object.entries(table)) {
    const check = async (who: string, role: Role | null, side: 'A' | 'B', as: Caller | null, expect: 'allowed' | 'refused' | 401) => {
      const req = row.req(scene[side], scene);
      const res = await send(row, req, as);
      const what = `${route} as ${who} on ${side} (${req.method} ${req.url}) → ${res.status} ${JSON.stringify(res.body)?.slice(0, 200)}`;
      if (res.status >= 500) return failures.push(`${what}: a server error`);
      if (expect === 401) {
        if (row.min === 'public') {
          if (res.status === 403 || res.body?.message === 'Sign in first') failures.push(`${what}: a public route must answer signed out`);
        } else if (res.status !== 401) failures.push(`${what}: expected 401`);
      } else if (expect === 'allowed') {
        if (res.status === 403 || (res.status === 401 && row.min !== 'public')) failures.push(`${what}: expected to be allowed`);
        else if (row.accepted && !row.accepted(res.body)) failures.push(`${what}: expected to be accepted`);
      } else if (row.narrowed && role && sees(row.min, role)) {
        if (res.status !== 200 || !row.narrowed(res.body, scene)) failures.push(`${what}: expected 200 without branch B's things`);
      } else if (res.status !== 403) failures.push(`${what}: expected 403`);
      return undefined;
    };
    const as = async (name: keyof typeof callers) => (row.fresh ? again[name]() : callers[name]);
    const above = (role: Role) => row.max !== undefined && rankOf(role) > rankOf(row.max);
    const crossBranch = (role: Role) => ((row.min === 'public' || row.min === 'signedIn') && !above(role) ? 'allowed' : 'refused');
    const own = (role: Role, ok: boolean) => (ok && !above(role) ? 'allowed' : 'refused');
    await check('nobody', null, 'A', null, 401);
    await check('volunteer of A', 'volunteer', 'B', await as('volA'), crossBranch('volunteer'));
    await check('volunteer of A', 'volunteer', 'A', await as('volA'), own('volunteer', sees(row.min, 'volunteer') || !!row.self));
    await check('coordinator of A', 'coordinator', 'A', await as('coordA'), own('coordinator', sees(row.min, 'coordinator')));
    await check('coordinator of A', 'coordinator', 'B', await as('coordA'), crossBranch('coordinator'));
    await check('organizer of A', 'organizer', 'A', await as('orgA'), own('organizer', sees(row.min, 'organizer')));
    await check('organizer of A', 'organizer', 'B', await as('orgA'), crossBranch('organizer'));
    await check('the admin', 'admin', 'B', row.fresh ? await t.signInAs('admin', null) : t.admin, above('admin') ? 'refused' : 'allowed');
  }
  assert.equal(failures, [], `\n${failures.join('\n')}`);
});

matrix.run();

// ─── the rules the table cannot show ─────────────────────────────────────────────────────────────

const rules = suite('access rules in detail');

rules('a unit at the top of the tree needs a whole-tree admin; an organizer of the root may add under it', async () => {
  const rootOrganizer = await t.signInAs('organizer', scene.root.id);
  const top = { code: code('TOP'), name: 'Tỉnh đoàn mới' };
  assert.is((await t.call({ method: 'POST', url: '/api/v1/units', payload: top, as: rootOrganizer })).status, 403);
  assert.is((await t.call({ method: 'POST', url: '/api/v1/units', payload: { ...top, parentId: scene.root.id }, as: rootOrganizer })).status, 201);
  assert.is((await t.call({ method: 'POST', url: '/api/v1/units', payload: { code: code('TOP'), name: 'Tỉnh đoàn khác' } })).status, 201, 'the whole-tree admin may');
  // Moving branch A to the top: the same rule.
  assert.is((await t.call({ method: 'PATCH', url: `/api/v1/units/${scene.A.unit.id}`, payload: { parentId: null }, as: rootOrganizer })).status, 403);
  // Merging A into B needs both.
  assert.is((await t.call({ method: 'POST', url: `/api/v1/units/${scene.A.unit.id}/merge`, payload: { successorId: scene.B.unit.id }, as: callers.orgA })).status, 403);
});

rules('lists are narrowed to what the caller sees', async () => {
  const units: Array<{ id: number }> = (await t.call({ method: 'GET', url: '/api/v1/units', as: callers.coordA })).body;
  const ids = units.map((u) => u.id);
  assert.ok(ids.includes(scene.A.unit.id) && ids.includes(scene.A.mergeInto.id));
  assert.not.ok(ids.includes(scene.B.unit.id) || ids.includes(scene.root.id), 'neither the sibling branch nor the root');

  const people: Array<{ id: number }> = (await t.call({ method: 'GET', url: '/api/v1/people?limit=1', as: callers.coordA })).body;
  assert.equal(people.map((p) => p.id), [scene.A.person.id], "the first person of A's, not the first of all");
  const everyone: Array<{ id: number }> = (await t.call({ method: 'GET', url: '/api/v1/people', as: callers.coordA })).body;
  assert.not.ok(everyone.some((p) => p.id === scene.B.person.id));

  const teams: Array<{ id: number; unitId: number }> = (await t.call({ method: 'GET', url: '/api/v1/teams', as: callers.coordA })).body;
  assert.ok(teams.some((x) => x.id === scene.A.team.id));
  assert.ok(teams.every((x) => x.unitId === scene.A.unit.id), 'teams of A only');

  const campaigns: Array<{ id: number }> = (await t.call({ method: 'GET', url: '/api/v1/campaigns', as: callers.volA })).body;
  assert.ok(campaigns.some((c) => c.id === scene.A.campaign.id));
  assert.not.ok(campaigns.some((c) => c.id === scene.B.campaign.id));
});

rules('a person may read and rename themself, not change their own phone or units', async () => {
  const me = callers.volA;
  const url = `/api/v1/people/${scene.A.person.id}`;
  assert.is((await t.call({ method: 'GET', url, as: me })).status, 200);
  assert.is((await t.call({ method: 'PATCH', url, payload: { name: 'Tên tự đổi' }, as: me })).status, 200);
  assert.is((await t.call({ method: 'PATCH', url, payload: { memberships: [{ unitId: scene.B.unit.id, role: 'volunteer' }] }, as: me })).status, 403);
  assert.is((await t.call({ method: 'PATCH', url, payload: { phone: phone() }, as: me })).status, 403);
  assert.is((await t.call({ method: 'GET', url: `/api/v1/people/${scene.B.person.id}`, as: me })).status, 403);
  // A coordinator of A may not take a person of A into B.
  assert.is((await t.call({ method: 'PATCH', url, payload: { memberships: [{ unitId: scene.B.unit.id, role: 'volunteer' }] }, as: callers.coordA })).status, 403);
});

rules('activity: a batch writes the entries the caller may, rejects the others one by one and writes nothing of them', async () => {
  const mine = assistance(scene.A);
  const theirs = assistance(scene.B);
  const res = await t.call({ method: 'POST', url: '/api/v1/activity/batch', payload: { items: [mine, theirs] }, as: callers.coordA });
  assert.is(res.status, 200);
  assert.is(res.body.results[0].status, 'accepted');
  assert.equal(res.body.results[1], { id: theirs.id, status: 'rejected', field: 'personId', reason: 'outside your units' });
  const stored = await t.app.database.db.select({ id: schema.activity.id }).from(schema.activity);
  assert.ok(stored.some((r) => r.id === mine.id));
  assert.not.ok(stored.some((r) => r.id === theirs.id), 'the refused entry is not written');

  // A volunteer records their own entries only; correcting someone else's entry is refused as well.
  const own = await t.call({ method: 'POST', url: '/api/v1/activity', payload: assistance(scene.A), as: callers.volA });
  assert.is(own.status, 201);
  const other = await createPerson(t, scene.A.unit.id);
  assert.is((await t.call({ method: 'POST', url: '/api/v1/activity', payload: assistance(scene.A, { personId: other.id }), as: callers.volA })).status, 403);
  const voidMine = { id: randomUUID(), kind: 'correction', campaignId: scene.A.campaign.id, personId: scene.A.person.id, occurredAt: new Date().toISOString(), correctsId: mine.id, action: 'void', reason: 'bấm nhầm' };
  // `mine` is person A's entry: they may void it…
  assert.is((await t.call({ method: 'POST', url: '/api/v1/activity', payload: voidMine, as: callers.volA })).status, 201);
  // …but not one of another person's, even naming themself.
  const othersEntry = assistance(scene.A, { personId: other.id });
  assert.is((await t.call({ method: 'POST', url: '/api/v1/activity', payload: othersEntry })).status, 201);
  const voidOthers = { ...voidMine, id: randomUUID(), correctsId: othersEntry.id };
  const refused = await t.call({ method: 'POST', url: '/api/v1/activity/batch', payload: { items: [voidOthers] }, as: callers.volA });
  assert.equal(refused.body.results[0], { id: voidOthers.id, status: 'rejected', field: 'correctsId', reason: 'outside your units' });

  // A phone reporting another person's queue: the whole sync is refused.
  const client = { personId: scene.B.person.id, campaignId: scene.A.campaign.id, queueLength: 0, lastSyncAt: new Date().toISOString() };
  assert.is((await t.call({ method: 'POST', url: '/api/v1/activity/batch', payload: { items: [assistance(scene.A)], client }, as: callers.volA })).status, 403);
});

rules('the person concerned sees their own placements and phone status', async () => {
  const me = callers.volA;
  const id = scene.A.person.id;
  assert.is((await t.call({ method: 'GET', url: `/api/v1/campaigns/${scene.A.campaign.id}/assignments?personId=${id}`, as: me })).status, 200);
  assert.is((await t.call({ method: 'GET', url: `/api/v1/campaigns/${scene.A.campaign.id}/phone-status?personId=${id}`, as: me })).status, 200);
  assert.is((await t.call({ method: 'GET', url: `/api/v1/campaigns/${scene.A.campaign.id}/activity?personId=${id}`, as: me })).status, 200);
  assert.is((await t.call({ method: 'GET', url: `/api/v1/campaigns/${scene.A.campaign.id}/moves?personId=${id}`, as: me })).status, 200);
  assert.is((await t.call({ method: 'GET', url: `/api/v1/campaigns/${scene.A.campaign.id}/assignments`, as: me })).status, 403, 'not everyone else’s');
});

rules('CSRF: a cookie-carried write needs the x-csrf-token header and our own Origin; a bearer secret needs neither', async () => {
  const payload = () => ({ code: code('T'), name: 'Tổ thử CSRF', unitId: scene.A.unit.id });
  const cookieOnly = { cookie: callers.orgA.headers.cookie };
  const noToken = await t.app.inject({ method: 'POST', url: '/api/v1/teams', headers: cookieOnly, payload: payload() });
  assert.is(noToken.statusCode, 403, noToken.body);
  const wrongToken = await t.app.inject({ method: 'POST', url: '/api/v1/teams', headers: { ...cookieOnly, 'x-csrf-token': 'not-the-token' }, payload: payload() });
  assert.is(wrongToken.statusCode, 403);
  const crossSite = await t.call({ method: 'POST', url: '/api/v1/teams', headers: { origin: 'https://evil.example', host: 'hub.example' }, payload: payload(), as: callers.orgA });
  assert.is(crossSite.status, 403);
  const sameSite = await t.call({ method: 'POST', url: '/api/v1/teams', headers: { origin: 'https://hub.example', host: 'hub.example' }, payload: payload(), as: callers.orgA });
  assert.is(sameSite.status, 201, JSON.stringify(sameSite.body));
  const bearer = await t.app.inject({ method: 'POST', url: '/api/v1/teams', headers: { authorization: `Bearer ${callers.orgA.secret}` }, payload: payload() });
  assert.is(bearer.statusCode, 201, bearer.body);
  // A GET needs no token.
  assert.is((await t.app.inject({ method: 'GET', url: `/api/v1/teams/${scene.A.team.id}`, headers: cookieOnly })).statusCode, 200);
});

/** A board or integration session, as an admin would open one (opening them has no route yet). */
async function screen(kind: 'board' | 'token', unitId: number, campaignId?: number) {
  const secret = newSecret();
  await t.app.database.db.insert(schema.sessions).values({ tokenHash: hashSecret(secret), kind, unitId, campaignId: campaignId ?? null, expiresAt: new Date(Date.now() + 86_400_000) });
  return { authorization: `Bearer ${secret}` };
}

rules('screens: a board reads its own campaign only, a token its own subtree; neither writes', async () => {
  const board = await screen('board', scene.A.unit.id, scene.A.campaign.id);
  const get = async (url: string, headers: Record<string, string>) => (await t.app.inject({ method: 'GET', url, headers })).statusCode;
  assert.is(await get(`/api/v1/campaigns/${scene.A.campaign.id}/totals`, board), 200);
  assert.is(await get(`/api/v1/campaigns/${scene.B.campaign.id}/totals`, board), 403);
  assert.is(await get(`/api/v1/campaigns/${scene.A.campaign.id}/stations`, board), 200);
  assert.is(await get(`/api/v1/people?unitId=${scene.A.unit.id}`, board), 403, 'no personal data on a board');
  const token = await screen('token', scene.A.unit.id);
  assert.is(await get(`/api/v1/campaigns/${scene.A.campaign.id}/totals/daily`, token), 200);
  assert.is(await get(`/api/v1/campaigns/${scene.B.campaign.id}/totals/daily`, token), 403);
  const write = await t.app.inject({ method: 'POST', url: '/api/v1/activity', headers: token, payload: assistance(scene.A) });
  assert.is(write.statusCode, 403);
});

rules('the raw activity stream sends each caller the rows of their own units only', async () => {
  // A campaign over the root, with a station in each branch.
  const campaign = await createCampaign(t, scene.root.id);
  const inA = await createStation(t, campaign.id, scene.A.unit.id);
  const inB = await createStation(t, campaign.id, scene.B.unit.id);
  const url = `/api/v1/activity/stream?campaignId=${campaign.id}`;
  const listen = async (headers: Record<string, string>) => {
    const messages: Array<{ type: string; rows?: Array<{ id: string }> }> = [];
    const ws: WebSocket = await t.app.injectWS(url, { headers }, { onInit: (socket) => socket.on('message', (data) => messages.push(JSON.parse(String(data)))) });
    return { ws, ids: () => messages.flatMap((m) => (m.rows ?? []).map((r) => r.id)), batches: () => messages.filter((m) => m.type === 'activity').length };
  };
  const coordinator = await listen({ cookie: callers.coordA.headers.cookie });
  const admin = await listen({ cookie: t.admin.headers.cookie });
  const token = await listen(await screen('token', scene.B.unit.id));
  const a = assistance({ campaign, person: scene.A.person, station: inA });
  const b = assistance({ campaign, person: scene.B.person, station: inB });
  assert.is((await t.call({ method: 'POST', url: '/api/v1/activity/batch', payload: { items: [a, b] } })).status, 200);
  const deadline = Date.now() + 5000;
  while ((admin.batches() === 0 || coordinator.batches() === 0 || token.batches() === 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.equal(admin.ids().sort(), [a.id, b.id].sort());
  assert.equal(coordinator.ids(), [a.id]);
  assert.equal(token.ids(), [b.id]);
  for (const s of [coordinator, admin, token]) s.ws.terminate();
  // A volunteer may not open it; a cross-site page may not use the cookie.
  const refused = await t.app.injectWS(url, { headers: { cookie: callers.volA.headers.cookie } }).then(
    (ws) => (ws.terminate(), 'opened'),
    (err: unknown) => String(err),
  );
  assert.match(refused, /403/);
  const closed = new Promise<number>((resolve) => {
    void t.app.injectWS(url, { headers: { cookie: callers.coordA.headers.cookie, origin: 'https://evil.example', host: 'hub.example' } }, { onInit: (socket) => socket.on('close', (code) => resolve(code)) });
  });
  assert.is(await closed, 1008);
});

rules.after(async () => t?.dispose());
rules.run();
