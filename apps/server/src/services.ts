import type { Db } from '@xk/db';
import { createActivityService } from './activity/activity-service';
import { createAssignmentsService } from './assignments/assignments-service';
import { createCampaignsService } from './campaigns/campaigns-service';
import { createTargetsService } from './campaigns/targets-service';
import { createMessagesService } from './messages/messages-service';
import { createMovesService } from './moves/moves-service';
import { createPeopleService } from './people/people-service';
import { createPhoneStatusService } from './phone-status/phone-status-service';
import { createPosterKeys } from './stations/poster-code';
import { createStationsService } from './stations/stations-service';
import { createTeamsService } from './teams/teams-service';
import { createTotalsService } from './totals/totals-service';
import { createActivityExportService } from './reports/activity-export';
import { createReportService } from './reports/report-service';
import { createUnitsService } from './units/units-service';

/** Every service of the hub, built over one database: the composition root hands this to routes and sockets. */
export function createServices(db: Db) {
  const units = createUnitsService(db);
  const people = createPeopleService(db);
  const teams = createTeamsService(db);
  const campaigns = createCampaignsService(db);
  const targets = createTargetsService(db, campaigns);
  const stations = createStationsService(db, campaigns);
  const assignments = createAssignmentsService(db, campaigns);
  const activity = createActivityService(db, campaigns);
  const totals = createTotalsService(db, campaigns, targets);
  const reports = createReportService(db, campaigns, targets);
  const activityExport = createActivityExportService(db, campaigns);
  const moves = createMovesService(db, campaigns, activity);
  const messages = createMessagesService(db, campaigns);
  const phoneStatus = createPhoneStatusService(db, campaigns);
  const posterKeys = createPosterKeys(db);
  return { units, people, teams, campaigns, targets, stations, assignments, activity, totals, reports, activityExport, moves, messages, phoneStatus, posterKeys };
}
export type Services = ReturnType<typeof createServices>;
