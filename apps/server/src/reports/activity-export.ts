import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Db } from '@xk/db';
import { formatPhoneVi } from '@xk/domain';
import type { CampaignsService } from '../campaigns/campaigns-service';
import { XLSX_TYPE } from '../http-schemas';
import { rollupScope } from '../totals/totals-service';
import { countRows, type ExportCut, type ExportRow, exportPages, subtreeUnitIds } from './activity-export-pages';
import { BOM, csvOptions, csvRecords } from './report-csv';
import type { Column } from './report-sheets';
import { addCells, columnWidth, frozenHeader } from './report-xlsx';

export const activityKindNames: Record<string, string> = {
  check_in: 'Điểm danh vào',
  check_out: 'Điểm danh ra',
  assistance: 'Hỗ trợ',
  adoption: 'Tự sử dụng dịch vụ',
  session: 'Buổi tuyên truyền, tập huấn',
  reassignment: 'Điều chuyển',
  correction: 'Điều chỉnh',
};
export const sessionKindNames: Record<string, string> = { outreach: 'Buổi tuyên truyền', training: 'Buổi tập huấn' };
export const beneficiaryNames: Record<string, string> = { resident: 'Người dân', shop: 'Hộ kinh doanh' };

const kindName = (r: ExportRow) => (r.kind === 'session' && r.sessionKind ? sessionKindNames[r.sessionKind] : activityKindNames[r.kind]) ?? r.kind;

/** The export's columns, for CSV and the workbook alike. */
export const exportColumns: Array<Column<ExportRow>> = [
  { header: 'Số thứ tự', kind: 'id', value: (r) => r.seq },
  { header: 'Thời gian', kind: 'datetime', value: (r) => r.countedAt },
  { header: 'Thời điểm ghi', kind: 'datetime', value: (r) => r.occurredAt },
  { header: 'Loại', kind: 'text', value: kindName, width: 24 },
  { header: 'Họ và tên', kind: 'text', value: (r) => r.personName, width: 24 },
  { header: 'Số điện thoại', kind: 'text', value: (r) => formatPhoneVi(r.phone), width: 14 },
  { header: 'Mã đơn vị', kind: 'text', value: (r) => r.unitCode, width: 14 },
  { header: 'Đơn vị', kind: 'text', value: (r) => r.unitName, width: 28 },
  { header: 'Điểm hỗ trợ', kind: 'text', value: (r) => r.stationName, width: 28 },
  { header: 'Tổ/Đội', kind: 'text', value: (r) => r.teamName, width: 24 },
  { header: 'Dịch vụ', kind: 'text', value: (r) => r.serviceName, width: 32 },
  { header: 'Đối tượng', kind: 'text', value: (r) => (r.beneficiary ? (beneficiaryNames[r.beneficiary] ?? r.beneficiary) : null), width: 14 },
  { header: 'Số lượng', kind: 'count', value: (r) => r.quantity },
  { header: 'Số người tham dự', kind: 'count', value: (r) => r.attendance },
  { header: 'Điều chỉnh cho', kind: 'text', value: (r) => r.correctsId, width: 38 },
  { header: 'Lý do', kind: 'text', value: (r) => r.reason, width: 32 },
];

/** Rows turned into CSV text, or into workbook cells (slower), between two turns of the event loop. */
const csvRowsPerTurn = 500;
const xlsxRowsPerTurn = 100;

/** Waits until `out` takes more (the client reads), or is gone. */
async function roomIn(out: PassThrough): Promise<void> {
  if (out.destroyed || !out.writableNeedDrain) return;
  await Promise.race([once(out, 'drain'), once(out, 'close')]).catch(() => {});
}

async function writeCsv(out: PassThrough, pages: AsyncIterable<ExportRow[]>) {
  out.write(BOM + stringify([exportColumns.map((c) => c.header)], csvOptions));
  for await (const page of pages) {
    for (let i = 0; i < page.length && !out.destroyed; i += csvRowsPerTurn) {
      out.write(stringify(csvRecords(exportColumns, page.slice(i, i + csvRowsPerTurn)), csvOptions));
      if (out.writableNeedDrain) await roomIn(out);
      else await nextTurn();
    }
  }
  if (!out.destroyed) out.end();
}

/** What exceljs keeps of its zip stream, to stop it when the client has gone. */
type WithZip = { zip?: { abort(): void } };

async function writeXlsx(out: PassThrough, pages: AsyncIterable<ExportRow[]>, rowsPerSheet: number) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Xung Kích';
  let sheets = 0;
  let rowsInSheet = 0;
  const newSheet = () => {
    const ws = workbook.addWorksheet(++sheets === 1 ? 'Nhật ký hoạt động' : `Nhật ký hoạt động (${sheets})`, frozenHeader);
    ws.columns = exportColumns.map((c) => ({ width: columnWidth(c, typeof c.kind === 'string' ? c.kind : 'text') }));
    const header = ws.addRow(exportColumns.map((c) => c.header));
    header.font = { bold: true };
    header.commit();
    rowsInSheet = 0;
    return ws;
  };
  let ws = newSheet();
  for await (const page of pages) {
    for (let i = 0; i < page.length && !out.destroyed; i++) {
      if (rowsInSheet === rowsPerSheet) {
        ws.commit();
        ws = newSheet();
      }
      addCells(ws, exportColumns, page[i]!).commit();
      rowsInSheet++;
      if ((i + 1) % xlsxRowsPerTurn === 0) {
        if (out.writableNeedDrain) await roomIn(out);
        else await nextTurn();
      }
    }
    await roomIn(out);
  }
  if (out.destroyed) {
    (workbook as unknown as WithZip).zip?.abort();
    return;
  }
  ws.commit();
  await workbook.commit();
}

export type ExportFormat = 'csv' | 'xlsx';

export interface ActivityExport {
  filename: string;
  contentType: string;
  /** Rows the export holds (counted at the start, with the same cut). */
  totalRows: number;
  stream: Readable;
}

/**
 * Every activity row of a unit's subtree, streamed as CSV or XLSX: a consistent cut (up to the
 * campaign's sequence number when the export starts), read page by page, written only as fast
 * as the client reads, and abandoned as soon as the client goes.
 */
export function createActivityExportService(db: Db, campaigns: CampaignsService) {
  const settings: {
    /**
     * Rows per query. 5,000 gave PostgreSQL 20 % more rows/s, but each page outlived a few turns
     * and was promoted: the hub's peak heap doubled (`pnpm bench`, export). On PGlite, whose
     * queries run on the event loop, the routes make pages smaller still.
     */
    pageSize: number;
    /** Rows per worksheet: Excel's limit is 1,048,576 rows, the header included (a longer export goes on in another sheet). */
    rowsPerSheet: number;
    /** Tests hold an export between pages here. */
    beforePage?: (page: number) => Promise<void> | void;
  } = { pageSize: 1000, rowsPerSheet: 1_048_575 };
  /** Pages read and exports running, over the process's life (tests check an abandoned export stops). */
  const stats = { pages: 0, running: 0 };

  return {
    settings,
    stats,
    async open(campaignId: number, unitId: number | undefined, format: ExportFormat): Promise<ActivityExport> {
      const { campaign, unit } = await rollupScope(db, campaigns, campaignId, unitId);
      const cut: ExportCut = { campaignId, unitIds: await subtreeUnitIds(db, unit.path), timezone: campaign.timezone, upToSeq: Number(campaign.seq) };
      const totalRows = await countRows(db, cut);
      const out = new PassThrough();
      // Fastify listens once the reply is sent; until then a failed first page must not crash the process.
      out.on('error', () => {});
      const pages = exportPages(db, cut, settings.pageSize, { stopped: () => out.destroyed, beforePage: settings.beforePage, afterPage: () => stats.pages++ });
      stats.running++;
      (format === 'csv' ? writeCsv(out, pages) : writeXlsx(out, pages, settings.rowsPerSheet))
        .catch((err: unknown) => out.destroy(err as Error))
        .finally(() => stats.running--);
      return {
        filename: `nhat-ky-${safe(campaign.code)}-${safe(unit.code)}.${format}`,
        contentType: format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE,
        totalRows,
        stream: out,
      };
    },
  };
}
export type ActivityExportService = ReturnType<typeof createActivityExportService>;

/** A code as a file name part (codes are already letters, digits, '.', '_' and '-'). */
export const safe = (code: string) => code.replace(/[^A-Za-z0-9._-]/g, '_');
