import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { ImportKind } from '@xk/contract';
import { columnsOf } from './sheet-columns';

/** The template's sheet names, as a union officer would name them. */
export const sheetNames: Record<ImportKind, string> = { units: 'Đơn vị', teams: 'Tổ đội', people: 'Tình nguyện viên' };

const examples: Record<ImportKind, string[][]> = {
  units: [
    ['HP-LC', 'Quận đoàn Lê Chân', 'Huyện', 'HP', '150'],
    ['HP-LC-P1', 'Đoàn phường 1', 'Phường', 'HP-LC', '45'],
  ],
  teams: [['HP-LC-P1-T1', 'Tổ công nghệ số cộng đồng khu phố 3', 'HP-LC-P1', 'Tổ công nghệ số cộng đồng']],
  people: [['Nguyễn Thị Lan', '0912 345 678', '', 'Quận đoàn Lê Chân / Đoàn phường 1', 'Tình nguyện viên', 'HP-LC-P1-T1']],
};

/**
 * The template to download: one sheet per kind with its headers (required ones marked *), choice
 * lists where a column has fixed values, and an instructions sheet with the examples — the data
 * sheets start empty, so an example can never be imported by mistake.
 */
export async function templateWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Xung Kích';
  const guide = wb.addWorksheet('Hướng dẫn');
  guide.columns = [{ width: 22 }, { width: 28 }, { width: 90 }];
  guide.addRow(['Mẫu nhập dữ liệu Xung Kích']).font = { bold: true, size: 14 };
  guide.addRow(['Điền vào các trang «Đơn vị», «Tổ đội», «Tình nguyện viên» (có thể bỏ trống trang không dùng). Cột có dấu * là bắt buộc. Nhập thử (xem trước) không ghi gì; chỉ khi xác nhận mới ghi. Nhập lại cùng tệp không tạo trùng.']);
  guide.addRow([]);
  for (const kind of Object.keys(columnsOf) as ImportKind[]) {
    guide.addRow([sheetNames[kind]]).font = { bold: true };
    for (const c of columnsOf[kind]) guide.addRow(['', c.header + (c.required ? ' *' : ''), c.hint]);
    guide.addRow(['', 'Ví dụ:', examples[kind].map((r) => r.join(' | ')).join('\n')]);
    guide.addRow([]);
  }
  guide.getColumn(3).alignment = { wrapText: true, vertical: 'top' };

  for (const kind of Object.keys(columnsOf) as ImportKind[]) {
    const ws = wb.addWorksheet(sheetNames[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
    const cols = columnsOf[kind];
    ws.columns = cols.map((c) => ({ header: c.header + (c.required ? ' *' : ''), key: c.key, width: Math.max(16, c.header.length + 6) }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE9E7' } };
    const choices: Record<string, string[]> = {
      level: ['Tỉnh', 'Huyện', 'Xã', 'Phường', 'Chi đoàn'],
      kind: ['Tổ công nghệ số cộng đồng', 'IT Xanh', 'Thanh niên xung kích', 'Khác'],
      role: ['Tình nguyện viên', 'Đoàn viên', 'Cán bộ', 'Điều phối', 'Bí thư'],
    };
    cols.forEach((c, i) => {
      const list = choices[c.key];
      const letter = String.fromCharCode(65 + i);
      // Phones as text: a number cell drops the leading 0 (the import puts it back, but people check what they typed).
      if (c.key === 'phone') for (let r = 2; r <= 2000; r++) ws.getCell(`${letter}${r}`).numFmt = '@';
      if (!list) return;
      for (let r = 2; r <= 2000; r++) {
        ws.getCell(`${letter}${r}`).dataValidation = { type: 'list', allowBlank: true, showErrorMessage: false, formulae: [`"${list.join(',')}"`] };
      }
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** One kind's template as CSV (UTF-8 with BOM, so Excel shows the Vietnamese headers). */
export function templateCsv(kind: ImportKind): string {
  return '\ufeff' + stringify([columnsOf[kind].map((c) => c.header + (c.required ? ' *' : ''))], { record_delimiter: '\r\n' });
}
