import { css } from 'lit';

/** The look both flow elements share; themed through --faceio-* custom properties and parts. */
export const flowStyles = css`
  :host {
    --faceio-accent: #1f5eff;
    --faceio-accent-contrast: #ffffff;
    --faceio-good: #0a7d33;
    --faceio-error: #b3261e;
    --faceio-surface: #ffffff;
    --faceio-text: #1b1b1f;
    --faceio-muted: #4a4a55;
    --faceio-radius: 12px;
    --faceio-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --faceio-max-width: 28rem;
    display: block;
    max-inline-size: var(--faceio-max-width);
    font: 1rem/1.5 var(--faceio-font);
    color: var(--faceio-text);
  }
  :host([hidden]) {
    display: none;
  }
  .base {
    display: grid;
    gap: 0.75rem;
    padding: 1rem;
    border-radius: var(--faceio-radius);
    background: var(--faceio-surface);
  }
  .base[data-phase='idle'] {
    padding: 0;
    background: none;
  }
  .heading {
    margin: 0;
    font-size: 1.25rem;
  }
  .heading:focus {
    outline: none;
  }
  .heading:focus-visible {
    outline: 2px solid var(--faceio-accent);
    outline-offset: 2px;
  }
  .status {
    margin: 0;
    min-block-size: 1.5em;
  }
  .error {
    color: var(--faceio-error);
  }
  .done {
    color: var(--faceio-good);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  button {
    font: inherit;
    min-block-size: 44px;
    padding: 0.5rem 1.25rem;
    border-radius: calc(var(--faceio-radius) / 2);
    cursor: pointer;
  }
  button:focus-visible,
  input:focus-visible,
  .terms:focus-visible {
    outline: 3px solid var(--faceio-accent);
    outline-offset: 2px;
  }
  .primary {
    border: 0;
    background: var(--faceio-accent);
    color: var(--faceio-accent-contrast);
  }
  .primary:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  .secondary {
    border: 1px solid var(--faceio-muted);
    background: transparent;
    color: var(--faceio-text);
  }
  .stage {
    position: relative;
    aspect-ratio: 4 / 3;
    overflow: hidden;
    border-radius: var(--faceio-radius);
    background: #000;
  }
  video {
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
    /* A mirror is what people expect of a selfie camera. */
    transform: scaleX(-1);
  }
  .overlay {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    pointer-events: none;
  }
  .oval {
    inline-size: 46%;
    aspect-ratio: 3 / 4;
    border: 4px dashed rgb(255 255 255 / 0.85);
    border-radius: 50%;
    transition: border-color 0.3s;
  }
  .oval.good {
    border-style: solid;
    border-color: var(--faceio-good);
  }
  .progress {
    block-size: 0.5rem;
    border-radius: 999px;
    background: #e3e3ea;
    overflow: hidden;
  }
  .bar {
    block-size: 100%;
    background: var(--faceio-accent);
    transition: inline-size 0.3s;
  }
  .pin {
    display: flex;
    gap: 0.5rem;
    direction: ltr;
  }
  .digit {
    inline-size: 2.75rem;
    block-size: 3rem;
    text-align: center;
    font-size: 1.5rem;
    border: 1px solid var(--faceio-muted);
    border-radius: calc(var(--faceio-radius) / 2);
  }
  .spinner {
    inline-size: 2.5rem;
    block-size: 2.5rem;
    border: 4px solid #e3e3ea;
    border-block-start-color: var(--faceio-accent);
    border-radius: 50%;
    animation: spin 1s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  /* No spinning or fading for people who asked the system for less motion (WCAG 2.3.3). */
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
    .oval,
    .bar {
      transition: none;
    }
  }
`;
