import type { Component, JSX } from 'solid-js';

/** A whole-panel message: loading, no campaign, API unreachable, server error. */
export const Notice: Component<{
  tone: 'info' | 'warning' | 'error';
  title: string;
  testId?: string;
  children?: JSX.Element;
}> = (props) => (
  <div class={`notice notice--${props.tone}`} role={props.tone === 'info' ? 'status' : 'alert'} data-testid={props.testId}>
    <p class="notice__title">{props.title}</p>
    <div class="notice__body">{props.children}</div>
  </div>
);
