import { randomUUID } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CampaignReport } from '@xk/contract';
import { pgArray, queryRows } from '@xk/db';
import { createScene, createStation, middayTimezone } from '../helpers/fixtures';
import { createReportWorkload, type GeneratedEntry, localDayEnd, type ReportWorkload, subtreeOf } from '../helpers/report-workload';
import { createTestApp, type TestApp } from '../helpers/test-app';

/**
 * Every cell of the JSON report against SQL written here, straight over the activity table (the
 * subtree taken from the workload's own tree, not from unit paths), and hours on duty against a
 * computation in JS from the entries the workload sent.
 */

const byKey = <T>(rows: T[], key: (r: T) => string | number) => [...rows].sort((a, b) => String(key(a)).localeCompare(String(key(b)), 'en', { numeric: true }));
const round3 = (x: number) => Math.round(x * 1000) / 1000;
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Hours on duty by person, from the generated entries: the rule the report documents, computed independently. */
function dutyHours(entries: GeneratedEntry[], shiftEnds: Map<number, number>, inSubtree: Set<number>, now: number): Map<number, number> {
  const byPerson = new Map<number, Array<GeneratedEntry & { order: number }>>();
  entries.forEach((e, order) => {
    if (e.kind !== 'check_in' && e.kind !== 'check_out') return;
    const list = byPerson.get(e.personId) ?? byPerson.set(e.personId, []).get(e.personId)!;
    list.push({ ...e, order });
  });
  const seconds = new Map<number, number>();
  for (const [personId, list] of byPerson) {
    list.sort((a, b) => a.at - b.at || a.order - b.order);
    list.forEach((e, i) => {
      if (e.kind !== 'check_in' || !inSubtree.has(e.unitId)) return;
      const next = list[i + 1]?.at ?? Infinity;
      const cap = e.shiftId !== undefined ? shiftEnds.get(e.shiftId)! : localDayEnd(e.at);
      const end = Math.min(next, cap, now);
      seconds.set(personId, (seconds.get(personId) ?? 0) + Math.max(0, end - e.at) / 1000);
    });
  }
  return new Map([...seconds].map(([p, s]) => [p, s / 3600]));
}

/** The report for `unitId` as SQL of this file's own computes it (all but `asOf` and hours on duty). */
async function expectedReport(t: TestApp, w: ReportWorkload, unitId: number) {
  const db = t.app.database.db;
  const q = <T>(query: SQL) => queryRows<T>(db, query);
  const c = w.campaign.id;
  const ids = subtreeOf(w, unitId);
  const mine = sql`campaign_id = ${c} and unit_id = any(${pgArray(ids, 'int')})`;
  const tz = w.timezone;
  const sums = sql`coalesce(sum(quantity) filter (where tally = 'assistance' and beneficiary = 'resident'), 0)::int as residents,
                   coalesce(sum(quantity) filter (where tally = 'assistance' and beneficiary = 'shop'), 0)::int as shops,
                   coalesce(sum(quantity) filter (where tally = 'session'), 0)::int as sessions,
                   coalesce(sum(attendance) filter (where tally = 'session'), 0)::int as attendance,
                   count(*) filter (where kind = 'check_in')::int as "checkIns"`;
  type Sums = { residents: number; shops: number; sessions: number; attendance: number; checkIns: number };
  const zero: Sums = { residents: 0, shops: 0, sessions: 0, attendance: 0, checkIns: 0 };

  const [campaign] = await q<{ id: number; code: string; name: string; seq: number }>(sql`select id, code, name, seq::int from campaigns where id = ${c}`);
  const [unit] = await q<{ id: number; code: string; name: string; path: string }>(sql`select id, code, name, path from units where id = ${unitId}`);
  const chain: number[] = [];
  for (let cur: number | null | undefined = unitId; cur != null; cur = w.parentOf.get(cur)) chain.unshift(cur);
  const names = new Map((await q<{ id: number; name: string }>(sql`select id, name from units`)).map((u) => [u.id, u.name]));

  const catalogue = await q<{ code: string; name: string }>(sql`select code, name_vi as name from campaign_services where campaign_id = ${c} and is_active order by sort_order, code`);
  const perService = new Map(
    (
      await q<{ code: string; residents: number; shops: number; adopters: number }>(
        sql`select service_code as code,
                   coalesce(sum(quantity) filter (where tally = 'assistance' and beneficiary = 'resident'), 0)::int as residents,
                   coalesce(sum(quantity) filter (where tally = 'assistance' and beneficiary = 'shop'), 0)::int as shops,
                   coalesce(sum(quantity) filter (where tally = 'adoption'), 0)::int as adopters
            from activity where ${mine} and service_code is not null group by 1`,
      )
    ).map((r) => [r.code, r]),
  );
  const members = [...w.memberCount].filter(([u]) => ids.includes(u) && !w.merged.has(u)).reduce((n, [, m]) => n + m, 0);

  const byDay = await q<{ day: string } & Sums>(sql`select to_char((counted_at at time zone ${tz})::date, 'YYYY-MM-DD') as day, ${sums} from activity where ${mine} group by 1 order by 1`);
  const byHour = await q<{ day: string; hour: number } & Sums>(
    sql`select to_char(counted_at at time zone ${tz}, 'YYYY-MM-DD') as day, date_part('hour', counted_at at time zone ${tz})::int as hour, ${sums}
        from activity where ${mine} group by 1, 2 order by 1, 2`,
  );

  const stationSums = new Map((await q<{ id: number } & Sums>(sql`select station_id as id, ${sums} from activity where ${mine} and station_id is not null group by 1`)).map((r) => [r.id, r]));
  const stationRows = await q<{ id: number; code: string; name: string; unitId: number; unitCode: string; unitName: string }>(
    sql`select s.id, s.code, s.name, u.id as "unitId", u.code as "unitCode", u.name as "unitName" from stations s join units u on u.id = s.unit_id where s.campaign_id = ${c}`,
  );
  const byStation = stationRows
    .filter((s) => ids.includes(s.unitId) || stationSums.has(s.id))
    .map(({ id, ...s }) => {
      const { id: _, ...m } = stationSums.get(id) ?? { id, ...zero };
      return { stationId: id, ...s, ...m };
    });

  const byTeam = (
    await q<{ id: number; code: string; name: string; unitId: number; unitCode: string; unitName: string } & Sums>(
      sql`select x.*, t.code, t.name, u.id as "unitId", u.code as "unitCode", u.name as "unitName"
          from (select team_id as id, ${sums} from activity where ${mine} and team_id is not null group by 1) x
          join teams t on t.id = x.id join units u on u.id = t.unit_id`,
    )
  ).map(({ id, ...r }) => ({ teamId: id, ...r }));

  const children = [...w.parentOf].filter(([u, p]) => p === unitId && !w.merged.has(u)).map(([u]) => u);
  const byUnit = [];
  for (const child of children) {
    const [row] = await q<Sums & { volunteers: number }>(sql`select ${sums}, count(distinct person_id)::int as volunteers from activity where campaign_id = ${c} and unit_id = any(${pgArray(subtreeOf(w, child), 'int')})`);
    const [u] = await q<{ code: string; name: string }>(sql`select code, name from units where id = ${child}`);
    byUnit.push({ unitId: child, code: u!.code, name: u!.name, ...row! });
  }

  const [totals] = await q<{ outreach: number; outreachAttendance: number; training: number; trainingAttendance: number }>(
    sql`select coalesce(sum(quantity) filter (where session_kind = 'outreach'), 0)::int as outreach, coalesce(sum(attendance) filter (where session_kind = 'outreach'), 0)::int as "outreachAttendance",
               coalesce(sum(quantity) filter (where session_kind = 'training'), 0)::int as training, coalesce(sum(attendance) filter (where session_kind = 'training'), 0)::int as "trainingAttendance"
        from activity where ${mine} and tally = 'session'`,
  );
  const sessionDays = await q<{ day: string; outreach: number; outreachAttendance: number; training: number; trainingAttendance: number }>(
    sql`select to_char((counted_at at time zone ${tz})::date, 'YYYY-MM-DD') as day,
               coalesce(sum(quantity) filter (where session_kind = 'outreach'), 0)::int as outreach, coalesce(sum(attendance) filter (where session_kind = 'outreach'), 0)::int as "outreachAttendance",
               coalesce(sum(quantity) filter (where session_kind = 'training'), 0)::int as training, coalesce(sum(attendance) filter (where session_kind = 'training'), 0)::int as "trainingAttendance"
        from activity where ${mine} and tally = 'session' group by 1 order by 1`,
  );

  const volunteerRows = await q<{ personId: number; name: string; phone: string; checkIns: number; residents: number; shops: number }>(
    sql`select p.id as "personId", p.name, p.phone, x."checkIns", x.residents, x.shops
        from (select person_id, count(*) filter (where kind = 'check_in')::int as "checkIns",
                     coalesce(sum(quantity) filter (where tally = 'assistance' and beneficiary = 'resident'), 0)::int as residents,
                     coalesce(sum(quantity) filter (where tally = 'assistance' and beneficiary = 'shop'), 0)::int as shops
              from activity where ${mine} group by 1) x
        join people p on p.id = x.person_id`,
  );
  const lastUnit = new Map(
    (await q<{ personId: number; unitId: number; code: string; name: string }>(
      sql`select distinct on (a.person_id) a.person_id as "personId", u.id as "unitId", u.code, u.name from activity a join units u on u.id = a.unit_id
          where a.campaign_id = ${c} and a.unit_id = any(${pgArray(ids, 'int')}) order by a.person_id, a.counted_at desc, a.seq desc`,
    )).map((r) => [r.personId, r]),
  );
  const lastTeam = new Map(
    (await q<{ personId: number; teamId: number; name: string }>(
      sql`select distinct on (a.person_id) a.person_id as "personId", t.id as "teamId", t.name from activity a join teams t on t.id = a.team_id
          where a.campaign_id = ${c} and a.unit_id = any(${pgArray(ids, 'int')}) order by a.person_id, a.counted_at desc, a.seq desc`,
    )).map((r) => [r.personId, r]),
  );

  const residents = (code: string) => perService.get(code)?.residents ?? 0;
  const shops = (code: string) => perService.get(code)?.shops ?? 0;
  const totalResidents = [...perService.values()].reduce((n, s) => n + s.residents, 0);
  const totalShops = [...perService.values()].reduce((n, s) => n + s.shops, 0);
  const targets = await q<{ kind: string; serviceCode: string; value: number }>(sql`select kind, service_code as "serviceCode", value::float8 as value from targets where campaign_id = ${c} and unit_id = ${unitId}`);
  const share = (adopters: number) => (members > 0 ? round4(Math.min(1, adopters / members)) : 0);
  const actualOf = (kind: string, code: string) =>
    kind === 'residents' ? (code ? residents(code) : totalResidents)
    : kind === 'shops' ? (code ? shops(code) : totalShops)
    : kind === 'adoption_share' ? share(perService.get(code)?.adopters ?? 0)
    : kind === 'sessions' ? totals!.outreach + totals!.training
    : totals!.outreachAttendance + totals!.trainingAttendance;

  return {
    campaign: { id: campaign!.id, code: campaign!.code, name: campaign!.name },
    unit: { id: unit!.id, code: unit!.code, name: unit!.name, path: unit!.path, pathNames: chain.map((u) => names.get(u)!) },
    timezone: tz,
    seq: campaign!.seq,
    byService: catalogue.map((s) => ({ serviceCode: s.code, serviceName: s.name, residents: residents(s.code), shops: shops(s.code) })),
    byDay,
    byHour,
    byStation,
    byTeam,
    byUnit,
    sessions: {
      outreach: { count: totals!.outreach, attendance: totals!.outreachAttendance },
      training: { count: totals!.training, attendance: totals!.trainingAttendance },
      byDay: sessionDays,
    },
    volunteers: {
      people: volunteerRows.length,
      rows: volunteerRows.map((v) => {
        const u = lastUnit.get(v.personId)!;
        const team = lastTeam.get(v.personId);
        return { ...v, unitId: u.unitId, unitCode: u.code, unitName: u.name, teamId: team?.teamId ?? null, teamName: team?.name ?? null };
      }),
    },
    targets: targets.map((x) => {
      const actual = actualOf(x.kind, x.serviceCode);
      return { kind: x.kind, serviceCode: x.serviceCode, target: x.value, actual, progress: x.value > 0 ? round4(actual / x.value) : 0 };
    }),
    adoption: {
      members,
      byService: catalogue.map((s) => {
        const adopters = perService.get(s.code)?.adopters ?? 0;
        return { serviceCode: s.code, serviceName: s.name, adopters, members, share: share(adopters) };
      }),
    },
  };
}

const test = suite('campaign report: every cell against SQL of its own');
let t: TestApp;
let w: ReportWorkload;

test.before(async () => {
  t = await createTestApp();
  w = await createReportWorkload(t);
  const put = async (unitId: number, kind: string, value: number, serviceCode?: string) => {
    const res = await t.call({ method: 'PUT', url: `/api/v1/campaigns/${w.campaign.id}/targets`, payload: { unitId, kind, value, ...(serviceCode ? { serviceCode } : {}) } });
    assert.is(res.status, 200, JSON.stringify(res.body));
  };
  for (const u of [w.units.province.id, w.units.d1.id, w.units.d2.id]) {
    await put(u, 'residents', 120, 'vneid_level2');
    await put(u, 'residents', 40, 'public_service_account');
    await put(u, 'shops', 30, 'cashless_payment');
    await put(u, 'adoption_share', 0.8, 'citizen_app');
    await put(u, 'sessions', 12);
    await put(u, 'attendance', 2000);
  }
});
test.after(() => t.dispose());

const report = async (unitId?: number): Promise<CampaignReport> => {
  const res = await t.call({ method: 'GET', url: `/api/v1/campaigns/${w.campaign.id}/report${unitId ? `?unitId=${unitId}` : ''}` });
  assert.is(res.status, 200, JSON.stringify(res.body));
  return res.body;
};

test('the workload is what a report must cope with', () => {
  const kinds = new Set(w.entries.map((e) => e.kind));
  for (const k of ['check_in', 'check_out', 'assistance', 'session', 'adoption']) assert.ok(kinds.has(k), k);
  assert.ok(w.entries.some((e) => e.kind === 'check_in' && e.shiftId !== undefined) && w.entries.some((e) => e.kind === 'check_in' && e.shiftId === undefined), 'check-ins with and without shifts');
});

for (const which of ['province', 'd1', 'd2'] as const) {
  test(`${which}: every table equals SQL over the activity table`, () => checkReport(w.units[which].id, which === 'province'));
}

/** The report of `unitId` (asked without unitId when `byDefault`) against this file's SQL, table by table. */
async function checkReport(unitId: number, byDefault: boolean) {
  const got = await report(byDefault ? undefined : unitId);
  const want = await expectedReport(t, w, unitId);
  assert.equal(got.campaign, want.campaign);
  assert.equal(got.unit, want.unit);
  assert.is(got.timezone, want.timezone);
  assert.is(got.seq, want.seq, 'the report counts up to the campaign’s sequence number');
  assert.ok(!Number.isNaN(Date.parse(got.asOf)));
  assert.equal(got.byService, want.byService, 'by service');
  assert.equal(got.byDay, want.byDay, 'by day');
  assert.ok(got.byDay.length >= 2, 'entries on several days');
  assert.equal(got.byHour, want.byHour, 'by hour');
  assert.ok(new Set(got.byHour.map((h) => h.hour)).size >= 4, 'entries in several hours');
  assert.equal(byKey(got.byStation, (s) => s.stationId), byKey(want.byStation, (s) => s.stationId), 'by station');
  assert.equal(byKey(got.byTeam, (s) => s.teamId), byKey(want.byTeam, (s) => s.teamId), 'by team');
  assert.equal(byKey(got.byUnit, (s) => s.unitId), byKey(want.byUnit, (s) => s.unitId), 'by child unit');
  assert.equal(got.sessions, want.sessions, 'sessions');
  assert.is(got.volunteers.people, want.volunteers.people);
  assert.equal(byKey(got.volunteers.rows.map(({ hours: _, ...v }) => v), (v) => v.personId), byKey(want.volunteers.rows, (v) => v.personId), 'volunteers');
  const key = (x: { kind: string; serviceCode: string }) => `${x.kind}/${x.serviceCode}`;
  assert.equal(byKey(got.targets, key), byKey(want.targets, key), 'targets');
  assert.equal(got.adoption, want.adoption, 'adoption');

  // Hours on duty, against the rule computed in JS from the entries the workload sent.
  const shiftEnds = new Map([...w.shifts.values()].map((s) => [s.id, s.endsAt]));
  const hours = dutyHours(w.entries, shiftEnds, new Set(subtreeOf(w, unitId)), Date.now());
  for (const v of got.volunteers.rows) assert.ok(Math.abs(v.hours - (hours.get(v.personId) ?? 0)) < 0.001, `person ${v.personId}: ${v.hours} h, expected ${hours.get(v.personId)}`);
  assert.ok(Math.abs(got.volunteers.hours - round3([...hours.values()].reduce((a, b) => a + b, 0))) < 0.002, 'total hours');
  assert.ok(got.volunteers.hours > 0);

  // The targets are the totals' own figures.
  const totals = (await t.call({ method: 'GET', url: `/api/v1/campaigns/${w.campaign.id}/totals?unitId=${unitId}` })).body;
  assert.equal(byKey(got.targets, key), byKey(totals.targets, key), 'the same target progress as the totals');
}

test('the merged commune rolls up under its successor, in another district', async () => {
  const d1 = await report(w.units.d1.id);
  const d2 = await report(w.units.d2.id);
  assert.not.ok(d1.byUnit.some((u) => u.unitId === w.units.c1c.id), 'no longer a child of district 1');
  const c1cStation = w.stations.find((s) => s.unitId === w.units.c1c.id)!;
  assert.ok(d2.byStation.some((s) => s.stationId === c1cStation.id && s.checkIns > 0), "its station's entries count in district 2");
  assert.not.ok(d1.byStation.some((s) => s.stationId === c1cStation.id));
  const idle = w.stations.at(-1)!;
  assert.equal(
    d1.byStation.find((s) => s.stationId === idle.id),
    { stationId: idle.id, code: d1.byStation.find((s) => s.stationId === idle.id)!.code, name: 'Điểm hỗ trợ thử', unitId: w.units.d1.id, unitCode: w.units.d1.code, unitName: 'Huyện đoàn Bến Lức', residents: 0, shops: 0, sessions: 0, attendance: 0, checkIns: 0 },
    'a station with nothing counted is listed with zeros',
  );
});

test('bad input is a 4xx naming the field', async () => {
  const other = await t.call({ method: 'POST', url: '/api/v1/units', payload: { code: `OUT-${Date.now()}`, name: 'Tỉnh đoàn khác' } });
  const cases: Array<[string, number, string | undefined]> = [
    [`/api/v1/campaigns/${w.campaign.id}/report?unitId=${other.body.id}`, 400, 'query/unitId'],
    [`/api/v1/campaigns/${w.campaign.id}/report?unitId=2147483000`, 404, 'query/unitId'],
    [`/api/v1/campaigns/${w.campaign.id}/report?unitId=abc`, 400, 'query/unitId'],
    [`/api/v1/campaigns/2147483000/report`, 404, undefined],
    [`/api/v1/campaigns/${w.campaign.id}/report?colour=red`, 400, 'query/colour'],
  ];
  for (const [url, status, field] of cases) {
    const res = await t.call({ method: 'GET', url });
    assert.is(res.status, status, `${url} → ${res.status} ${JSON.stringify(res.body)}`);
    if (field) assert.is(res.body.field, field, url);
  }
});

test.run();

const duty = suite('hours on duty: where each check-in ends');

duty('the next check-in or check-out, the shift’s end, the end of the local day, now; never negative', async () => {
  const t = await createTestApp();
  try {
    const timezone = middayTimezone();
    const scene = await createScene(t, { timezone });
    const other = await createStation(t, scene.campaign.id, scene.commune.id);
    const minutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
    const person = async () => (await t.call({ method: 'POST', url: '/api/v1/people', payload: { name: 'Trần Thị Trực', phone: `03${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, memberships: [{ unitId: scene.commune.id, role: 'volunteer' }] } })).body.id as number;
    const write = async (entry: object) => assert.is((await t.call({ method: 'POST', url: '/api/v1/activity', payload: { id: randomUUID(), campaignId: scene.campaign.id, ...entry } })).status, 201);
    const shift = async (from: number, to: number) => (await t.call({ method: 'POST', url: `/api/v1/stations/${scene.station.id}/shifts`, payload: { startsAt: minutes(from), endsAt: minutes(to) } })).body.id as number;
    const [open, late, shifted, moved, forgot] = [await person(), await person(), await person(), await person(), await person()];

    const openedAt = minutes(-30);
    await write({ kind: 'check_in', personId: open, stationId: scene.station.id, occurredAt: openedAt });
    await write({ kind: 'check_in', personId: late, stationId: scene.station.id, shiftId: await shift(-180, -120), occurredAt: minutes(-90) });
    await write({ kind: 'check_in', personId: shifted, stationId: scene.station.id, shiftId: await shift(-240, -60), occurredAt: minutes(-180) });
    await write({ kind: 'check_out', personId: shifted, stationId: scene.station.id, occurredAt: minutes(-10) });
    await write({ kind: 'check_in', personId: moved, stationId: scene.station.id, occurredAt: minutes(-100) });
    await write({ kind: 'check_in', personId: moved, stationId: other.id, occurredAt: minutes(-40) });
    await write({ kind: 'check_out', personId: moved, stationId: other.id, occurredAt: minutes(-25) });
    // Checked in two days ago without a shift and never out: the duty ends with that local day.
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    await write({ kind: 'check_in', personId: forgot, stationId: scene.station.id, occurredAt: twoDaysAgo.toISOString() });

    const before = Date.now();
    const body: CampaignReport = (await t.call({ method: 'GET', url: `/api/v1/campaigns/${scene.campaign.id}/report` })).body;
    const after = Date.now();
    const hours = new Map(body.volunteers.rows.map((v) => [v.personId, v.hours]));
    const h = (ms: number) => ms / 3_600_000;
    const near = (got: number | undefined, want: number) => got !== undefined && Math.abs(got - want) < 0.001;
    const start = Date.parse(openedAt);
    assert.ok(hours.get(open)! >= h(before - start) - 0.001 && hours.get(open)! <= h(after - start) + 0.001, `an open check-in lasts until now: ${hours.get(open)}`);
    assert.is(hours.get(late), 0, 'a check-in after its shift ended counts nothing');
    assert.ok(near(hours.get(shifted), 2), `a check-out after the shift ended: the shift’s end (${hours.get(shifted)})`);
    assert.ok(near(hours.get(moved), 1.25), `60 min until the check-in elsewhere, then 15 there (${hours.get(moved)})`);
    const dayEnd = (() => {
      // The scene's timezone is a whole-hour offset from UTC in which it is now about noon.
      const offsetHours = -Number(timezone.replace('Etc/GMT', '') || 0);
      const local = new Date(twoDaysAgo.getTime() + offsetHours * 3_600_000);
      return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1) - offsetHours * 3_600_000;
    })();
    assert.ok(near(hours.get(forgot), h(dayEnd - twoDaysAgo.getTime())), `a forgotten check-out ends with the local day: ${hours.get(forgot)}`);
    assert.is(body.volunteers.people, 5);
  } finally {
    await t.dispose();
  }
});

duty.run();
