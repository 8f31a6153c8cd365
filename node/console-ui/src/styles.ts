// The console's look: the widget's design language (same accent, radius, type, 44 px targets,
// 3 px focus rings), on cards over a light page. Logical properties only: Arabic mirrors the layout.
import { css } from 'lit';

export const tokens = css`
  :host {
    --ofio-accent: #1f5eff;
    --ofio-accent-contrast: #ffffff;
    --ofio-good: #0a7d33;
    --ofio-error: #b3261e;
    --ofio-warn: #8a5300;
    --ofio-surface: #ffffff;
    --ofio-page: #f6f6f9;
    --ofio-text: #1b1b1f;
    --ofio-muted: #4a4a55;
    --ofio-line: #d0d0da;
    --ofio-radius: 12px;
    --ofio-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    font: 1rem/1.5 var(--ofio-font);
    color: var(--ofio-text);
  }
`;

export const pageStyles = css`
  :host {
    display: block;
  }
  h1,
  h2,
  h3 {
    margin: 0;
    line-height: 1.25;
  }
  h1 {
    font-size: 1.5rem;
  }
  h2 {
    font-size: 1.125rem;
  }
  h1:focus {
    outline: none;
  }
  p {
    margin: 0;
  }
  .stack {
    display: grid;
    gap: 1rem;
  }
  .card {
    display: grid;
    gap: 0.75rem;
    padding: 1rem;
    border: 1px solid var(--ofio-line);
    border-radius: var(--ofio-radius);
    background: var(--ofio-surface);
    min-inline-size: 0;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .spread {
    justify-content: space-between;
  }
  .muted {
    color: var(--ofio-muted);
  }
  .small {
    font-size: 0.875rem;
  }
  .mono {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 0.875rem;
    overflow-wrap: anywhere;
  }
  label,
  .label {
    font-weight: 500;
  }
  .field {
    display: grid;
    gap: 0.25rem;
    min-inline-size: 0;
  }
  input,
  select,
  textarea {
    font: inherit;
    min-block-size: 44px;
    box-sizing: border-box;
    max-inline-size: 100%;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--ofio-muted);
    border-radius: calc(var(--ofio-radius) / 2);
    background: var(--ofio-surface);
    color: var(--ofio-text);
  }
  .field > input,
  .field > select,
  .field > textarea {
    inline-size: 100%;
    max-inline-size: 40rem;
  }
  input[type='checkbox'] {
    min-block-size: auto;
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin: 0.125rem 0 0;
    accent-color: var(--ofio-accent);
  }
  input[aria-invalid='true'] {
    border-color: var(--ofio-error);
  }
  .error {
    color: var(--ofio-error);
  }
  .ok {
    color: var(--ofio-good);
  }
  button {
    font: inherit;
    min-block-size: 44px;
    padding: 0.5rem 1.125rem;
    border-radius: calc(var(--ofio-radius) / 2);
    border: 1px solid var(--ofio-muted);
    background: transparent;
    color: var(--ofio-text);
    cursor: pointer;
  }
  button.primary {
    border-color: var(--ofio-accent);
    background: var(--ofio-accent);
    color: var(--ofio-accent-contrast);
  }
  button.danger {
    border-color: var(--ofio-error);
    color: var(--ofio-error);
  }
  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible,
  a:focus-visible,
  summary:focus-visible,
  [tabindex]:focus-visible {
    outline: 3px solid var(--ofio-accent);
    outline-offset: 2px;
  }
  a {
    color: var(--ofio-accent);
  }
  .badge {
    display: inline-block;
    padding: 0.0625rem 0.5rem;
    border-radius: 999px;
    font-size: 0.8125rem;
    font-weight: 500;
    border: 1px solid currentColor;
  }
  .badge.good {
    color: var(--ofio-good);
  }
  .badge.bad {
    color: var(--ofio-error);
  }
  .badge.warn {
    color: var(--ofio-warn);
  }
  ul.items {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  ul.items > li {
    display: grid;
    gap: 0.25rem;
    padding: 0.75rem;
    border: 1px solid var(--ofio-line);
    border-radius: calc(var(--ofio-radius) / 2);
    background: var(--ofio-surface);
    min-inline-size: 0;
  }
  summary {
    cursor: pointer;
    min-block-size: 44px;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
    list-style: none;
  }
  summary::-webkit-details-marker {
    display: none;
  }
  /* The disclosure mark (the flex summary hides the native one): points ahead, down when open. */
  summary::before {
    content: '›';
    display: inline-block;
    inline-size: 1rem;
    font-size: 1.25rem;
    line-height: 1;
    color: var(--ofio-muted);
    transition: transform 0.15s;
  }
  summary:dir(rtl)::before {
    transform: scaleX(-1);
  }
  details[open] > summary::before {
    transform: rotate(90deg);
  }
  @media (prefers-reduced-motion: reduce) {
    summary::before {
      transition: none;
    }
  }
  pre {
    margin: 0;
    padding: 0.75rem;
    border-radius: calc(var(--ofio-radius) / 2);
    background: var(--ofio-page);
    overflow: auto;
    max-block-size: 20rem;
    font-size: 0.8125rem;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25rem 1rem;
    margin: 0;
  }
  dt {
    color: var(--ofio-muted);
  }
  dd {
    margin: 0;
    min-inline-size: 0;
    overflow-wrap: anywhere;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-inline-size: 0;
  }
  legend {
    padding: 0;
    margin-block-end: 0.25rem;
  }
  code {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
