import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { ImportPreviewSchema, ImportQuerySchema, ImportRefusedSchema, ImportResultSchema, TemplateQuerySchema } from '@xk/contract';
import type { Access } from '../auth/access';
import { badRequest } from '../errors';
import { attachment, errorReplies, FileSchema, XLSX_TYPE } from '../http-schemas';
import { createImportService, ImportRefused } from './import-service';
import { templateCsv, templateWorkbook } from './import-template';

const tags = ['imports'];
const origin = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers['user-agent'] });
/** What browsers and tools label a spreadsheet upload with (Windows calls a .csv "application/vnd.ms-excel"). */
const fileTypes = ['text/csv', 'text/plain', XLSX_TYPE, 'application/vnd.ms-excel', 'application/octet-stream'];
/** A province's members in one file stay far below this. */
const bodyLimit = 25 * 1024 * 1024;

/** Any coordinator (the template is the same for everyone). */
const template: Access = { role: 'coordinator' };
/**
 * Coordinators; with a campaign, whose units overlap its scope. Every row is checked on its own:
 * people need the coordinator role over their unit, units and teams the organizer role.
 */
const importing: Access = {
  role: 'coordinator',
  overlaps: async (req, u) => [await u.campaign((req.query as { campaignId?: number }).campaignId)],
  filtered: 'each row against the caller’s units (people: coordinator; units and teams: organizer)',
};

/** Spreadsheet onboarding: the template, a dry run, and the apply (all or nothing). The file is the request's body. */
export const importRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const imports = createImportService(app.database.db, app.services, app.auth);
  app.addContentTypeParser(fileTypes, { parseAs: 'buffer', bodyLimit }, (_req, body, done) => done(null, body));
  const fileOf = (req: FastifyRequest): Buffer => {
    if (!Buffer.isBuffer(req.body)) throw badRequest('body', `send the file itself as the body, with Content-Type ${XLSX_TYPE} or text/csv`);
    return req.body;
  };

  app.get('/imports/template.xlsx', { config: { access: template }, schema: { tags, summary: 'The import template: a sheet per kind (units, teams, volunteers) and instructions, in Vietnamese', response: { 200: FileSchema, ...errorReplies(401, 403) } } }, async (_req, reply) =>
    attachment(reply, XLSX_TYPE, 'mau-nhap-xung-kich.xlsx').send(await templateWorkbook()),
  );
  app.get('/imports/template.csv', { config: { access: template }, schema: { tags, summary: "One kind's template as CSV (UTF-8 with BOM)", querystring: TemplateQuerySchema, response: { 200: FileSchema, ...errorReplies(400, 401, 403) } } }, async (req, reply) => {
    const kind = req.query.kind ?? 'people';
    return attachment(reply, 'text/csv; charset=utf-8', `mau-${kind}.csv`).send(templateCsv(kind));
  });
  app.post(
    '/imports/preview',
    { bodyLimit, config: { access: importing }, schema: { tags, summary: 'Dry run: what the file would create or change, and every row’s errors; writes nothing', querystring: ImportQuerySchema, response: { 200: ImportPreviewSchema, ...errorReplies(400, 401, 403, 404, 413) } } },
    (req) => imports.preview(req.actor!, fileOf(req), req.query),
  );
  app.post(
    '/imports/apply',
    {
      bodyLimit,
      config: { access: importing },
      schema: {
        tags,
        summary: 'Imports the file: re-planned in one transaction and written whole, or not at all (422 with the preview when rows have errors; 409 when `expect` differs from the plan now)',
        querystring: ImportQuerySchema,
        response: { 200: ImportResultSchema, 409: ImportRefusedSchema, 422: ImportRefusedSchema, ...errorReplies(400, 401, 403, 404, 413) },
      },
    },
    async (req, reply) => {
      try {
        return await imports.apply(req.actor!, fileOf(req), req.query, origin(req));
      } catch (err) {
        if (!(err instanceof ImportRefused)) throw err;
        return reply.status(err.statusCode as 409 | 422).send({ error: err.code, message: err.message, field: err.field ?? 'body', preview: err.preview });
      }
    },
  );
};
