import type { Component } from 'solid-js';
import { useLocale } from '../lib/i18n';

/** Names the other language in that language ("English" / "Tiếng Việt"). */
export const LangSwitch: Component = () => {
  const locale = useLocale();
  return (
    <button
      type="button"
      class="lang-switch"
      data-testid="lang-switch"
      lang={locale.t().otherLang.lang}
      onClick={() => void locale.setLang(locale.t().otherLang.lang)}
    >
      {locale.t().otherLang.label}
    </button>
  );
};
