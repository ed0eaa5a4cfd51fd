import type { Target } from '@xk/contract';
import { type Component, createMemo, createSignal, For, Show } from 'solid-js';
import { formatNumber, formatPercent } from '../../lib/format';
import { serviceName, useLocale } from '../../lib/i18n';
import { deleteTarget, splitTarget } from '../../lib/setup-api';
import { type FormProblem, formError, formProblem } from './form-problem';
import { setupMessages } from './i18n-setup';
import { SelectField } from './select-field';
import type { SetupData } from './setup-data';
import { type SplitOutcome, SplitResult } from './split-result';
import { isShareTarget as isShare, targetValueText } from './target-text';
import { TargetForm } from './target-form';
import { childrenOf, unitOptions } from './unit-tree';

const sameKey = (a: Target, b: Target) => a.kind === b.kind && a.serviceCode === b.serviceCode;

/**
 * Targets unit by unit (the scope unit first, then any unit under it): the unit's targets, what its
 * children hold of each, "split among child units" by members or equally with the result shown,
 * and a form to set one.
 */
export const TargetsSection: Component<{ campaignId: number; data: SetupData; onUnauthorized: () => void }> = (props) => {
  const locale = useLocale();
  const t = () => setupMessages(locale.lang());
  const [chosen, setChosen] = createSignal<number | null>(null);
  const unitId = () => chosen() ?? props.data.scopeUnits()[0]?.id ?? null;
  const children = createMemo(() => (unitId() === null ? [] : childrenOf(props.data.units(), unitId()!)));
  /** The unit's targets, in the kinds' order (people helped first) and the catalogue's. */
  const own = createMemo(() => {
    const kinds = Object.keys(locale.t().targetKinds);
    const rank = (code: string) => props.data.services().findIndex((s) => s.code === code);
    return props.data
      .targets()
      .filter((x) => x.unitId === unitId())
      .sort((a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind) || rank(a.serviceCode) - rank(b.serviceCode));
  });
  const ofChildren = (target: Target) => props.data.targets().filter((x) => sameKey(x, target) && children().some((c) => c.id === x.unitId));
  const [splitting, setSplitting] = createSignal<number | null>(null);
  const [outcome, setOutcome] = createSignal<SplitOutcome | null>(null);
  const [problem, setProblem] = createSignal<FormProblem | null>(null);
  /** "Người dân được hỗ trợ · Kích hoạt VNeID"; a kind not counted per service is its name alone. */
  const label = (x: { kind: Target['kind']; serviceCode: string }) =>
    x.serviceCode ? `${locale.t().targetKinds[x.kind]} · ${serviceName(props.data.services(), x.serviceCode, locale.lang())}` : locale.t().targetKinds[x.kind];
  const fail = (err: unknown) => setProblem(formProblem(err, { setup: t(), auth: locale.t().auth }, [], props.onUnauthorized));

  const split = async (target: Target, by: 'members' | 'equal') => {
    setProblem(null);
    try {
      const result = await splitTarget(props.campaignId, { unitId: target.unitId, kind: target.kind, serviceCode: target.serviceCode, by });
      setOutcome({ label: label(target), by, targets: result });
      setSplitting(null);
      props.data.refetch.targets();
    } catch (err) {
      fail(err);
    }
  };
  const remove = async (target: Target) => {
    if (!window.confirm(t().removeTarget(label(target)))) return;
    setProblem(null);
    try {
      await deleteTarget(props.campaignId, target.id);
      props.data.refetch.targets();
    } catch (err) {
      fail(err);
    }
  };
  const childrenText = (target: Target) => {
    const held = ofChildren(target);
    if (!held.length) return '—';
    if (isShare(target)) return t().childrenSum([...new Set(held.map((x) => formatPercent(x.value)))].join(', '), held.length);
    return t().childrenSum(formatNumber(held.reduce((sum, x) => sum + x.value, 0)), held.length);
  };

  return (
    <section class="setup-section" data-testid="setup-targets">
      <div class="card setup-card">
        <h2 class="setup-card__title">{t().targetsTitle}</h2>
        <p class="setup-intro">{t().targetsIntro}</p>
        <SelectField id="target-unit" label={t().unit} value={String(unitId() ?? '')} options={unitOptions(props.data.scopeUnits())} onValue={(v) => (setChosen(Number(v)), setOutcome(null), setSplitting(null))} />
        <Show when={own().length} fallback={<p class="report__empty">{t().noTargetsYet}</p>}>
          <div class="report-table__wrap">
            <table class="report-table setup-table" data-testid="targets-table">
              <thead>
                <tr>
                  <th>
                    {t().kind} · {t().service}
                  </th>
                  <th class="num">{t().value}</th>
                  <th class="num">{t().ofChildren}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                <For each={own()}>
                  {(target) => (
                    <>
                      <tr data-testid={`target-${target.kind}-${target.serviceCode || 'all'}`}>
                        <td>{label(target)}</td>
                        <td class="num setup-figure">{targetValueText(target)}</td>
                        <td class="num">{childrenText(target)}</td>
                        <td class="setup-row-actions">
                          <Show when={children().length}>
                            <button type="button" class="button button--secondary setup-small" data-testid="split-open" aria-expanded={splitting() === target.id} onClick={() => setSplitting(splitting() === target.id ? null : target.id)}>
                              {t().split}
                            </button>
                          </Show>
                          <button type="button" class="link-button setup-small" onClick={() => void remove(target)}>
                            {t().remove}
                          </button>
                        </td>
                      </tr>
                      <Show when={splitting() === target.id}>
                        <tr class="setup-split-row">
                          <td colspan="4">
                            <div class="setup-split">
                              <span class="setup-split__how">{isShare(target) ? t().splitShare : t().splitHow}</span>
                              <button type="button" class="button button--primary setup-small" data-testid="split-members" onClick={() => void split(target, 'members')}>
                                {isShare(target) ? t().sameShare : t().byMembers}
                              </button>
                              <Show when={!isShare(target)}>
                                <button type="button" class="button button--secondary setup-small" data-testid="split-equal" onClick={() => void split(target, 'equal')}>
                                  {t().equally}
                                </button>
                              </Show>
                              <button type="button" class="link-button setup-small" onClick={() => setSplitting(null)}>
                                {t().cancel}
                              </button>
                            </div>
                          </td>
                        </tr>
                      </Show>
                    </>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
        <Show when={unitId() !== null && children().length === 0 && own().length}>
          <p class="setup-intro">{t().noChildren}</p>
        </Show>
        <Show when={formError(problem())}>
          <p class="form-message form-message--error" role="alert" data-testid="targets-error">
            {formError(problem())}
          </p>
        </Show>
        <Show when={outcome()}>{(o) => <SplitResult outcome={o()} units={props.data.units()} />}</Show>
      </div>
      <Show when={unitId()} keyed>
        {(id) => <TargetForm campaignId={props.campaignId} unitId={id} data={props.data} onUnauthorized={props.onUnauthorized} />}
      </Show>
    </section>
  );
};
