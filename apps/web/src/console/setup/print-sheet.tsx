import type { Campaign, InviteCreated, Station } from '@xk/contract';
import { type Component, createResource, For, onCleanup, onMount, Show } from 'solid-js';
import { Portal } from 'solid-js/web';
import { useLocale } from '../../lib/i18n';
import { stationPoster } from '../../lib/setup-api';
import { setupMessages } from './i18n-setup';
import { type CardInfo, InviteCard, type PosterInfo, StationPoster } from './print-items';

const CARDS_PER_PAGE = 8;
const POSTERS_PER_PAGE = 2;
const pages = <T,>(items: readonly T[], per: number): T[][] => Array.from({ length: Math.ceil(items.length / per) }, (_, i) => items.slice(i * per, i * per + per));

/**
 * The print view: invite cards 2×4 to an A4 sheet, station posters 2 to a sheet (`@page xk-sheet`
 * in setup.css), shown as sheets on screen and alone when printed: the app behind it is hidden
 * while it is open (the `xk-print-sheet` class on <body>).
 */
export const PrintSheet: Component<{ campaign: Campaign; cards: readonly CardInfo[]; stations: readonly Station[]; unitName: (id: number) => string; onClose: () => void; onUnauthorized: () => void }> = (props) => {
  const locale = useLocale();
  const t = () => setupMessages(locale.lang());
  // The poster codes are signed by the hub now; a station whose code cannot be had is left out rather than printed wrong.
  const [posters] = createResource(
    () => props.stations,
    async (stations): Promise<PosterInfo[]> => {
      const answers = await Promise.allSettled(stations.map((s) => stationPoster(s.id, props.campaign.id)));
      return stations.flatMap((station, i) => {
        const a = answers[i];
        return a?.status === 'fulfilled' ? [{ station, unitName: props.unitName(station.unitId), url: a.value.url }] : [];
      });
    },
  );
  const onKey = (e: KeyboardEvent) => e.key === 'Escape' && props.onClose();
  onMount(() => {
    document.body.classList.add('xk-print-sheet');
    document.addEventListener('keydown', onKey);
    window.scrollTo(0, 0);
  });
  onCleanup(() => {
    document.body.classList.remove('xk-print-sheet');
    document.removeEventListener('keydown', onKey);
  });

  return (
    <Portal>
      <div class="print-sheet" data-testid="print-sheet" lang="vi">
        <div class="print-sheet__bar" lang={locale.lang()}>
          <strong>{t().printTitle}</strong>
          <span class="print-sheet__help">{t().printHelp}</span>
          <button type="button" class="button button--primary" data-testid="print-now" disabled={posters.loading} onClick={() => window.print()}>
            {posters.loading ? t().preparing : t().print}
          </button>
          <button type="button" class="button button--secondary" data-testid="print-close" onClick={() => props.onClose()}>
            {t().closePrint}
          </button>
        </div>
        <For each={pages(props.cards, CARDS_PER_PAGE)}>
          {(page) => (
            <section class="print-page print-page--cards">
              <For each={page}>{(card) => <InviteCard campaign={props.campaign} card={card} />}</For>
            </section>
          )}
        </For>
        <Show when={posters()}>
          {(list) => (
            <For each={pages(list(), POSTERS_PER_PAGE)}>
              {(page) => (
                <section class="print-page print-page--posters">
                  <For each={page}>{(poster) => <StationPoster campaign={props.campaign} poster={poster} />}</For>
                </section>
              )}
            </For>
          )}
        </Show>
      </div>
    </Portal>
  );
};

/** A card for each copy asked of each invite made here, with the names it leads to. */
export function cardsFor(invites: readonly InviteCreated[], copies: (id: number) => number, names: { team: (id: number) => string; station: (id: number) => string }): CardInfo[] {
  return invites.flatMap((invite) =>
    Array.from({ length: copies(invite.id) }, () => ({
      invite,
      teamName: invite.teamId === null ? null : names.team(invite.teamId),
      stationName: invite.stationId === null ? null : names.station(invite.stationId),
    })),
  );
}
