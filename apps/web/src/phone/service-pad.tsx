// Types only from the contract: its values would bring its schema library into the phone's bundle.
import type { AgeBands, PhoneServiceItem } from '@xk/contract';
import { type Component, createSignal, For, Show } from 'solid-js';
import { formatNumber } from '../lib/format';
import { useLocale } from '../lib/i18n';

type AgeBand = (typeof AgeBands)[number];
const AGE_BANDS: readonly AgeBand[] = ['under_18', '18_35', '36_59', '60_plus'];

/** A service's name in the current language, or its code when the catalogue lacks it. */
export function phoneServiceName(services: readonly PhoneServiceItem[], code: string, lang: 'vi' | 'en'): string {
  const service = services.find((s) => s.code === code);
  if (!service) return code;
  return lang === 'vi' ? service.name : service.nameEn;
}

export interface CountRequest {
  serviceCode: string;
  quantity: number;
  shop: boolean;
  ageBand: AgeBand | null;
}

/**
 * Tap to count: one big button per service of the campaign's catalogue, each tap one person helped.
 * A switch for helping a shop, an optional age band for the next tap, and "add several" for a group.
 */
export const ServicePad: Component<{
  services: readonly PhoneServiceItem[];
  /** My count per service (the hub's figure plus what is still waiting here). */
  mine: (code: string) => number;
  onCount: (request: CountRequest) => void;
}> = (props) => {
  const locale = useLocale();
  const t = () => locale.t().phone;
  const [shop, setShop] = createSignal(false);
  const [ageBand, setAgeBand] = createSignal<AgeBand | null>(null);
  const [several, setSeveral] = createSignal<PhoneServiceItem | null>(null);
  const [quantity, setQuantity] = createSignal(2);
  const name = (code: string) => phoneServiceName(props.services, code, locale.lang());
  const countsShops = () => props.services.some((s) => s.beneficiaries.includes('shop'));
  const active = () => props.services.filter((s) => s.beneficiaries.includes(shop() ? 'shop' : 'resident'));

  const count = (code: string, n: number) => {
    props.onCount({ serviceCode: code, quantity: n, shop: shop(), ageBand: shop() ? null : ageBand() });
    setAgeBand(null); // a band describes one person: it does not stick to the next tap
  };

  return (
    <section class="card pad" aria-labelledby="pad-title" data-testid="service-pad">
      <h2 id="pad-title" class="card__title">
        {t().countTitle}
      </h2>
      <Show when={countsShops()}>
        <div class="segmented" role="group">
          <button type="button" class="segmented__option" aria-pressed={!shop()} onClick={() => setShop(false)} data-testid="for-residents">
            {t().residents}
          </button>
          <button type="button" class="segmented__option" aria-pressed={shop()} onClick={() => setShop(true)} data-testid="for-shop">
            {t().shop}
          </button>
        </div>
      </Show>
      <Show when={!shop()}>
        <fieldset class="chips chips--row">
          <legend>{t().ageBand}</legend>
          <For each={AGE_BANDS}>
            {(band) => (
              <button
                type="button"
                class="chip"
                aria-pressed={ageBand() === band}
                onClick={() => setAgeBand(ageBand() === band ? null : band)}
                data-testid={`age-${band}`}
              >
                {t().ageBands[band]}
              </button>
            )}
          </For>
        </fieldset>
      </Show>
      <div class="pad__grid">
        <For each={active()}>
          {(service) => (
            <div class="pad__cell">
              <button type="button" class="pad__tap" onClick={() => count(service.code, 1)} data-testid={`tap-${service.code}`}>
                <span class="pad__name">{name(service.code)}</span>
                <span class="pad__mine" title={t().mine(formatNumber(props.mine(service.code)))} data-testid={`mine-${service.code}`}>
                  {formatNumber(props.mine(service.code))}
                </span>
              </button>
              <button
                type="button"
                class="pad__more"
                aria-label={t().severalTitle(name(service.code))}
                onClick={() => {
                  setQuantity(2);
                  setSeveral(service);
                }}
                data-testid={`several-${service.code}`}
              >
                +…
              </button>
            </div>
          )}
        </For>
      </div>
      <Show when={several()}>
        {(service) => (
          <>
          <div class="sheet-backdrop" onClick={() => setSeveral(null)} />
          <div class="sheet sheet--small" role="dialog" aria-modal="true" aria-labelledby="several-title" data-testid="several-sheet">
            <h2 id="several-title">{t().severalTitle(name(service().code))}</h2>
            <div class="stepper">
              <button type="button" class="stepper__button" onClick={() => setQuantity(Math.max(1, quantity() - 1))} aria-label="−1">
                −
              </button>
              <label class="stepper__value">
                <span class="visually-hidden">{t().quantity}</span>
                <input
                  type="number"
                  inputmode="numeric"
                  min="1"
                  max="1000"
                  value={quantity()}
                  onInput={(e) => setQuantity(Math.min(1000, Math.max(1, Number(e.currentTarget.value) || 1)))}
                  data-testid="several-quantity"
                />
              </label>
              <button type="button" class="stepper__button" onClick={() => setQuantity(Math.min(1000, quantity() + 1))} aria-label="+1">
                +
              </button>
            </div>
            <div class="sheet__actions">
              <button type="button" class="button button--secondary" onClick={() => setSeveral(null)}>
                {t().cancel}
              </button>
              <button
                type="button"
                class="button button--primary"
                onClick={() => {
                  count(service().code, quantity());
                  setSeveral(null);
                }}
                data-testid="several-confirm"
              >
                {t().add(quantity())}
              </button>
            </div>
          </div>
          </>
        )}
      </Show>
    </section>
  );
};
