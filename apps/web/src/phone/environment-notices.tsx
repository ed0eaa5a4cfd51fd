import { type Component, Show } from 'solid-js';
import { useLocale } from '../lib/i18n';
import { detectInAppBrowser, openInChromeUrl } from './in-app-browser';

/**
 * An invite opened inside Zalo's, Facebook's or another chat app's browser, where camera and storage
 * misbehave: say so, with a way out to Chrome on Android (elsewhere: where the app's menu has it).
 */
export const InAppBrowserNotice: Component = () => {
  const locale = useLocale();
  const t = () => locale.t().phone;
  const inApp = detectInAppBrowser(navigator.userAgent);
  const chromeUrl = inApp ? openInChromeUrl(location) : null;
  return (
    <Show when={inApp}>
      <div class="env-notice" role="note" data-testid="in-app-browser">
        <p>{t().inAppBrowser}</p>
        <Show when={chromeUrl} fallback={<p>{t().openInBrowser}</p>}>
          {(url) => (
            <a class="button button--primary button--big" href={url()} data-testid="open-in-chrome">
              {t().openInChrome}
            </a>
          )}
        </Show>
      </div>
    </Show>
  );
};

/** A plain-HTTP page: no camera and no offline shell, but counting still works. */
export const InsecureNotice: Component = () => {
  const locale = useLocale();
  return (
    <Show when={!window.isSecureContext}>
      <div class="env-notice" role="note" data-testid="insecure-context">
        <p>{locale.t().phone.insecure}</p>
      </div>
    </Show>
  );
};
