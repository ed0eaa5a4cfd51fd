import './office.css';
import type { Campaign, CampaignReport, ReportTable, Service, Unit } from '@xk/contract';
import { type Component, createEffect, createMemo, createResource, createSignal, For, Match, on, Show, Switch } from 'solid-js';
import { CampaignPicker } from '../components/campaign-picker';
import { campaignUnits, UnitPicker } from '../components/unit-picker';
import { Notice } from '../components/notice';
import { TargetList } from '../components/target-progress';
import { ApiError, listCampaignServices } from '../lib/api';
import { formatDateTime, formatNumber, formatPercent } from '../lib/format';
import { serviceName, useLocale } from '../lib/i18n';
import { download, type DownloadProgress, fetchReport, listUnits } from '../lib/office-api';
import { problemText } from '../lib/problem-text';
import { BarList, ColumnChart, type Column, DataTable } from './data-table';
import { officeMessages } from './i18n-office';

const hours = (h: number) => formatNumber(Math.round(h * 10) / 10);
const day = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}`;

/**
 * A campaign's report for a unit, rolled up its subtree: headline figures, charts by day and hour,
 * tables by service, child unit, station, team and volunteer, targets and adoption; exports as
 * Excel and CSV (every activity entry streamed, with its progress), and a printable summary.
 */
export const ReportPanel: Component<{ campaign: Campaign; campaigns: readonly Campaign[]; onSelectCampaign: (id: number) => void; onUnauthorized: () => void }> = (props) => {
  const locale = useLocale();
  const t = () => officeMessages(locale.lang());
  const [chosen, setChosen] = createSignal<number | null>(null);
  const [units] = createResource(() => listUnits().catch(() => [] as Unit[]));
  const [services] = createResource(() => props.campaign.id, (id) => listCampaignServices(id).catch(() => [] as Service[]));
  /**
   * The units of the campaign's scope the caller may report on, tree order (a path holds every
   * ancestor's id). The first is where the report opens: the campaign's scope unit, or for a
   * district's coordinator of a province campaign, their district.
   */
  const choices = createMemo(() => campaignUnits(units() ?? [], props.campaign.scopeUnitId));
  createEffect(on(() => props.campaign.id, () => setChosen(null), { defer: true }));
  const unitId = () => chosen() ?? choices()[0]?.id ?? null;
  const [report] = createResource(
    () => (units.state === 'ready' ? { campaignId: props.campaign.id, unitId: unitId() } : false),
    async (q) => {
      try {
        return await fetchReport(q.campaignId, q.unitId);
      } catch (err) {
        if (err instanceof ApiError && err.problem.kind === 'http' && err.problem.status === 401) props.onUnauthorized();
        throw err;
      }
    },
  );

  return (
    <section class="report" aria-labelledby="report-heading" data-testid="report">
      <h2 id="report-heading" class="visually-hidden">
        {t().reportTitle}
      </h2>
      <div class="toolbar report__toolbar no-print">
        <CampaignPicker campaigns={props.campaigns} selectedId={props.campaign.id} onSelect={props.onSelectCampaign} />
        <UnitPicker units={choices()} selectedId={unitId()} label={t().unitLabel} testId="report-unit" onSelect={setChosen} />
      </div>
      <Switch>
        <Match when={report.error && !report.loading}>
          <Notice tone="error" title={locale.t().errorTitle} testId="report-error">
            {report.error instanceof ApiError ? problemText(report.error.problem, locale.t().auth, 'other') : String(report.error)}
          </Notice>
        </Match>
        <Match when={report.latest}>{(r) => <ReportBody report={r()} services={services() ?? []} loading={report.loading} onOpenUnit={setChosen} />}</Match>
        <Match when={true}>
          <Notice tone="info" title={t().loadingReport} testId="report-loading" />
        </Match>
      </Switch>
    </section>
  );
};

const ReportBody: Component<{ report: CampaignReport; services: readonly Service[]; loading: boolean; onOpenUnit: (id: number) => void }> = (props) => {
  const locale = useLocale();
  /** The catalogue's name in the current language; the report's own (Vietnamese) when the catalogue lacks it. */
  const service = (code: string, fallback: string) => (props.services.some((x) => x.code === code) ? serviceName(props.services, code, locale.lang()) : fallback);
  const t = () => officeMessages(locale.lang());
  const c = () => t().columns;
  const r = () => props.report;
  const n = formatNumber;
  const totals = createMemo(() => {
    const byDay = r().byDay;
    return {
      residents: byDay.reduce((s, d) => s + d.residents, 0),
      shops: byDay.reduce((s, d) => s + d.shops, 0),
      sessions: byDay.reduce((s, d) => s + d.sessions, 0),
      attendance: byDay.reduce((s, d) => s + d.attendance, 0),
      checkIns: byDay.reduce((s, d) => s + d.checkIns, 0),
    };
  });
  const hourTotals = createMemo(() => {
    const per = Array.from({ length: 24 }, () => 0);
    for (const h of r().byHour) per[h.hour]! += h.residents;
    return per.map((value, hour) => ({ label: hour % 3 === 0 ? String(hour) : '', value, title: `${hour}h: ${n(value)}` }));
  });
  const measureColumns = <R extends { residents: number; shops: number; sessions: number; attendance: number; checkIns: number }>(): Column<R>[] => [
    { header: c().residents, cell: (x) => n(x.residents), numeric: true },
    { header: c().shops, cell: (x) => n(x.shops), numeric: true },
    { header: c().sessions, cell: (x) => n(x.sessions), numeric: true },
    { header: c().attendance, cell: (x) => n(x.attendance), numeric: true },
    { header: c().checkIns, cell: (x) => n(x.checkIns), numeric: true },
  ];
  const table = { empty: t().noData, showAll: t().showAll, showFewer: t().showFewer };
  /**
   * The child units, and what was counted at the unit itself (a ward's own stations): without that
   * row the children would not add up to the total below them. People may count in several
   * children, so the unit's own row has no volunteer count.
   */
  const unitRows = createMemo(() => {
    const rows: Array<Omit<CampaignReport['byUnit'][number], 'volunteers'> & { volunteers: number | null }> = [...r().byUnit];
    const sum = (k: 'residents' | 'shops' | 'sessions' | 'attendance' | 'checkIns') => totals()[k] - r().byUnit.reduce((s, u) => s + u[k], 0);
    const own = { residents: sum('residents'), shops: sum('shops'), sessions: sum('sessions'), attendance: sum('attendance'), checkIns: sum('checkIns') };
    if (Object.values(own).some((v) => v !== 0)) rows.unshift({ unitId: r().unit.id, code: r().unit.code, name: t().ownUnit(r().unit.name), ...own, volunteers: null });
    return rows;
  });

  return (
    <div class="report__body" classList={{ 'report__body--stale': props.loading }}>
      <header class="report__print-header print-only">
        <p>{t().printHeading}</p>
        <h1>{r().campaign.name}</h1>
        <p>{r().unit.pathNames.join(' / ')}</p>
      </header>
      <p class="report__as-of" data-testid="report-as-of">
        <strong>{r().unit.pathNames.join(' / ')}</strong> · {t().asOf(formatDateTime(new Date(r().asOf), r().timezone))}
      </p>
      <div class="stats" data-testid="report-figures">
        <Figure label={t().residents} value={n(totals().residents)} testId="figure-residents" />
        <Figure label={t().shops} value={n(totals().shops)} testId="figure-shops" />
        <Figure label={t().sessions} value={n(totals().sessions)} note={`${n(totals().attendance)} ${t().attendance}`} testId="figure-sessions" />
        <Figure label={t().volunteers} value={n(r().volunteers.people)} note={t().hoursOnDuty(hours(r().volunteers.hours))} testId="figure-volunteers" />
      </div>

      <section class="card report__card">
        <h3>{t().targets}</h3>
        <Show when={r().targets.length} fallback={<p class="report__empty">{t().noTargets}</p>}>
          <TargetList targets={r().targets} services={props.services} />
        </Show>
      </section>
      <div class="report__grid">
        <section class="card report__card">
          <h3>{t().byService}</h3>
          <BarList testId="chart-services" empty={t().noData} items={r().byService.map((x) => ({ label: service(x.serviceCode, x.serviceName), value: x.residents + x.shops, shown: n(x.residents + x.shops) }))} />
        </section>
        <section class="card report__card">
          <h3>{t().byDay}</h3>
          <BarList testId="chart-days" empty={t().noData} items={r().byDay.map((d) => ({ label: day(d.day), value: d.residents, shown: n(d.residents) }))} />
        </section>
        <section class="card report__card">
          <h3>{t().byHour}</h3>
          <ColumnChart testId="chart-hours" items={hourTotals()} />
        </section>
      </div>

      <section class="card report__card">
        <h3>{t().byUnit}</h3>
        <DataTable
          {...table}
          testId="table-units"
          rows={unitRows()}
          columns={[
            {
              header: c().unit,
              cell: (x) =>
                x.unitId === r().unit.id ? (
                  <em>{x.name}</em>
                ) : (
                  <button type="button" class="link-button report__drill" onClick={() => props.onOpenUnit(x.unitId)} title={t().openUnit}>
                    {x.name}
                  </button>
                ),
            },
            ...measureColumns<ReturnType<typeof unitRows>[number]>(),
            { header: c().volunteers, cell: (x) => (x.volunteers === null ? '—' : n(x.volunteers)), numeric: true },
          ]}
          footer={[<strong>{r().unit.name}</strong>, n(totals().residents), n(totals().shops), n(totals().sessions), n(totals().attendance), n(totals().checkIns), n(r().volunteers.people)]}
        />
      </section>
      <div class="report__grid">
        <section class="card report__card">
          <h3>{t().byService}</h3>
          <DataTable
            {...table}
            testId="table-services"
            rows={r().byService}
            columns={[
              { header: c().service, cell: (x) => service(x.serviceCode, x.serviceName) },
              { header: c().residents, cell: (x) => n(x.residents), numeric: true },
              { header: c().shops, cell: (x) => n(x.shops), numeric: true },
            ]}
          />
        </section>
        <section class="card report__card">
          <h3>{t().adoption}</h3>
          <DataTable
            {...table}
            testId="table-adoption"
            rows={r().adoption.byService}
            columns={[
              { header: c().service, cell: (x) => service(x.serviceCode, x.serviceName) },
              { header: c().adopters, cell: (x) => n(x.adopters), numeric: true },
              { header: c().members, cell: (x) => n(x.members), numeric: true },
              { header: c().share, cell: (x) => formatPercent(x.share), numeric: true },
            ]}
          />
        </section>
      </div>
      <section class="card report__card">
        <h3>{t().byStation}</h3>
        <DataTable {...table} testId="table-stations" rows={r().byStation} columns={[{ header: c().station, cell: (x) => x.name }, { header: c().unit, cell: (x) => x.unitName }, ...measureColumns<CampaignReport['byStation'][number]>()]} />
      </section>
      <section class="card report__card">
        <h3>{t().byTeam}</h3>
        <DataTable {...table} testId="table-teams" rows={r().byTeam} columns={[{ header: c().team, cell: (x) => x.name }, { header: c().unit, cell: (x) => x.unitName }, ...measureColumns<CampaignReport['byTeam'][number]>()]} />
      </section>
      <section class="card report__card">
        <h3>{t().sessionsTable}</h3>
        <DataTable
          {...table}
          testId="table-sessions"
          rows={r().sessions.byDay}
          columns={[
            { header: c().day, cell: (x) => day(x.day) },
            { header: c().outreach, cell: (x) => n(x.outreach), numeric: true },
            { header: c().attendance, cell: (x) => n(x.outreachAttendance), numeric: true },
            { header: c().training, cell: (x) => n(x.training), numeric: true },
            { header: c().attendance, cell: (x) => n(x.trainingAttendance), numeric: true },
          ]}
        />
      </section>
      <section class="card report__card">
        <h3>{t().volunteerList}</h3>
        <DataTable
          {...table}
          testId="table-volunteers"
          rows={r().volunteers.rows}
          columns={[
            { header: c().name, cell: (x) => x.name },
            { header: c().unit, cell: (x) => x.unitName },
            { header: c().team, cell: (x) => x.teamName ?? '—' },
            { header: c().checkIns, cell: (x) => n(x.checkIns), numeric: true },
            { header: c().residents, cell: (x) => n(x.residents), numeric: true },
            { header: c().hours, cell: (x) => hours(x.hours), numeric: true },
          ]}
        />
      </section>
      <ReportExports report={r()} />
      <p class="report__print-footer print-only">
        {t().printFooter} · {formatDateTime(new Date(r().asOf), r().timezone)}
      </p>
    </div>
  );
};

const Figure: Component<{ label: string; value: string; note?: string; testId: string }> = (props) => (
  <div class="card report__figure" data-testid={props.testId}>
    <span class="report__figure-label">{props.label}</span>
    <span class="report__figure-value">{props.value}</span>
    <Show when={props.note}>
      <span class="report__figure-note">{props.note}</span>
    </Show>
  </div>
);

const csvTables: ReportTable[] = ['byService', 'byDay', 'byHour', 'byStation', 'byTeam', 'byUnit', 'sessions', 'volunteers', 'targets', 'adoption'];

/** The report's downloads (each with its progress) and the print button. */
const ReportExports: Component<{ report: CampaignReport }> = (props) => {
  const locale = useLocale();
  const t = () => officeMessages(locale.lang());
  const [progress, setProgress] = createSignal<DownloadProgress | null>(null);
  const [state, setState] = createSignal<'idle' | 'busy' | 'done' | 'failed'>('idle');
  const [table, setTable] = createSignal<ReportTable>('byUnit');
  let controller: AbortController | undefined;
  const tableName = (name: ReportTable) =>
    ({ byService: t().byService, byDay: t().byDay, byHour: t().byHour, byStation: t().byStation, byTeam: t().byTeam, byUnit: t().byUnit, sessions: t().sessionsTable, volunteers: t().volunteerList, targets: t().targets, adoption: t().adoption })[name];
  const base = () => `/api/v1/campaigns/${props.report.campaign.id}`;
  const unit = () => `unitId=${props.report.unit.id}`;
  const run = async (path: string) => {
    controller?.abort();
    controller = new AbortController();
    setState('busy');
    setProgress(null);
    try {
      await download(path, setProgress, controller.signal);
      setState('done');
    } catch (err) {
      setState((err as Error).name === 'AbortError' ? 'idle' : 'failed');
    }
  };
  const shown = () => {
    const p = progress();
    if (!p) return '';
    if (p.rows !== null) return t().downloading(formatNumber(p.rows), p.totalRows === null ? null : formatNumber(p.totalRows));
    return t().downloading(`${formatNumber(Math.round(p.bytes / 100_000) / 10)} MB`, null);
  };
  const ratio = () => {
    const p = progress();
    return p?.rows !== null && p?.rows !== undefined && p.totalRows ? Math.min(1, p.rows / p.totalRows) : null;
  };
  return (
    <section class="card report__card report__exports no-print" aria-labelledby="exports-heading">
      <h3 id="exports-heading">{t().exportTitle}</h3>
      <div class="report__export-row">
        <button type="button" class="button button--primary" data-testid="export-xlsx" onClick={() => void run(`${base()}/report.xlsx?${unit()}`)}>
          {t().exportXlsx}
        </button>
        <span class="report__csv">
          <select aria-label={t().exportCsv} onChange={(e) => setTable(e.currentTarget.value as ReportTable)}>
            <For each={csvTables}>{(name) => <option value={name} selected={name === table()}>{tableName(name)}</option>}</For>
          </select>
          <button type="button" class="button button--secondary" data-testid="export-csv" onClick={() => void run(`${base()}/report.csv?${unit()}&table=${table()}`)}>
            {t().exportCsv}
          </button>
        </span>
        <button type="button" class="button button--secondary" data-testid="print" onClick={() => window.print()}>
          {t().print}
        </button>
      </div>
      <div class="report__export-row">
        <span class="report__export-label">{t().exportActivity}</span>
        <button type="button" class="button button--secondary" data-testid="export-activity-csv" onClick={() => void run(`${base()}/activity/export.csv?${unit()}`)}>
          {t().exportActivityCsv}
        </button>
        <button type="button" class="button button--secondary" data-testid="export-activity-xlsx" onClick={() => void run(`${base()}/activity/export.xlsx?${unit()}`)}>
          {t().exportActivityXlsx}
        </button>
      </div>
      <Show when={state() !== 'idle'}>
        <div class="report__progress" role="status" data-testid="export-progress">
          <Show when={state() === 'busy'}>
            {/* Without a row count (an .xlsx), the bar runs without a value: it shows work, not a made-up share. */}
            <Show when={ratio() !== null} fallback={<progress />}>
              <progress max="1" value={ratio() ?? 0} />
            </Show>
            <span>{shown()}</span>
            <button type="button" class="link-button" onClick={() => controller?.abort()}>
              {t().cancel}
            </button>
          </Show>
          <Show when={state() === 'done'}>
            <span>{t().downloaded}</span>
          </Show>
          <Show when={state() === 'failed'}>
            <span class="form-message form-message--error">{locale.t().errorTitle}</span>
          </Show>
        </div>
      </Show>
    </section>
  );
};
