// Name parts for the demo's generated people. Family names carry weights close to their real
// frequency (about four Vietnamese in ten are Nguyễn), so a list of volunteers looks like a real
// Youth Union roster; middle and given names are split by gender so "Văn" never precedes "Lan".

/** [family name, relative weight]. */
export const FAMILY_NAMES: ReadonlyArray<readonly [string, number]> = [
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9],
  ['Phạm', 7],
  ['Hoàng', 5],
  ['Vũ', 4],
  ['Phan', 4],
  ['Đặng', 2],
  ['Bùi', 2],
  ['Đỗ', 2],
  ['Hồ', 1],
  ['Ngô', 1],
  ['Dương', 1],
  ['Lý', 1],
  ['Đinh', 1],
  ['Trịnh', 1],
  ['Đoàn', 1],
  ['Lương', 1],
  ['Mai', 1],
  ['Cao', 1],
];

export const MALE_MIDDLE_NAMES: readonly string[] = ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Thành', 'Công', 'Tiến', 'Xuân', 'Đình', 'Hoàng', 'Mạnh'];
export const FEMALE_MIDDLE_NAMES: readonly string[] = ['Thị', 'Thu', 'Ngọc', 'Hoài', 'Thanh', 'Phương', 'Minh', 'Bích', 'Thùy', 'Hồng', 'Khánh', 'Mai'];

export const MALE_GIVEN_NAMES: readonly string[] = [
  'Anh', 'Hùng', 'Tuấn', 'Dũng', 'Khánh', 'Hiếu', 'Long', 'Nam', 'Phong', 'Quân',
  'Sơn', 'Thắng', 'Trung', 'Việt', 'Đạt', 'Huy', 'Kiên', 'Lâm', 'Nghĩa', 'Tùng',
  'Bình', 'Cường', 'Duy', 'Hải', 'Hoàng', 'Lộc', 'Phúc', 'Thịnh', 'Vinh', 'Toàn',
];
export const FEMALE_GIVEN_NAMES: readonly string[] = [
  'Lan', 'Trang', 'Hà', 'Phương', 'Thảo', 'Linh', 'Hương', 'Ngọc', 'Huyền', 'Nhung',
  'Yến', 'Hạnh', 'Giang', 'Vân', 'Hằng', 'Quỳnh', 'Thúy', 'Loan', 'My', 'Nga',
  'Anh', 'Hiền', 'Khánh', 'Mai', 'Oanh', 'Tâm', 'Trâm', 'Uyên', 'Vy', 'Diệp',
];

/**
 * A full name "Family Middle Given" drawn with `random` (any function returning [0, 1)), so the
 * caller's seeded generator keeps the whole demo reproducible.
 */
export function vietnameseFullName(random: () => number): string {
  const female = random() < 0.5;
  const family = weightedPick(FAMILY_NAMES, random);
  const middle = pick(female ? FEMALE_MIDDLE_NAMES : MALE_MIDDLE_NAMES, random);
  let given = pick(female ? FEMALE_GIVEN_NAMES : MALE_GIVEN_NAMES, random);
  // "Nguyễn Minh Minh" or "Phạm Ngọc Ngọc" would be odd; take the next name in the list instead.
  if (given === middle || given === family) {
    const list = female ? FEMALE_GIVEN_NAMES : MALE_GIVEN_NAMES;
    given = list[(list.indexOf(given) + 1) % list.length] ?? given;
  }
  return `${family} ${middle} ${given}`;
}

function pick(list: readonly string[], random: () => number): string {
  const item = list[Math.floor(random() * list.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function weightedPick(list: ReadonlyArray<readonly [string, number]>, random: () => number): string {
  const total = list.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [name, weight] of list) {
    r -= weight;
    if (r < 0) return name;
  }
  const last = list[list.length - 1];
  if (last === undefined) throw new Error('pick from an empty list');
  return last[0];
}
