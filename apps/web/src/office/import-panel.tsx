import './office.css';
import type { Campaign, ImportIssue, ImportPreview, ImportResult, PeopleInvites } from '@xk/contract';
import { type Component, createSignal, For, Match, Show, Switch } from 'solid-js';
import { Notice } from '../components/notice';
import { ApiError, type ApiProblem } from '../lib/api';
import { formatNumber } from '../lib/format';
import { useLocale } from '../lib/i18n';
import { applyImport, invitePeople, previewImport } from '../lib/office-api';
import { problemText } from '../lib/problem-text';
import { type Column, DataTable } from './data-table';
import { officeMessages } from './i18n-office';

type Step =
  | { kind: 'idle' }
  | { kind: 'checking' | 'applying'; file: File }
  | { kind: 'checked'; file: File; preview: ImportPreview; campaignId: number | null; changed?: boolean }
  | { kind: 'done'; result: ImportResult }
  | { kind: 'failed'; problem: ApiProblem };

/**
 * Onboarding from a spreadsheet: download the template, choose a file, read the dry run (per
 * sheet: new, changed, unchanged, errors with row and reason), confirm — the hub re-checks and
 * writes all of it or nothing — then invite the imported volunteers in bulk.
 */
export const ImportPanel: Component<{ campaigns: readonly Campaign[]; campaignId: number | null; onUnauthorized: () => void }> = (props) => {
  const locale = useLocale();
  const t = () => officeMessages(locale.lang());
  const [step, setStep] = createSignal<Step>({ kind: 'idle' });
  // The selected campaign until the officer picks another (or none): the campaigns may still be loading when the tab opens.
  const [picked, setPicked] = createSignal<number | null | undefined>(undefined);
  const placeIn = () => (picked() === undefined ? props.campaignId : picked()!);
  /** The campaign invites name: the one people are placed in, else the selected one. */
  const inviteCampaign = () => placeIn() ?? props.campaignId;
  const [invites, setInvites] = createSignal<PeopleInvites | 'busy' | null>(null);
  let input: HTMLInputElement | undefined;

  const failed = (err: unknown) => {
    if (!(err instanceof ApiError)) throw err;
    if (err.problem.kind === 'http' && err.problem.status === 401) props.onUnauthorized();
    setStep({ kind: 'failed', problem: err.problem });
  };
  const check = async (file: File, changed = false) => {
    setStep({ kind: 'checking', file });
    setInvites(null);
    try {
      // The apply goes with the campaign this check was made for: another one would be another plan.
      const campaignId = placeIn();
      const preview = await previewImport(file, { campaignId: campaignId ?? undefined });
      setStep({ kind: 'checked', file, preview, campaignId, changed });
    } catch (err) {
      failed(err);
    }
  };
  const confirm = async (file: File, preview: ImportPreview, campaignId: number | null) => {
    setStep({ kind: 'applying', file });
    try {
      const outcome = await applyImport(file, { campaignId: campaignId ?? undefined, expect: preview.planHash });
      if (outcome.ok) setStep({ kind: 'done', result: outcome.result });
      else setStep({ kind: 'checked', file, preview: outcome.preview, campaignId, changed: outcome.status === 409 });
    } catch (err) {
      failed(err);
    }
  };
  const invite = async (campaignId: number, ids: number[]) => {
    setInvites('busy');
    try {
      setInvites(await invitePeople(campaignId, ids));
    } catch (err) {
      setInvites(null);
      failed(err);
    }
  };
  const reason = (i: ImportIssue) => (locale.lang() === 'en' ? i.reasonEn : i.reason);
  const issueColumns = (): Column<ImportIssue>[] => [
    { header: t().sheet, cell: (i) => i.sheet },
    { header: t().row, cell: (i) => i.row, numeric: true },
    { header: t().column, cell: (i) => i.column ?? '—' },
    { header: t().value, cell: (i) => i.value ?? '' },
    { header: t().problem, cell: (i) => reason(i) },
  ];
  const table = () => ({ empty: '', showAll: t().showAll, showFewer: t().showFewer });

  return (
    <section class="import" aria-labelledby="import-heading" data-testid="import">
      <div class="card report__card">
        <h2 id="import-heading">{t().importTitle}</h2>
        <p class="import__intro">{t().importIntro}</p>
        <div class="report__export-row">
          <a class="button button--secondary" href="/api/v1/imports/template.xlsx" download="mau-nhap-xung-kich.xlsx" data-testid="template-xlsx">
            {t().template}
          </a>
          <For each={['units', 'teams', 'people']}>
            {(kind) => (
              <a class="import__template-link" href={`/api/v1/imports/template.csv?kind=${kind}`} download={`mau-${kind}.csv`}>
                {t().templateCsv(t().kinds[kind]!)}
              </a>
            )}
          </For>
        </div>
        <div class="report__export-row">
          <label class="campaign-picker">
            <span class="campaign-picker__label">{t().placeIn}</span>
            <select data-testid="import-campaign" onChange={(e) => setPicked(Number(e.currentTarget.value) || null)}>
              <option value="" selected={placeIn() === null}>
                {t().noCampaign}
              </option>
              <For each={props.campaigns}>{(c) => <option value={c.id} selected={c.id === placeIn()}>{c.name}</option>}</For>
            </select>
          </label>
          <label class="button button--primary import__choose">
            {t().chooseFile}
            <input
              ref={input}
              type="file"
              accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              class="visually-hidden"
              data-testid="import-file"
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                if (file) void check(file);
                e.currentTarget.value = '';
              }}
            />
          </label>
        </div>
      </div>

      <Switch>
        <Match when={step().kind === 'checking' || step().kind === 'applying'}>
          <Notice tone="info" title={step().kind === 'checking' ? t().checking : t().applying} testId="import-busy" />
        </Match>
        <Match when={(() => { const s = step(); return s.kind === 'failed' ? s : undefined; })()}>
          {(s) => (
            <Notice tone="error" title={locale.t().errorTitle} testId="import-failed">
              {s().problem.kind === 'http' && (s().problem as { field?: string }).field === 'body' ? (s().problem as { message: string }).message : problemText(s().problem, locale.t().auth, 'other')}
            </Notice>
          )}
        </Match>
        <Match when={(() => { const s = step(); return s.kind === 'checked' ? s : undefined; })()}>
          {(s) => (
            <div class="import__preview" data-testid="import-preview">
              <Show when={s().changed}>
                <Notice tone="warning" title={t().changed409} testId="import-changed" />
              </Show>
              <div class="card report__card">
                <h3>{s().file.name}</h3>
                <DataTable
                  {...table()}
                  testId="import-sheets"
                  rows={s().preview.sheets}
                  columns={[
                    { header: t().sheet, cell: (x) => (!x.kind ? `${x.name} — ${t().notRecognised}` : x.name === t().kinds[x.kind] ? x.name : `${x.name} (${t().kinds[x.kind]})`) },
                    { header: t().rows, cell: (x) => formatNumber(x.rows), numeric: true },
                    { header: t().create, cell: (x) => formatNumber(x.create), numeric: true },
                    { header: t().update, cell: (x) => formatNumber(x.update), numeric: true },
                    { header: t().unchanged, cell: (x) => formatNumber(x.unchanged), numeric: true },
                    { header: t().errors, cell: (x) => <span classList={{ import__bad: x.errors > 0 }}>{formatNumber(x.errors)}</span>, numeric: true },
                  ]}
                />
                <For each={s().preview.sheets.filter((x) => x.ignoredColumns.length)}>{(x) => <p class="import__note">{`${x.name}: ${t().ignored(x.ignoredColumns.join(', '))}`}</p>}</For>
                <Show when={s().preview.truncated}>
                  <p class="import__note">{t().truncated}</p>
                </Show>
              </div>
              <Switch>
                <Match when={s().preview.errors.length}>
                  <div class="card report__card import__errors">
                    <h3 class="import__bad" data-testid="import-errors-title">
                      {t().errorsTitle(s().preview.totals.errors)}
                    </h3>
                    <DataTable {...table()} limit={50} testId="import-errors" rows={s().preview.errors} columns={issueColumns()} />
                  </div>
                </Match>
                <Match when={s().preview.totals.create + s().preview.totals.update === 0}>
                  <Notice tone="info" title={t().nothingToDo} testId="import-nothing" />
                </Match>
                <Match when={true}>
                  <div class="card report__card">
                    <h3>{t().changesTitle(s().preview.totals.create + s().preview.totals.update)}</h3>
                    <DataTable
                      {...table()}
                      testId="import-changes"
                      rows={s().preview.changes}
                      columns={[
                        { header: t().sheet, cell: (c) => c.sheet },
                        { header: t().row, cell: (c) => c.row, numeric: true },
                        { header: t().change, cell: (c) => (c.action === 'create' ? t().create : `${t().update}: ${c.changes.map((x) => t().changeNames[x] ?? x).join(', ')}`) },
                        { header: t().value, cell: (c) => `${c.label} (${c.key})` },
                      ]}
                    />
                    <button type="button" class="button button--primary" data-testid="import-confirm" onClick={() => void confirm(s().file, s().preview, s().campaignId)}>
                      {t().confirm(s().preview.totals.create + s().preview.totals.update)}
                    </button>
                  </div>
                </Match>
              </Switch>
              <Show when={s().preview.warnings.length}>
                <div class="card report__card">
                  <h3>{t().warningsTitle(s().preview.warnings.length)}</h3>
                  <DataTable {...table()} rows={s().preview.warnings} columns={issueColumns()} />
                </div>
              </Show>
            </div>
          )}
        </Match>
        <Match when={(() => { const s = step(); return s.kind === 'done' ? s : undefined; })()}>
          {(s) => (
            <div class="card report__card" data-testid="import-done">
              <p class="import__done">{t().done(s().result.created.people, s().result.created.units, s().result.created.teams)}</p>
              <Show when={inviteCampaign() !== null && s().result.volunteerIds.length > 0 && invites() === null}>
                <button type="button" class="button button--primary" data-testid="import-invite" onClick={() => void invite(inviteCampaign()!, s().result.volunteerIds)}>
                  {t().inviteAll(s().result.volunteerIds.length)}
                </button>
              </Show>
              <Show when={invites() === 'busy'}>
                <p>{t().inviting}</p>
              </Show>
              <Show when={(() => { const i = invites(); return i && i !== 'busy' ? i : undefined; })()}>
                {(i) => (
                  <div data-testid="import-invites">
                    <p>{t().invited(i().invites.length, i().skipped.length)}</p>
                    <Show when={i().invites.length}>
                      <h3>{t().inviteLinks}</h3>
                      <DataTable
                        {...table()}
                        rows={i().invites}
                        columns={[
                          { header: t().columns.name, cell: (x) => x.name },
                          { header: t().columns.phone, cell: (x) => x.phone },
                          { header: 'Link', cell: (x) => <input class="import__link" readonly value={x.url} onFocus={(e) => e.currentTarget.select()} /> },
                        ]}
                      />
                    </Show>
                  </div>
                )}
              </Show>
              <button type="button" class="link-button" onClick={() => (setStep({ kind: 'idle' }), input?.click())}>
                {t().another}
              </button>
            </div>
          )}
        </Match>
      </Switch>
    </section>
  );
};
