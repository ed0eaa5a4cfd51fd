import type { CampaignReport, ReportTable, TargetProgress } from '@xk/contract';
import { formatPhoneVi } from '@xk/domain';

/**
 * The report as tables with Vietnamese headers: the one description both the CSV tables and the
 * workbook's sheets are written from, so the two can never disagree.
 */

/**
 * How a cell is written. `date` holds `YYYY-MM-DD` and `datetime` `YYYY-MM-DD HH:MM:SS`, both
 * local to the campaign: CSV keeps the text, the workbook turns them into real dates.
 */
export type CellKind = 'text' | 'id' | 'integer' | 'count' | 'hours' | 'share' | 'date' | 'datetime';
export type CellValue = string | number | null;

export interface Column<R> {
  header: string;
  /** A column of shares and counts (targets) says per row. */
  kind: CellKind | ((row: R) => CellKind);
  value: (row: R) => CellValue;
  /** Width in characters (the workbook's); default from the header and the kind. */
  width?: number;
}

export interface Sheet<R = any> {
  table: ReportTable | 'summary';
  /** The worksheet's name (at most 31 characters, none of []:*?/\). */
  name: string;
  columns: Array<Column<R>>;
  rows: R[];
}

export const kindOf = <R>(column: Column<R>, row: R): CellKind => (typeof column.kind === 'function' ? column.kind(row) : column.kind);

const sheet = <R>(table: Sheet['table'], name: string, rows: R[], columns: Array<Column<R>>): Sheet<R> => ({ table, name, columns, rows });

/** The measures every breakdown carries, in one order everywhere. */
const measureColumns = <R extends { residents: number; shops: number; sessions: number; attendance: number; checkIns: number }>(): Array<Column<R>> => [
  { header: 'Người dân được hỗ trợ', kind: 'count', value: (r) => r.residents },
  { header: 'Hộ kinh doanh được hỗ trợ', kind: 'count', value: (r) => r.shops },
  { header: 'Số buổi tuyên truyền, tập huấn', kind: 'count', value: (r) => r.sessions },
  { header: 'Số người tham dự', kind: 'count', value: (r) => r.attendance },
  { header: 'Lượt điểm danh', kind: 'count', value: (r) => r.checkIns },
];

export const targetKindNames: Record<TargetProgress['kind'], string> = {
  residents: 'Người dân được hỗ trợ',
  shops: 'Hộ kinh doanh được hỗ trợ',
  adoption_share: 'Tỷ lệ đoàn viên tự sử dụng',
  sessions: 'Số buổi tuyên truyền, tập huấn',
  attendance: 'Số người tham dự',
};

const text = (header: string, value: (r: any) => string | null, width?: number): Column<any> => ({ header, kind: 'text', value, ...(width ? { width } : {}) });

/** Every table of the report, in the workbook's order (the summary sheet first). */
export function reportSheets(report: CampaignReport): Sheet[] {
  const serviceNames = new Map(report.byService.map((s) => [s.serviceCode, s.serviceName]));
  const summary: Array<[string, CellValue, CellKind]> = [
    ['Chiến dịch', report.campaign.name, 'text'],
    ['Mã chiến dịch', report.campaign.code, 'text'],
    ['Đơn vị', report.unit.name, 'text'],
    ['Mã đơn vị', report.unit.code, 'text'],
    ['Thuộc', report.unit.pathNames.join(' › '), 'text'],
    ['Múi giờ', report.timezone, 'text'],
    ['Số liệu đến sự kiện số', report.seq, 'id'],
    ['Thời điểm lập báo cáo', report.asOf, 'text'],
    ['Người dân được hỗ trợ', report.byService.reduce((n, s) => n + s.residents, 0), 'count'],
    ['Hộ kinh doanh được hỗ trợ', report.byService.reduce((n, s) => n + s.shops, 0), 'count'],
    ['Buổi tuyên truyền', report.sessions.outreach.count, 'count'],
    ['Người dự tuyên truyền', report.sessions.outreach.attendance, 'count'],
    ['Buổi tập huấn', report.sessions.training.count, 'count'],
    ['Người dự tập huấn', report.sessions.training.attendance, 'count'],
    ['Số người tham gia', report.volunteers.people, 'count'],
    ['Tổng số giờ làm nhiệm vụ', report.volunteers.hours, 'hours'],
    ['Số đoàn viên', report.adoption.members, 'count'],
  ];
  return [
    sheet('summary', 'Tổng hợp', summary, [
      text('Nội dung', (r) => r[0], 32),
      { header: 'Giá trị', kind: (r) => r[2], value: (r) => r[1], width: 40 },
    ]),
    sheet('byService', 'Theo dịch vụ', report.byService, [
      text('Mã dịch vụ', (r) => r.serviceCode),
      text('Dịch vụ', (r) => r.serviceName, 40),
      { header: 'Người dân được hỗ trợ', kind: 'count', value: (r) => r.residents },
      { header: 'Hộ kinh doanh được hỗ trợ', kind: 'count', value: (r) => r.shops },
    ]),
    sheet('byDay', 'Theo ngày', report.byDay, [{ header: 'Ngày', kind: 'date', value: (r) => r.day }, ...measureColumns()]),
    sheet('byHour', 'Theo giờ', report.byHour, [
      { header: 'Ngày', kind: 'date', value: (r) => r.day },
      { header: 'Giờ', kind: 'integer', value: (r) => r.hour },
      ...measureColumns(),
    ]),
    sheet('byStation', 'Theo điểm hỗ trợ', report.byStation, [
      text('Mã điểm', (r) => r.code),
      text('Điểm hỗ trợ', (r) => r.name, 32),
      text('Mã đơn vị', (r) => r.unitCode),
      text('Đơn vị', (r) => r.unitName, 32),
      ...measureColumns(),
    ]),
    sheet('byTeam', 'Theo tổ đội', report.byTeam, [
      text('Mã tổ/đội', (r) => r.code),
      text('Tổ/Đội', (r) => r.name, 32),
      text('Mã đơn vị', (r) => r.unitCode),
      text('Đơn vị', (r) => r.unitName, 32),
      ...measureColumns(),
    ]),
    sheet('byUnit', 'Theo đơn vị', report.byUnit, [
      text('Mã đơn vị', (r) => r.code),
      text('Đơn vị', (r) => r.name, 32),
      ...measureColumns(),
      { header: 'Số người tham gia', kind: 'count', value: (r) => r.volunteers },
    ]),
    sheet('sessions', 'Tuyên truyền, tập huấn', report.sessions.byDay, [
      { header: 'Ngày', kind: 'date', value: (r) => r.day },
      { header: 'Buổi tuyên truyền', kind: 'count', value: (r) => r.outreach },
      { header: 'Người dự tuyên truyền', kind: 'count', value: (r) => r.outreachAttendance },
      { header: 'Buổi tập huấn', kind: 'count', value: (r) => r.training },
      { header: 'Người dự tập huấn', kind: 'count', value: (r) => r.trainingAttendance },
    ]),
    sheet('volunteers', 'Lực lượng tham gia', report.volunteers.rows, [
      { header: 'Mã số', kind: 'id', value: (r) => r.personId },
      text('Họ và tên', (r) => r.name, 28),
      text('Số điện thoại', (r) => formatPhoneVi(r.phone), 16),
      text('Mã đơn vị', (r) => r.unitCode),
      text('Đơn vị', (r) => r.unitName, 32),
      text('Tổ/Đội', (r) => r.teamName, 28),
      { header: 'Lượt điểm danh', kind: 'count', value: (r) => r.checkIns },
      { header: 'Người dân được hỗ trợ', kind: 'count', value: (r) => r.residents },
      { header: 'Hộ kinh doanh được hỗ trợ', kind: 'count', value: (r) => r.shops },
      { header: 'Số giờ làm nhiệm vụ', kind: 'hours', value: (r) => r.hours },
    ]),
    sheet('targets', 'Tiến độ mục tiêu', report.targets, [
      text('Chỉ tiêu', (r) => targetKindNames[r.kind as TargetProgress['kind']], 32),
      text('Dịch vụ', (r) => (r.serviceCode ? (serviceNames.get(r.serviceCode) ?? r.serviceCode) : 'Tất cả'), 40),
      { header: 'Mục tiêu', kind: (r) => (r.kind === 'adoption_share' ? 'share' : 'count'), value: (r) => r.target },
      { header: 'Thực hiện', kind: (r) => (r.kind === 'adoption_share' ? 'share' : 'count'), value: (r) => r.actual },
      { header: 'Tỷ lệ', kind: 'share', value: (r) => r.progress },
    ]),
    sheet('adoption', 'Đoàn viên tự sử dụng', report.adoption.byService, [
      text('Mã dịch vụ', (r) => r.serviceCode),
      text('Dịch vụ', (r) => r.serviceName, 40),
      { header: 'Đoàn viên đã sử dụng', kind: 'count', value: (r) => r.adopters },
      { header: 'Số đoàn viên', kind: 'count', value: (r) => r.members },
      { header: 'Tỷ lệ', kind: 'share', value: (r) => r.share },
    ]),
  ];
}

/** One table of the report (for CSV). */
export function reportSheet(report: CampaignReport, table: ReportTable): Sheet {
  return reportSheets(report).find((s) => s.table === table)!;
}
