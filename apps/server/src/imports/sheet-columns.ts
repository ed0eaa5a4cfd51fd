import type { ImportKind } from '@xk/contract';
import { foldDiacritics } from '@xk/domain';
import type { SheetLine } from './sheet-read';

/** A column a sheet of some kind may have: its header as the template writes it, and the other ways unions write it. */
export interface ColumnSpec {
  key: string;
  header: string;
  required: boolean;
  aliases: string[];
  /** What to write, for the template's instructions. */
  hint: string;
}

/** Every kind's columns, in template order. Headers are matched without case, diacritics, '*' or a note in brackets. */
export const columnsOf: Record<ImportKind, ColumnSpec[]> = {
  units: [
    { key: 'code', header: 'Mã đơn vị', required: true, aliases: ['ma', 'unit code', 'code'], hint: 'Mã riêng của đơn vị, không trùng (VD: HP-LC-P1). Chữ, số, dấu chấm, gạch ngang.' },
    { key: 'name', header: 'Tên đơn vị', required: false, aliases: ['ten', 'unit name', 'name'], hint: 'Bắt buộc khi tạo đơn vị mới (VD: Đoàn phường Lê Chân).' },
    { key: 'level', header: 'Cấp', required: false, aliases: ['cap don vi', 'level'], hint: 'Tỉnh, Huyện, Xã/Phường, Chi đoàn… (không bắt buộc).' },
    { key: 'parent', header: 'Đơn vị cấp trên', required: false, aliases: ['truc thuoc', 'cap tren', 'parent'], hint: 'Mã hoặc đường dẫn đầy đủ (VD: Thành đoàn Hải Phòng / Quận Lê Chân). Bắt buộc khi tạo đơn vị mới.' },
    { key: 'memberCount', header: 'Số đoàn viên', required: false, aliases: ['so luong doan vien', 'doan vien', 'members', 'member count'], hint: 'Số đoàn viên của riêng đơn vị này (không gồm đơn vị cấp dưới).' },
  ],
  teams: [
    { key: 'code', header: 'Mã tổ/đội', required: true, aliases: ['ma to', 'ma doi', 'ma doi hinh', 'team code'], hint: 'Mã riêng của tổ/đội, không trùng (VD: HP-LC-P1-T1).' },
    { key: 'name', header: 'Tên tổ/đội', required: true, aliases: ['ten to', 'ten doi', 'ten doi hinh', 'team name'], hint: 'VD: Tổ công nghệ số cộng đồng khu phố 3.' },
    { key: 'unit', header: 'Đơn vị', required: true, aliases: ['don vi quan ly', 'unit'], hint: 'Mã hoặc đường dẫn của đơn vị quản lý tổ.' },
    { key: 'kind', header: 'Loại', required: false, aliases: ['loai to', 'loai doi hinh', 'kind'], hint: 'Tổ công nghệ số cộng đồng, IT Xanh, Thanh niên xung kích, Khác.' },
  ],
  people: [
    { key: 'name', header: 'Họ và tên', required: true, aliases: ['ho ten', 'ten', 'full name', 'name'], hint: 'Họ và tên đầy đủ, có dấu.' },
    { key: 'phone', header: 'Số điện thoại', required: true, aliases: ['sdt', 'so dt', 'dien thoai', 'di dong', 'phone'], hint: 'VD: 0912 345 678. Mỗi người một số.' },
    { key: 'email', header: 'Email', required: false, aliases: ['e-mail', 'thu dien tu'], hint: 'Không bắt buộc.' },
    { key: 'unit', header: 'Đơn vị', required: true, aliases: ['chi doan', 'co so doan', 'unit'], hint: 'Mã hoặc đường dẫn của đơn vị (VD: Quận Lê Chân / Phường 1).' },
    { key: 'role', header: 'Vai trò', required: false, aliases: ['chuc vu', 'role'], hint: 'Tình nguyện viên (mặc định), Đoàn viên, Cán bộ, Điều phối, Bí thư.' },
    { key: 'team', header: 'Tổ', required: false, aliases: ['to/doi', 'doi', 'doi hinh', 'team'], hint: 'Mã hoặc tên tổ/đội của đơn vị; cần chọn chiến dịch khi nhập.' },
  ],
};

/** A header as compared: folded, without '*' marks or a bracketed note ("Số điện thoại (*)", "Đơn vị (mã)"). */
export function headerKey(text: string): string {
  return foldDiacritics(text.replace(/\([^)]*\)/g, ' ').replace(/\*/g, ' '));
}

export interface SheetLayout {
  kind: ImportKind;
  /** The line holding the headers. */
  header: SheetLine;
  /** Column key → cell index. */
  columns: Map<string, number>;
  /** Header texts the kind does not read. */
  ignored: string[];
  /** Required columns that are not there (headers as the template writes them). */
  missing: string[];
}

function match(kind: ImportKind, cells: string[]) {
  const columns = new Map<string, number>();
  const ignored: string[] = [];
  cells.forEach((cell, i) => {
    if (cell === '') return;
    const key = headerKey(cell);
    const spec = columnsOf[kind].find((c) => headerKey(c.header) === key || c.aliases.includes(key));
    if (spec && !columns.has(spec.key)) columns.set(spec.key, i);
    else ignored.push(cell);
  });
  return { columns, ignored };
}

/** Which kinds' identifying columns a header row has: a phone means people, a team code teams, a unit code units. */
const identifying: Array<[ImportKind, string]> = [
  ['people', 'phone'],
  ['teams', 'code'],
  ['units', 'code'],
];

/**
 * Finds the header row (the first of the first ten lines naming a kind's identifying column, so a
 * title line above it is fine) and the kind. `hint` forces the kind. Undefined: nothing recognised.
 */
export function layoutOf(lines: SheetLine[], hint?: ImportKind): SheetLayout | undefined {
  for (const line of lines.slice(0, 10)) {
    const kinds = hint ? [hint] : identifying.filter(([kind, key]) => match(kind, line.cells).columns.has(key)).map(([kind]) => kind);
    const kind = kinds[0];
    if (!kind) continue;
    const { columns, ignored } = match(kind, line.cells);
    // A header row names at least two columns: a lone "Mã đơn vị" in a sentence or a title is not one.
    if (columns.size < 2) continue;
    const missing = columnsOf[kind].filter((c) => c.required && !columns.has(c.key)).map((c) => c.header);
    return { kind, header: line, columns, ignored, missing };
  }
  return undefined;
}
