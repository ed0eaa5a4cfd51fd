import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CampaignReportSchema, IdParamsSchema, ReportCsvQuerySchema, ReportQuerySchema } from '@xk/contract';
import type { Access } from '../auth/access';
import { attachment, errorReplies, FileSchema, XLSX_TYPE } from '../http-schemas';
import { unitAsked } from '../totals/totals-routes';
import { type ExportFormat, safe } from './activity-export';
import { sheetCsv } from './report-csv';
import { reportSheet, reportSheets } from './report-sheets';
import { reportWorkbook } from './report-xlsx';

const tags = ['reports'];

/** Names, phones and hours of volunteers are personal data: coordinators over the unit asked for (the campaign's scope unit by default). */
const coordinators: Access = { role: 'coordinator', units: unitAsked };

export const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const reports = app.services.reports;
  const exports = app.services.activityExport;
  // PGlite runs each query on the event loop, result rows included (~25 µs a row here): 500-row pages hold it ~15 ms.
  if (app.database.kind === 'pglite') exports.settings.pageSize = 500;
  const fileName = (r: { campaign: { code: string }; unit: { code: string } }, suffix: string) => `bao-cao-${safe(r.campaign.code)}-${safe(r.unit.code)}${suffix}`;

  app.get(
    '/campaigns/:id/report',
    {
      config: { access: coordinators },
      schema: {
        tags,
        summary: "A campaign's report for a unit's subtree (the scope unit by default): by service, day, hour, station, team, child unit and volunteer, sessions, target progress, member adoption",
        params: IdParamsSchema,
        querystring: ReportQuerySchema,
        response: { 200: CampaignReportSchema, ...errorReplies(400, 401, 403, 404) },
      },
    },
    (req) => reports.report(req.params.id, req.query.unitId),
  );

  app.get(
    '/campaigns/:id/report.xlsx',
    { config: { access: coordinators }, schema: { tags, summary: 'The report as a workbook: a sheet per table, Vietnamese headers', params: IdParamsSchema, querystring: ReportQuerySchema, response: { 200: FileSchema, ...errorReplies(400, 401, 403, 404) } } },
    async (req, reply) => {
      const report = await reports.report(req.params.id, req.query.unitId);
      return attachment(reply, XLSX_TYPE, fileName(report, '.xlsx')).send(await reportWorkbook(reportSheets(report)));
    },
  );

  app.get(
    '/campaigns/:id/report.csv',
    { config: { access: coordinators }, schema: { tags, summary: 'One table of the report as CSV (UTF-8 with BOM, CRLF)', params: IdParamsSchema, querystring: ReportCsvQuerySchema, response: { 200: FileSchema, ...errorReplies(400, 401, 403, 404) } } },
    async (req, reply) => {
      const report = await reports.report(req.params.id, req.query.unitId);
      return attachment(reply, 'text/csv; charset=utf-8', fileName(report, `-${req.query.table}.csv`)).send(sheetCsv(reportSheet(report, req.query.table)));
    },
  );

  const exportRoute = (format: ExportFormat) =>
    app.get(
      `/campaigns/:id/activity/export.${format}`,
      {
        // A HEAD would start an export only to throw it away.
        exposeHeadRoute: false,
        config: { access: coordinators },
        schema: {
          tags,
          summary: `Every activity row of a unit's subtree as ${format.toUpperCase()}, streamed in sequence order up to the campaign's sequence number at the start; X-Total-Rows: how many`,
          params: IdParamsSchema,
          querystring: ReportQuerySchema,
          response: { 200: FileSchema, ...errorReplies(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        const opened = await exports.open(req.params.id, req.query.unitId, format);
        return attachment(reply, opened.contentType, opened.filename).header('x-total-rows', String(opened.totalRows)).send(opened.stream);
      },
    );
  exportRoute('csv');
  exportRoute('xlsx');
};
