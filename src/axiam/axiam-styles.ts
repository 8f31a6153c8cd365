// The drop-in's look, in its container's shadow root (a constructable stylesheet: host pages'
// CSS does not reach it, and a strict `style-src` CSP does not block it). Same --faceio-* properties
// as the elements, which the `theme` option sets on the container.
export const WIDGET_CSS = `
:host { display: block; }
.open {
  font: 500 1rem/1.5 var(--faceio-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
  min-block-size: 44px;
  padding: 0.5rem 1.25rem;
  border: 0;
  border-radius: calc(var(--faceio-radius, 12px) / 2);
  background: var(--faceio-accent, #1f5eff);
  color: var(--faceio-accent-contrast, #fff);
  cursor: pointer;
}
.open:focus-visible, .close:focus-visible { outline: 3px solid var(--faceio-accent, #1f5eff); outline-offset: 2px; }
dialog {
  box-sizing: border-box;
  inline-size: min(30rem, calc(100vw - 1.5rem));
  max-block-size: calc(100dvh - 1.5rem);
  padding: 0.5rem;
  border: 0;
  border-radius: var(--faceio-radius, 12px);
  position: fixed;
  background: var(--faceio-surface, #fff);
  color: var(--faceio-text, #1b1b1f);
  box-shadow: 0 12px 40px rgb(0 0 0 / 0.25);
}
dialog::backdrop { background: rgb(20 20 30 / 0.45); }
.bar { position: absolute; inset-block-start: 0.5rem; inset-inline-end: 0.5rem; z-index: 1; }
.close {
  font: 1.5rem/1 system-ui, sans-serif;
  inline-size: 44px;
  block-size: 44px;
  border: 0;
  border-radius: 50%;
  background: transparent;
  color: var(--faceio-text, #1b1b1f);
  cursor: pointer;
}
.close:hover { background: rgb(0 0 0 / 0.06); }
faceio-sign-on { --faceio-max-width: 100%; }
faceio-sign-on::part(heading) { padding-inline-end: 2.75rem; }
`;
