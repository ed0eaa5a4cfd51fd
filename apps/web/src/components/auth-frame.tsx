import type { Component, JSX } from 'solid-js';
import { useLocale } from '../lib/i18n';
import { LangSwitch } from './lang-switch';

/** The page around the sign-in and set-up forms: the name of the hub, the language switch, one card. */
export const AuthFrame: Component<{ children: JSX.Element }> = (props) => {
  const locale = useLocale();
  return (
    <div class="auth">
      <header class="auth__header">
        <div class="brand">
          <h1 class="brand__name">{locale.t().appName}</h1>
          <p class="brand__tagline">{locale.t().tagline}</p>
        </div>
        <LangSwitch />
      </header>
      <main class="auth__main">{props.children}</main>
    </div>
  );
};
