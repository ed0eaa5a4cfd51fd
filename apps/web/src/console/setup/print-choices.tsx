import type { Campaign, InviteCreated } from '@xk/contract';
import { type Component, createSignal, For, Show } from 'solid-js';
import { formatDateTime } from '../../lib/format';
import { useLocale } from '../../lib/i18n';
import { setupMessages } from './i18n-setup';
import { cardsFor, PrintSheet } from './print-sheet';
import type { SetupData } from './setup-data';
import { unitName } from './unit-tree';

const MAX_COPIES = 40;

/**
 * What to print: the invites made on this page (how many cards of each; 0 leaves one out) and the
 * stations' check-in posters (all ticked to start with); then the print view.
 */
export const PrintChoices: Component<{ campaign: Campaign; data: SetupData; leadsTo: (i: InviteCreated) => string; onUnauthorized: () => void }> = (props) => {
  const locale = useLocale();
  const t = () => setupMessages(locale.lang());
  const [copies, setCopies] = createSignal<ReadonlyMap<number, number>>(new Map());
  const [leftOut, setLeftOut] = createSignal<ReadonlySet<number>>(new Set());
  const [isOpen, setOpen] = createSignal(false);
  const copiesOf = (id: number) => copies().get(id) ?? 1;
  const setCopiesOf = (id: number, text: string) => {
    const n = Math.max(0, Math.min(MAX_COPIES, Math.floor(Number(text) || 0)));
    setCopies((m) => new Map(m).set(id, n));
  };
  const posterStations = () => props.data.stations().filter((s) => !leftOut().has(s.id));
  const togglePoster = (id: number, isOn: boolean) =>
    setLeftOut((set) => {
      const next = new Set(set);
      if (isOn) next.delete(id);
      else next.add(id);
      return next;
    });
  const cards = () =>
    cardsFor(props.data.created(), copiesOf, {
      team: (id) => props.data.teams().find((x) => x.id === id)?.name ?? `#${id}`,
      station: (id) => props.data.stations().find((x) => x.id === id)?.name ?? `#${id}`,
    });

  return (
    <div class="card setup-card" data-testid="print-choices">
      <h3 class="setup-subtitle">{t().printTitle}</h3>
      <p class="setup-intro">{t().printIntro}</p>
      <h4 class="setup-minor">{t().cards}</h4>
      <Show when={props.data.created().length} fallback={<p class="report__empty">{t().noCards}</p>}>
        <ul class="setup-created" data-testid="created-invites">
          <For each={props.data.created()}>
            {(invite) => (
              <li class="setup-created__item">
                <div class="setup-created__what">
                  <strong>{props.leadsTo(invite)}</strong>
                  <span class="setup-muted">{t().usesUntil(invite.maxUses, formatDateTime(new Date(invite.expiresAt), props.campaign.timezone))}</span>
                  <input class="import__link" readonly value={invite.url} aria-label={t().link} onFocus={(e) => e.currentTarget.select()} data-testid="created-invite-link" />
                </div>
                <label class="setup-copies">
                  <span>{t().copies}</span>
                  <input type="number" min="0" max={MAX_COPIES} inputmode="numeric" value={copiesOf(invite.id)} onInput={(e) => setCopiesOf(invite.id, e.currentTarget.value)} />
                </label>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.data.stations().length}>
        <fieldset class="setup-checks" data-testid="poster-choices">
          <legend class="setup-minor">{t().posters(posterStations().length, props.data.stations().length)}</legend>
          <div class="setup-checks__actions">
            <button type="button" class="link-button" onClick={() => setLeftOut(new Set<number>())}>
              {t().selectAll}
            </button>
            <button type="button" class="link-button" onClick={() => setLeftOut(new Set(props.data.stations().map((s) => s.id)))}>
              {t().selectNone}
            </button>
          </div>
          <div class="setup-checks__grid">
            <For each={props.data.stations()}>
              {(s) => (
                <label class="setup-check">
                  <input type="checkbox" checked={!leftOut().has(s.id)} onChange={(e) => togglePoster(s.id, e.currentTarget.checked)} />
                  <span>
                    {s.name}
                    <span class="setup-code setup-block">{unitName(props.data.units(), s.unitId)}</span>
                  </span>
                </label>
              )}
            </For>
          </div>
        </fieldset>
      </Show>
      <div class="setup-actions">
        <button type="button" class="button button--primary" data-testid="open-print" disabled={cards().length + posterStations().length === 0} onClick={() => setOpen(true)}>
          {t().openPrint}
        </button>
      </div>
      <Show when={isOpen()}>
        <PrintSheet campaign={props.campaign} cards={cards()} stations={posterStations()} unitName={(id) => unitName(props.data.units(), id)} onClose={() => setOpen(false)} onUnauthorized={props.onUnauthorized} />
      </Show>
    </div>
  );
};
