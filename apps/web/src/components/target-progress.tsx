import type { Service, TargetProgress } from '@xk/contract';
import { isTargetMet, shownProgress } from '@xk/domain';
import { type Component, For, Show } from 'solid-js';
import { formatNumber, formatPercent } from '../lib/format';
import { serviceName, useLocale } from '../lib/i18n';

const TargetRow: Component<{ target: TargetProgress; services: readonly Service[] }> = (props) => {
  const locale = useLocale();
  const kindLabel = () => locale.t().targetKinds[props.target.kind];
  const hasService = () => props.target.serviceCode !== '';
  // The service is the headline when there is one; the kind (residents, shops…) is the caption.
  const title = () => (hasService() ? serviceName(props.services, props.target.serviceCode, locale.lang()) : kindLabel());
  const caption = () => {
    if (hasService()) return kindLabel();
    const isPerService = props.target.kind !== 'sessions' && props.target.kind !== 'attendance';
    return isPerService ? locale.t().allServices : '';
  };
  // adoption_share targets and actuals are shares of members (0–1), the others are counts.
  const figure = (n: number) => (props.target.kind === 'adoption_share' ? formatPercent(n) : formatNumber(n));
  const isMet = () => isTargetMet(props.target);
  const barPercent = () => Math.min(100, Math.max(0, shownProgress(props.target) * 100));

  return (
    <li class="target" data-testid="target" data-kind={props.target.kind} data-service={props.target.serviceCode}>
      <div class="target__head">
        <span class="target__title">{title()}</span>
        <span class="target__percent" classList={{ 'target__percent--met': isMet() }}>
          {formatPercent(shownProgress(props.target))}
        </span>
      </div>
      <div
        class="bar"
        role="progressbar"
        aria-label={title()}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.floor(barPercent())}
        aria-valuetext={formatPercent(shownProgress(props.target))}
      >
        <div class="bar__fill" classList={{ 'bar__fill--met': isMet() }} style={{ width: `${barPercent()}%` }} />
      </div>
      <div class="target__foot">
        <span class="target__caption">{caption()}</span>
        <span class="target__figure">
          {figure(props.target.actual)} / {figure(props.target.target)}
        </span>
      </div>
    </li>
  );
};

export const TargetList: Component<{ targets: readonly TargetProgress[]; services: readonly Service[] }> = (props) => {
  const locale = useLocale();
  return (
    <Show when={props.targets.length > 0} fallback={<p class="empty">{locale.t().noTargets}</p>}>
      <ul class="targets">
        <For each={props.targets}>{(target) => <TargetRow target={target} services={props.services} />}</For>
      </ul>
    </Show>
  );
};
