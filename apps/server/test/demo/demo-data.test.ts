import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createDemoData } from '../../src/demo/demo-data';
import type { DemoData } from '../../src/demo/demo-data';

const NOW = new Date('2025-10-10T03:30:00Z'); // 10:30 in Hải Phòng
const data: DemoData = createDemoData({ seed: 7, now: NOW });

// Letters Vietnamese has and ASCII has not (precomposed, as NFC text stores them).
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;
// The contract's CodeSchema pattern.
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

test('same seed and day give identical data; another seed gives other people', () => {
  assert.equal(createDemoData({ seed: 7, now: NOW }), data);
  const other = createDemoData({ seed: 8, now: NOW });
  assert.equal(other.units, data.units);
  assert.not.equal(other.people, data.people);
});

test('codes are unique and well formed', () => {
  const all = [...data.units, ...data.teams, ...data.stations].map((x) => x.code);
  assert.is(new Set(all).size, all.length, 'unit, team and station codes never collide');
  for (const code of [...all, data.campaign.code]) assert.ok(CODE.test(code) && code.length <= 64, code);
});

test('every reference points at something that exists, within the same ward', () => {
  const units = new Map(data.units.map((u) => [u.code, u]));
  const teams = new Map(data.teams.map((t) => [t.code, t]));
  const stations = new Map(data.stations.map((s) => [s.code, s]));
  const communeOf = (code: string): string | null => {
    const u = units.get(code);
    if (!u) return null;
    return u.level === 'branch' ? u.parentCode : u.level === 'commune' ? u.code : null;
  };

  const roots = data.units.filter((u) => u.parentCode === null);
  assert.equal(roots.map((u) => [u.code, u.name, u.level]), [['HP', 'Thành đoàn Hải Phòng', 'province']]);
  for (const u of data.units) {
    if (u.parentCode !== null) assert.ok(units.has(u.parentCode), `${u.code} → ${u.parentCode}`);
    if (u.level === 'commune') assert.is(u.parentCode, 'HP');
    if (u.level === 'branch') assert.is(units.get(u.parentCode ?? '')?.level, 'commune', u.code);
  }
  for (const t of [...data.teams, ...data.stations]) assert.is(units.get(t.unitCode)?.level, 'commune', t.code);
  for (const t of data.targets) assert.ok(units.has(t.unitCode), t.unitCode);
  assert.ok(units.has(data.campaign.scopeUnitCode));

  for (const p of data.people) {
    assert.ok(units.has(p.unitCode), p.unitCode);
    const commune = communeOf(p.unitCode);
    assert.ok(commune, `${p.name} belongs to a ward or branch`);
    if (p.teamCode !== null) assert.is(teams.get(p.teamCode)?.unitCode, commune, p.teamCode);
    if (p.stationCode !== null) assert.is(stations.get(p.stationCode)?.unitCode, commune, p.stationCode);
    if (p.role !== 'volunteer') assert.is(p.stationCode, null, `${p.role} ${p.name} has no station`);
  }
});

test('the province has about eight wards with 2–4 branches, 1–3 teams and 2–4 stations each', () => {
  const communes = data.units.filter((u) => u.level === 'commune');
  assert.ok(communes.length >= 6 && communes.length <= 10, String(communes.length));
  for (const c of communes) {
    const n = (list: Array<{ unitCode?: string; parentCode?: string | null }>, key: 'unitCode' | 'parentCode') => list.filter((x) => x[key] === c.code).length;
    const branches = n(data.units, 'parentCode');
    const teams = n(data.teams, 'unitCode');
    const stations = n(data.stations, 'unitCode');
    assert.ok(branches >= 2 && branches <= 4, `${c.code} branches ${branches}`);
    assert.ok(teams >= 1 && teams <= 3, `${c.code} teams ${teams}`);
    assert.ok(stations >= 2 && stations <= 4, `${c.code} stations ${stations}`);
    assert.ok(c.memberCount >= 0 && c.memberCount <= 30);
  }
  for (const b of data.units.filter((u) => u.level === 'branch')) assert.ok(b.memberCount >= 20 && b.memberCount <= 120, b.code);
  for (const s of data.stations) {
    assert.ok(s.lat >= 20.8 && s.lat <= 20.9 && s.lng >= 106.6 && s.lng <= 106.75, `${s.code} in Hải Phòng`);
    assert.ok(Number.isInteger(s.peopleNeeded) && s.peopleNeeded >= 3 && s.peopleNeeded <= 30, s.code);
  }
  for (const kind of ['public_service_centre', 'market', 'digital_street', 'residential', 'school']) {
    assert.ok(data.stations.some((s) => s.kind === kind), kind);
  }
});

test('some branch names repeat across wards', () => {
  const parentsByName = new Map<string, Set<string>>();
  for (const u of data.units.filter((x) => x.level === 'branch')) {
    const set = parentsByName.get(u.name) ?? new Set<string>();
    set.add(u.parentCode ?? '');
    parentsByName.set(u.name, set);
  }
  assert.ok([...parentsByName.values()].some((s) => s.size >= 2));
});

test('names are Vietnamese, with diacritics', () => {
  for (const x of [...data.units, ...data.teams, ...data.stations]) assert.ok(VIETNAMESE.test(x.name), x.name);
  assert.ok(VIETNAMESE.test(data.campaign.name));
  for (const p of data.people) {
    assert.ok(/^\p{Lu}\p{Ll}* \p{Lu}\p{Ll}* \p{Lu}\p{Ll}*$/u.test(p.name), p.name);
    assert.is(p.name, p.name.normalize('NFC'));
  }
  const withDiacritics = data.people.filter((p) => VIETNAMESE.test(p.name)).length;
  assert.ok(withDiacritics > data.people.length * 0.8, `${withDiacritics}/${data.people.length}`);
});

test('about 300 volunteers, ~20 cadres and one coordinator per ward', () => {
  const count = (role: string) => data.people.filter((p) => p.role === role).length;
  assert.ok(count('volunteer') >= 280 && count('volunteer') <= 320, String(count('volunteer')));
  assert.ok(count('cadre') >= 15 && count('cadre') <= 25, String(count('cadre')));
  const communes = data.units.filter((u) => u.level === 'commune');
  assert.is(count('coordinator'), communes.length);
  for (const c of communes) assert.ok(data.people.some((p) => p.role === 'coordinator' && p.unitCode === c.code), c.code);
  const volunteers = data.people.filter((p) => p.role === 'volunteer');
  assert.ok(volunteers.filter((p) => p.stationCode !== null).length > volunteers.length * 0.7, 'most volunteers have a station');
  assert.ok(volunteers.filter((p) => p.teamCode !== null).length > volunteers.length * 0.7, 'most volunteers have a team');
});

test('phones are unique Vietnamese mobiles', () => {
  const phones = data.people.map((p) => p.phone);
  assert.is(new Set(phones).size, phones.length);
  for (const phone of phones) assert.ok(/^0[35789]\d{8}$/.test(phone), phone);
});

test('the campaign window is six local days either side of today, and contains now', () => {
  const c = data.campaign;
  assert.is(c.code, 'CDS-10-10');
  assert.is(c.timezone, 'Asia/Ho_Chi_Minh');
  assert.is(c.scopeUnitCode, 'HP');
  assert.is(c.startsAt, '2025-10-04T00:00:00+07:00');
  assert.is(c.endsAt, '2025-10-16T23:59:59+07:00');

  // Near local midnight the UTC date differs from the local one: 23:30 UTC on the 9th is 06:30 on the 10th.
  for (const iso of ['2025-10-09T23:30:00Z', '2025-10-10T16:59:59Z', '2025-12-31T17:00:00Z', '2024-02-29T05:00:00Z']) {
    const now = new Date(iso);
    const { startsAt, endsAt } = createDemoData({ now }).campaign;
    const start = Date.parse(startsAt);
    const end = Date.parse(endsAt);
    assert.ok(start <= now.getTime() && now.getTime() <= end, `${iso} in ${startsAt}…${endsAt}`);
    assert.is(end - start, 13 * 86_400_000 - 1000, iso);
    assert.ok(startsAt.endsWith('T00:00:00+07:00') && endsAt.endsWith('T23:59:59+07:00'));
    // `now` sits in the seventh local day of thirteen.
    assert.is(Math.floor((now.getTime() - start) / 86_400_000), 6, iso);
  }
  assert.is(createDemoData({ now: new Date('2025-12-31T17:00:00Z') }).campaign.startsAt, '2025-12-26T00:00:00+07:00');

  const live = createDemoData().campaign;
  assert.ok(Date.parse(live.startsAt) <= Date.now() && Date.now() <= Date.parse(live.endsAt), 'running today by default');
});

test('root targets as in the brief; ward targets add up exactly to the root', () => {
  const root = (kind: string, service: string) => data.targets.find((t) => t.unitCode === 'HP' && t.kind === kind && t.serviceCode === service)?.value;
  assert.is(root('residents', 'public_service_account'), 5000);
  assert.is(root('residents', 'vneid_level2'), 8000);
  assert.is(root('shops', 'cashless_payment'), 1000);
  assert.is(root('adoption_share', 'vneid_level2'), 1);
  assert.is(root('adoption_share', 'citizen_app'), 0.8);
  assert.is(root('sessions', ''), 40);
  assert.is(root('attendance', ''), 3000);

  const communes = data.units.filter((u) => u.level === 'commune').map((u) => u.code);
  for (const [kind, service] of [['residents', 'vneid_level2'], ['residents', 'public_service_account'], ['shops', 'cashless_payment']] as const) {
    const shares = data.targets.filter((t) => t.unitCode !== 'HP' && t.kind === kind && t.serviceCode === service);
    assert.equal(shares.map((t) => t.unitCode).sort(), [...communes].sort(), `${kind}/${service} for every ward`);
    for (const t of shares) assert.ok(Number.isInteger(t.value) && t.value > 0, `${t.unitCode} ${t.value}`);
    assert.is(shares.reduce((sum, t) => sum + t.value, 0), root(kind, service), `${kind}/${service}`);
  }
  const keys = data.targets.map((t) => `${t.unitCode}|${t.serviceCode}|${t.kind}`);
  assert.is(new Set(keys).size, keys.length, 'one target per unit × service × kind');
});

test.run();
