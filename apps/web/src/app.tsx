import type { Component } from 'solid-js';
import { createLocale, LocaleContext } from './lib/i18n';
import { ShellScreen } from './screens/shell';

/** The composition root. Routing to the phone, console and board screens comes with those screens. */
export const App: Component = () => {
  const locale = createLocale();
  return (
    <LocaleContext.Provider value={locale}>
      <ShellScreen />
    </LocaleContext.Provider>
  );
};
