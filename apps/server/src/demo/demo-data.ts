// The demo province as plain data: Thành đoàn Hải Phòng with eight ward unions, their branches,
// teams, support stations, ~330 people and a "Ngày Chuyển đổi số quốc gia 10/10" campaign that is
// always running. Pure and deterministic (no I/O, no Math.random) so a demo, a test and a
// screenshot started with the same seed and day show the same names and numbers.
//
// The organisation, teams and stations are written out by hand, so the map and the tree read like
// the real city; only the people (names, phones, who stands where) come from the seeded generator.

import { vietnameseFullName } from './vietnamese-names';

export interface DemoUnit { code: string; name: string; level: 'province' | 'commune' | 'branch'; parentCode: string | null; memberCount: number }
export interface DemoTeam { code: string; name: string; kind: 'community_digital' | 'it_xanh' | 'xung_kich'; unitCode: string }
export interface DemoStation { code: string; name: string; kind: 'public_service_centre' | 'market' | 'digital_street' | 'residential' | 'school'; unitCode: string; lat: number; lng: number; peopleNeeded: number }
export interface DemoPerson { name: string; phone: string; unitCode: string; role: 'volunteer' | 'cadre' | 'coordinator'; teamCode: string | null; stationCode: string | null }
export interface DemoTarget { unitCode: string; serviceCode: string; kind: 'residents' | 'shops' | 'adoption_share' | 'sessions' | 'attendance'; value: number }
export interface DemoCampaign { code: string; name: string; startsAt: string; endsAt: string; timezone: string; scopeUnitCode: string }
export interface DemoData { units: DemoUnit[]; teams: DemoTeam[]; stations: DemoStation[]; people: DemoPerson[]; campaign: DemoCampaign; targets: DemoTarget[] }

const ROOT_CODE = 'HP';
const DEFAULT_SEED = 1010;
const VOLUNTEER_COUNT = 300;

type TeamKind = DemoTeam['kind'];
type StationKind = DemoStation['kind'];

interface StationSpec { slug: string; kind: StationKind; name: string; lat: number; lng: number; peopleNeeded: number }
interface CommuneSpec {
  slug: string;
  /** As used after "Đoàn", "Tổ công nghệ số cộng đồng" etc.: "phường Lê Chân". */
  place: string;
  /** Members registered directly with the ward union (its own officers and staff). */
  ownMembers: number;
  /** Cadres paired with volunteers under the 1+1 rule. */
  cadres: number;
  branches: ReadonlyArray<readonly [slug: string, name: string, members: number]>;
  teams: readonly TeamKind[];
  stations: readonly StationSpec[];
}

// Wards of Hải Phòng as they exist since the two-tier reform of 1 July 2025. Branch names repeat
// on purpose ("Chi đoàn Khu dân cư số 1", "Chi đoàn Tổ dân phố số 3"): real trees are full of
// them, and the product has to tell them apart by their parent, not by name.
const COMMUNES: readonly CommuneSpec[] = [
  {
    slug: 'HONGBANG', place: 'phường Hồng Bàng', ownMembers: 18, cadres: 2,
    branches: [['TDP3', 'Chi đoàn Tổ dân phố số 3', 64], ['KDC1', 'Chi đoàn Khu dân cư số 1', 48], ['THPTHB', 'Chi đoàn Trường THPT Hồng Bàng', 112]],
    teams: ['community_digital', 'xung_kich'],
    stations: [
      { slug: 'HCC', kind: 'public_service_centre', name: 'Trung tâm Phục vụ hành chính công phường Hồng Bàng', lat: 20.8609, lng: 106.6785, peopleNeeded: 16 },
      { slug: 'CHO', kind: 'market', name: 'Chợ Sắt không dùng tiền mặt', lat: 20.864, lng: 106.6775, peopleNeeded: 12 },
      { slug: 'PHO', kind: 'digital_street', name: 'Tuyến phố công nghệ số Hoàng Văn Thụ', lat: 20.8598, lng: 106.6822, peopleNeeded: 8 },
    ],
  },
  {
    slug: 'NGOQUYEN', place: 'phường Ngô Quyền', ownMembers: 22, cadres: 3,
    branches: [['TDP3', 'Chi đoàn Tổ dân phố số 3', 57], ['KDC5', 'Chi đoàn Khu dân cư số 5', 42], ['THPTTP', 'Chi đoàn Trường THPT Thái Phiên', 96]],
    teams: ['community_digital', 'it_xanh', 'xung_kich'],
    stations: [
      { slug: 'HCC', kind: 'public_service_centre', name: 'Trung tâm Phục vụ hành chính công phường Ngô Quyền', lat: 20.8585, lng: 106.6985, peopleNeeded: 18 },
      { slug: 'CHO', kind: 'market', name: 'Chợ Lạch Tray không dùng tiền mặt', lat: 20.848, lng: 106.693, peopleNeeded: 10 },
      { slug: 'PHO', kind: 'digital_street', name: 'Tuyến phố công nghệ số Lạch Tray', lat: 20.8505, lng: 106.696, peopleNeeded: 8 },
      { slug: 'THPT', kind: 'school', name: 'Trường THPT Thái Phiên', lat: 20.8555, lng: 106.6905, peopleNeeded: 5 },
    ],
  },
  {
    slug: 'GIAVIEN', place: 'phường Gia Viên', ownMembers: 10, cadres: 2,
    branches: [['KDC1', 'Chi đoàn Khu dân cư số 1', 38], ['TDP7', 'Chi đoàn Tổ dân phố số 7', 26]],
    teams: ['community_digital'],
    stations: [
      { slug: 'HCC', kind: 'public_service_centre', name: 'Trung tâm Phục vụ hành chính công phường Gia Viên', lat: 20.865, lng: 106.693, peopleNeeded: 10 },
      { slug: 'CHO', kind: 'market', name: 'Chợ Cầu Tre không dùng tiền mặt', lat: 20.864, lng: 106.7045, peopleNeeded: 6 },
      { slug: 'KDC1', kind: 'residential', name: 'Khu dân cư số 1 — đi từng ngõ, gõ từng nhà', lat: 20.8672, lng: 106.696, peopleNeeded: 8 },
    ],
  },
  {
    // The Hội An article's 30 volunteers rotating at the public-administration centre.
    slug: 'LECHAN', place: 'phường Lê Chân', ownMembers: 25, cadres: 3,
    branches: [['TDP3', 'Chi đoàn Tổ dân phố số 3', 71], ['KDC1', 'Chi đoàn Khu dân cư số 1', 53], ['THPTNQ', 'Chi đoàn Trường THPT Ngô Quyền', 118], ['TDP12', 'Chi đoàn Tổ dân phố số 12', 34]],
    teams: ['community_digital', 'it_xanh', 'xung_kich'],
    stations: [
      { slug: 'HCC', kind: 'public_service_centre', name: 'Trung tâm Phục vụ hành chính công phường Lê Chân', lat: 20.847, lng: 106.683, peopleNeeded: 30 },
      { slug: 'CHO', kind: 'market', name: 'Chợ Hàng Kênh không dùng tiền mặt', lat: 20.8425, lng: 106.689, peopleNeeded: 12 },
      { slug: 'PHO', kind: 'digital_street', name: 'Tuyến phố công nghệ số Tô Hiệu', lat: 20.849, lng: 106.679, peopleNeeded: 10 },
      { slug: 'KDC1', kind: 'residential', name: 'Khu dân cư số 1 — đi từng ngõ, gõ từng nhà', lat: 20.844, lng: 106.68, peopleNeeded: 14 },
    ],
  },
  {
    slug: 'ANBIEN', place: 'phường An Biên', ownMembers: 8, cadres: 2,
    branches: [['KDC2', 'Chi đoàn Khu dân cư số 2', 45], ['TDP5', 'Chi đoàn Tổ dân phố số 5', 29], ['THPTLC', 'Chi đoàn Trường THPT Lê Chân', 87]],
    teams: ['community_digital', 'it_xanh'],
    stations: [
      { slug: 'HCC', kind: 'public_service_centre', name: 'Trung tâm Phục vụ hành chính công phường An Biên', lat: 20.854, lng: 106.677, peopleNeeded: 12 },
      { slug: 'CHO', kind: 'market', name: 'Chợ An Dương không dùng tiền mặt', lat: 20.8495, lng: 106.672, peopleNeeded: 9 },
      { slug: 'THPT', kind: 'school', name: 'Trường THPT Lê Chân', lat: 20.8455, lng: 106.674, peopleNeeded: 4 },
    ],
  },
  {
    slug: 'HAIAN', place: 'phường Hải An', ownMembers: 15, cadres: 3,
    branches: [['KDC1', 'Chi đoàn Khu dân cư số 1', 66], ['TDP9', 'Chi đoàn Tổ dân phố số 9', 31], ['THPTHA', 'Chi đoàn Trường THPT Hải An', 94]],
    teams: ['community_digital', 'it_xanh', 'xung_kich'],
    stations: [
      { slug: 'HCC', kind: 'public_service_centre', name: 'Trung tâm Phục vụ hành chính công phường Hải An', lat: 20.833, lng: 106.729, peopleNeeded: 15 },
      { slug: 'CHO', kind: 'market', name: 'Chợ Cát Bi không dùng tiền mặt', lat: 20.83, lng: 106.716, peopleNeeded: 10 },
      { slug: 'PHO', kind: 'digital_street', name: 'Tuyến phố công nghệ số Lê Hồng Phong', lat: 20.839, lng: 106.708, peopleNeeded: 7 },
      { slug: 'KDC1', kind: 'residential', name: 'Khu dân cư số 1 — đi từng ngõ, gõ từng nhà', lat: 20.835, lng: 106.735, peopleNeeded: 12 },
    ],
  },
  {
    slug: 'KIENAN', place: 'phường Kiến An', ownMembers: 20, cadres: 3,
    branches: [['TDP3', 'Chi đoàn Tổ dân phố số 3', 49], ['KDC4', 'Chi đoàn Khu dân cư số 4', 58], ['THPTKA', 'Chi đoàn Trường THPT Kiến An', 103]],
    teams: ['community_digital', 'xung_kich'],
    stations: [
      { slug: 'HCC', kind: 'public_service_centre', name: 'Trung tâm Phục vụ hành chính công phường Kiến An', lat: 20.8085, lng: 106.627, peopleNeeded: 14 },
      { slug: 'CHO', kind: 'market', name: 'Chợ Kiến An không dùng tiền mặt', lat: 20.811, lng: 106.624, peopleNeeded: 10 },
      { slug: 'THPT', kind: 'school', name: 'Trường THPT Kiến An', lat: 20.806, lng: 106.6305, peopleNeeded: 5 },
      { slug: 'KDC4', kind: 'residential', name: 'Khu dân cư số 4 — đi từng ngõ, gõ từng nhà', lat: 20.8035, lng: 106.622, peopleNeeded: 10 },
    ],
  },
  {
    slug: 'THUYNGUYEN', place: 'phường Thủy Nguyên', ownMembers: 30, cadres: 2,
    branches: [['TDP2', 'Chi đoàn Tổ dân phố số 2', 62], ['THPTLTK', 'Chi đoàn Trường THPT Lý Thường Kiệt', 109], ['KDC3', 'Chi đoàn Khu dân cư số 3', 40]],
    teams: ['community_digital', 'it_xanh', 'xung_kich'],
    stations: [
      { slug: 'HCC', kind: 'public_service_centre', name: 'Trung tâm Phục vụ hành chính công phường Thủy Nguyên', lat: 20.8985, lng: 106.665, peopleNeeded: 14 },
      { slug: 'CHO', kind: 'market', name: 'Chợ Núi Đèo không dùng tiền mặt', lat: 20.899, lng: 106.672, peopleNeeded: 10 },
      { slug: 'THPT', kind: 'school', name: 'Trường THPT Lý Thường Kiệt', lat: 20.897, lng: 106.66, peopleNeeded: 5 },
    ],
  },
];

const TEAM_NAMES: Record<TeamKind, { slug: string; prefix: string }> = {
  community_digital: { slug: 'TCNSCD', prefix: 'Tổ công nghệ số cộng đồng' },
  it_xanh: { slug: 'ITXANH', prefix: 'Đội hình IT Xanh' },
  xung_kich: { slug: 'XUNGKICH', prefix: 'Đội thanh niên xung kích' },
};

// Prefixes in use for Vietnamese mobile networks (Viettel, Vinaphone, MobiFone, Vietnamobile,
// Gmobile); a number outside them would fail the phone validation a real deployment applies.
const MOBILE_PREFIXES = [
  '032', '033', '034', '035', '036', '037', '038', '039',
  '056', '058', '059',
  '070', '076', '077', '078', '079',
  '081', '082', '083', '084', '085', '086', '088', '089',
  '090', '091', '092', '093', '094', '096', '097', '098', '099',
] as const;

// The numbers from the Mỹ Tho article, scaled to one city: residents and shops helped, members'
// own adoption, outreach sessions and their attendance.
const ROOT_TARGETS: readonly DemoTarget[] = [
  { unitCode: ROOT_CODE, serviceCode: 'public_service_account', kind: 'residents', value: 5000 },
  { unitCode: ROOT_CODE, serviceCode: 'vneid_level2', kind: 'residents', value: 8000 },
  { unitCode: ROOT_CODE, serviceCode: 'cashless_payment', kind: 'shops', value: 1000 },
  { unitCode: ROOT_CODE, serviceCode: 'vneid_level2', kind: 'adoption_share', value: 1 },
  { unitCode: ROOT_CODE, serviceCode: 'citizen_app', kind: 'adoption_share', value: 0.8 },
  { unitCode: ROOT_CODE, serviceCode: '', kind: 'sessions', value: 40 },
  { unitCode: ROOT_CODE, serviceCode: '', kind: 'attendance', value: 3000 },
];

/** Root targets that are handed down to the wards, split by member headcount. */
const SPLIT_TARGETS: ReadonlyArray<readonly [serviceCode: string, kind: DemoTarget['kind']]> = [
  ['vneid_level2', 'residents'],
  ['public_service_account', 'residents'],
  ['cashless_payment', 'shops'],
];

export function createDemoData(options: { seed?: number; now?: Date } = {}): DemoData {
  const random = mulberry32(options.seed ?? DEFAULT_SEED);
  const now = options.now ?? new Date();
  if (Number.isNaN(now.getTime())) throw new RangeError('createDemoData: `now` is an invalid Date');

  const units: DemoUnit[] = [{ code: ROOT_CODE, name: 'Thành đoàn Hải Phòng', level: 'province', parentCode: null, memberCount: 12 }];
  const teams: DemoTeam[] = [];
  const stations: DemoStation[] = [];

  for (const c of COMMUNES) {
    const code = communeCode(c);
    units.push({ code, name: `Đoàn ${c.place}`, level: 'commune', parentCode: ROOT_CODE, memberCount: c.ownMembers });
    for (const [slug, name, members] of c.branches) {
      units.push({ code: `${code}-${slug}`, name, level: 'branch', parentCode: code, memberCount: members });
    }
    for (const kind of c.teams) {
      const t = TEAM_NAMES[kind];
      teams.push({ code: `${code}-${t.slug}`, name: `${t.prefix} ${c.place}`, kind, unitCode: code });
    }
    for (const s of c.stations) {
      // "DIEM" (điểm hỗ trợ) keeps station codes apart from branch codes such as `HP-LECHAN-KDC1`.
      stations.push({ code: `${code}-DIEM-${s.slug}`, name: s.name, kind: s.kind, unitCode: code, lat: s.lat, lng: s.lng, peopleNeeded: s.peopleNeeded });
    }
  }

  const headcounts = COMMUNES.map(communeHeadcount);
  const volunteersPerCommune = splitProportionally(VOLUNTEER_COUNT, headcounts);

  const usedPhones = new Set<string>();
  const phone = (): string => {
    for (;;) {
      const prefix = pickUniform(MOBILE_PREFIXES, random);
      const rest = String(Math.floor(random() * 10_000_000)).padStart(7, '0');
      const candidate = prefix + rest;
      if (!usedPhones.has(candidate)) {
        usedPhones.add(candidate);
        return candidate;
      }
    }
  };

  const people: DemoPerson[] = [];
  COMMUNES.forEach((c, i) => {
    const code = communeCode(c);
    const communeTeams = teams.filter((t) => t.unitCode === code);
    const communeStations = stations.filter((s) => s.unitCode === code);
    const branchUnits = c.branches.map(([slug, , members]) => ({ code: `${code}-${slug}`, weight: members }));

    // The ward's coordinator sits at the ward union and oversees all of its teams, so no team.
    people.push({ name: vietnameseFullName(random), phone: phone(), unitCode: code, role: 'coordinator', teamCode: null, stationCode: null });

    // Cadres go door to door beside volunteers (the 1+1 rule), so each belongs to a team; they
    // are not checked in at a station of their own.
    for (let k = 0; k < c.cadres; k++) {
      const team = communeTeams[k % communeTeams.length];
      const unitCode = random() < 0.7 ? code : weightedPick(branchUnits, random).code;
      people.push({ name: vietnameseFullName(random), phone: phone(), unitCode, role: 'cadre', teamCode: team?.code ?? null, stationCode: null });
    }

    // Most volunteers belong to a branch, a few to the ward union itself; most already chose a
    // team and a station, and the rest have not yet, which is what a coordinator sees on the day.
    // Stations are drawn by how many people they need, so some end up short-handed, some not.
    const stationWeights = communeStations.map((s) => ({ code: s.code, weight: s.peopleNeeded }));
    for (let k = 0; k < (volunteersPerCommune[i] ?? 0); k++) {
      const unitCode = random() < 0.85 ? weightedPick(branchUnits, random).code : code;
      const teamCode = random() < 0.9 ? pickUniform(communeTeams, random).code : null;
      const stationCode = random() < 0.88 ? weightedPick(stationWeights, random).code : null;
      people.push({ name: vietnameseFullName(random), phone: phone(), unitCode, role: 'volunteer', teamCode, stationCode });
    }
  });

  const targets: DemoTarget[] = [...ROOT_TARGETS.map((t) => ({ ...t }))];
  for (const [serviceCode, kind] of SPLIT_TARGETS) {
    const root = ROOT_TARGETS.find((t) => t.serviceCode === serviceCode && t.kind === kind);
    if (!root) throw new Error(`no root target ${kind}/${serviceCode}`);
    const shares = splitProportionally(root.value, headcounts);
    COMMUNES.forEach((c, i) => targets.push({ unitCode: communeCode(c), serviceCode, kind, value: shares[i] ?? 0 }));
  }

  return { units, teams, stations, people, campaign: campaignAround(now), targets };
}

function communeCode(c: CommuneSpec): string {
  return `${ROOT_CODE}-${c.slug}`;
}

function communeHeadcount(c: CommuneSpec): number {
  return c.ownMembers + c.branches.reduce((sum, [, , members]) => sum + members, 0);
}

// Vietnam has kept UTC+07:00 all year since 1975 (no daylight saving), so a fixed offset is
// exact and keeps this module free of Intl time-zone data.
const VN_OFFSET_MS = 7 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/**
 * The campaign runs from 00:00 six local days before `now` to 23:59:59 six local days after, so
 * a demo started on any day finds it live, with a week of history behind it.
 */
function campaignAround(now: Date): DemoCampaign {
  const localMidnight = Math.floor((now.getTime() + VN_OFFSET_MS) / DAY_MS) * DAY_MS;
  const start = localMidnight - 6 * DAY_MS;
  const end = localMidnight + 7 * DAY_MS - 1000;
  return {
    code: 'CDS-10-10',
    name: 'Ngày Chuyển đổi số quốc gia 10/10',
    startsAt: formatLocal(start),
    endsAt: formatLocal(end),
    timezone: 'Asia/Ho_Chi_Minh',
    scopeUnitCode: ROOT_CODE,
  };
}

/** `localMs` is a wall-clock time in Vietnam expressed as if it were UTC. */
function formatLocal(localMs: number): string {
  return new Date(localMs).toISOString().replace(/\.\d{3}Z$/, '+07:00');
}

/**
 * Splits `total` into integers proportional to `weights` that add up to exactly `total` (largest
 * remainder; ties go to the earlier entry so the result is stable).
 */
function splitProportionally(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const shares = exact.map(Math.floor);
  let left = total - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, rem: x - Math.floor(x) })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    shares[i] = (shares[i] ?? 0) + 1;
    left--;
  }
  return shares;
}

/** mulberry32: tiny, fast and good enough to make demo data look random yet reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pickUniform<T>(list: readonly T[], random: () => number): T {
  const item = list[Math.floor(random() * list.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function weightedPick<T extends { weight: number }>(list: readonly T[], random: () => number): T {
  const total = list.reduce((sum, x) => sum + x.weight, 0);
  let r = random() * total;
  for (const x of list) {
    r -= x.weight;
    if (r < 0) return x;
  }
  const last = list[list.length - 1];
  if (last === undefined) throw new Error('pick from an empty list');
  return last;
}
