import { css } from 'lit';

/**
 * The dark palette's defaults, used with the system's dark scheme and with `theme="dark"`. Each is
 * the `--faceio-*` property's fallback, so a host's own value always wins, in both schemes.
 */
const dark = css`
  color-scheme: dark;
  --_accent: var(--faceio-accent, #8db0ff);
  --_accent-contrast: var(--faceio-accent-contrast, #0b1430);
  --_good: var(--faceio-good, #5ad08a);
  --_warn: var(--faceio-warn, #f5b547);
  --_error: var(--faceio-error, #ff8f86);
  --_surface: var(--faceio-surface, #1d1e24);
  --_text: var(--faceio-text, #ececf1);
  --_muted: var(--faceio-muted, #b0b0bc);
  --_shadow: 0 0 0 1px rgb(255 255 255 / 0.04);
`;

/**
 * The look both flow elements share, themed through --faceio-* custom properties and parts. Type
 * scale: 1.25rem headings, 1rem text, 0.875rem notes; spacing on a 4 px grid (gaps of 1rem between
 * blocks); one primary action per screen, full width, the secondary under it, outlined.
 */
export const flowStyles = css`
  :host {
    color-scheme: light;
    --_accent: var(--faceio-accent, #1f5eff);
    --_accent-contrast: var(--faceio-accent-contrast, #ffffff);
    --_good: var(--faceio-good, #0a7d33);
    --_warn: var(--faceio-warn, #a15c00);
    --_error: var(--faceio-error, #b3261e);
    --_surface: var(--faceio-surface, #ffffff);
    --_text: var(--faceio-text, #1b1b1f);
    --_muted: var(--faceio-muted, #4a4a55);
    --_shadow: 0 1px 2px rgb(16 24 40 / 0.06), 0 12px 32px -12px rgb(16 24 40 / 0.16);
    --_radius: var(--faceio-radius, 12px);
    /* Derived: quiet fills and borders that follow the palette. */
    --_subtle: color-mix(in srgb, var(--_text) 6%, var(--_surface));
    --_border: color-mix(in srgb, var(--_text) 16%, var(--_surface));
    --_control-border: color-mix(in srgb, var(--_text) 45%, var(--_surface));
    display: block;
    max-inline-size: var(--faceio-max-width, 28rem);
    font: 1rem/1.5 var(--faceio-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    color: var(--_text);
    -webkit-text-size-adjust: 100%;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
    }
  }
  :host([theme='dark']) {
    ${dark}
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  /* ---- the card ---- */
  .base {
    display: grid;
    gap: 1rem;
    padding: clamp(1rem, 4vw, 1.5rem);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    box-shadow: var(--_shadow);
    overflow-wrap: anywhere;
  }
  .base[data-phase='idle'] {
    display: block;
    padding: 0;
    border: 0;
    background: none;
    box-shadow: none;
  }
  .base[data-phase='done'],
  .base[data-phase='failed'] {
    justify-items: center;
    text-align: center;
    padding-block: clamp(1.5rem, 6vw, 2rem) clamp(1rem, 4vw, 1.5rem);
  }
  .header {
    display: flex;
    align-items: flex-start;
    justify-content: space-between;
    gap: 0.5rem;
    inline-size: 100%;
  }
  .base[data-phase='done'] .header,
  .base[data-phase='failed'] .header {
    justify-content: center;
  }
  .heading {
    margin: 0;
    font-size: 1.25rem;
    line-height: 1.3;
    font-weight: 650;
    letter-spacing: -0.01em;
  }
  /* Focused by the flow so a screen reader reads it; not a control, so no focus ring (WCAG 2.4.7 is about controls). */
  .heading:focus {
    outline: none;
  }
  p {
    margin: 0;
  }
  .status {
    min-block-size: 1.5em;
  }
  .center {
    text-align: center;
  }
  .muted {
    color: var(--_muted);
  }
  .hint {
    font-size: 0.875rem;
    text-align: center;
  }
  .error {
    color: var(--_error);
  }
  /* A failure's text: the heading and the emblem say it failed; the text says what to do, readable. */
  .status.error {
    color: var(--_text);
  }

  /* ---- buttons ---- */
  .actions {
    display: grid;
    gap: 0.5rem;
    inline-size: 100%;
  }
  .actions.row {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
  }
  button,
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    min-block-size: 48px;
    padding: 0.625rem 1.25rem;
    border: 1px solid transparent;
    border-radius: calc(var(--_radius) * 0.75);
    font: inherit;
    font-weight: 600;
    line-height: 1.25;
    text-decoration: none;
    cursor: pointer;
    transition:
      background-color 0.15s,
      border-color 0.15s;
  }
  button:focus-visible,
  .button:focus-visible,
  input:focus-visible,
  .terms:focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  .primary {
    background: var(--_accent);
    color: var(--_accent-contrast);
  }
  .primary:hover:not(:disabled) {
    background: color-mix(in srgb, var(--_accent) 88%, var(--_text));
  }
  .primary:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  .secondary {
    border-color: var(--_control-border);
    background: transparent;
    color: var(--_text);
  }
  .secondary:hover {
    background: var(--_subtle);
  }
  .compact {
    min-block-size: 40px;
    padding: 0.375rem 0.875rem;
    font-size: 0.9375rem;
  }
  .start {
    padding-inline: 1.25rem 1.5rem;
  }
  .icon-button {
    flex: none;
    inline-size: 44px;
    min-block-size: 44px;
    margin-block: -0.625rem;
    margin-inline-end: -0.625rem;
    padding: 0;
    border-radius: 50%;
    background: transparent;
    color: var(--_muted);
  }
  .icon-button:hover {
    background: var(--_subtle);
    color: var(--_text);
  }
  .icon {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    flex: none;
  }

  /* ---- emblems of the quiet and the final screens ---- */
  .emblem {
    display: grid;
    place-items: center;
    justify-self: center;
    inline-size: 4rem;
    block-size: 4rem;
    border-radius: 50%;
    background: color-mix(in srgb, var(--_accent) 12%, var(--_surface));
    color: var(--_accent);
  }
  .emblem .icon {
    inline-size: 2rem;
    block-size: 2rem;
  }
  .emblem.good {
    background: color-mix(in srgb, var(--_good) 14%, var(--_surface));
    color: var(--_good);
  }
  .emblem.bad {
    background: color-mix(in srgb, var(--_error) 12%, var(--_surface));
    color: var(--_error);
  }
  .emblem.plain {
    background: none;
  }
  .pop {
    animation: pop 0.35s cubic-bezier(0.2, 0.9, 0.3, 1.3);
  }
  @keyframes pop {
    from {
      transform: scale(0.4);
      opacity: 0;
    }
  }
  .chip {
    display: inline-flex;
    align-items: center;
    justify-self: center;
    gap: 0.375rem;
    padding: 0.25rem 0.75rem;
    border-radius: 999px;
    background: color-mix(in srgb, var(--_good) 10%, var(--_surface));
    /* A touch of the text colour: 4.5:1 on the tint at this size. */
    color: color-mix(in srgb, var(--_good) 82%, var(--_text));
    font-size: 0.875rem;
    font-weight: 600;
  }
  .chip .icon {
    inline-size: 1rem;
    block-size: 1rem;
  }

  /* ---- the camera stage ---- */
  .stage {
    position: relative;
    aspect-ratio: 4 / 3;
    overflow: hidden;
    border-radius: calc(var(--_radius) * 0.75);
    background: #0d0e12;
  }
  /* A phone held upright: a portrait stage, the face larger. */
  @media (max-width: 30rem) {
    .stage {
      aspect-ratio: 3 / 4;
      max-block-size: 60vh;
      inline-size: 100%;
      justify-self: center;
    }
  }
  video {
    display: block;
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
    /* A mirror is what people expect of a selfie camera; the frames sent are taken unmirrored. */
    transform: scaleX(-1);
  }
  .overlay {
    position: absolute;
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
    pointer-events: none;
    /* Mirrored like the video: the tracker's frame coordinates land on the face. */
    transform: scaleX(-1);
  }
  .mask {
    fill: rgb(8 9 12 / 0.5);
  }
  .oval {
    fill: none;
    stroke: rgb(255 255 255 / 0.9);
    stroke-width: 3;
    stroke-dasharray: 10 8;
    vector-effect: non-scaling-stroke;
    transition:
      cx 0.12s linear,
      cy 0.12s linear,
      rx 0.12s linear,
      ry 0.12s linear,
      stroke 0.3s;
  }
  .overlay[data-tone='adjust'] .oval {
    stroke-dasharray: none;
  }
  .overlay[data-tone='warn'] .oval {
    stroke: #ffb84d;
    stroke-dasharray: none;
  }
  .overlay[data-tone='good'] .oval {
    stroke: #3ddc84;
    stroke-width: 4;
    stroke-dasharray: none;
  }
  /* The liveness challenge's cue: centred over the preview, not mirrored (it points the physical way). */
  .cue-layer {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    pointer-events: none;
  }
  .guidance {
    position: absolute;
    inset-block-start: 0.75rem;
    inset-inline: 0;
    display: flex;
    align-items: center;
    gap: 0.5rem;
    inline-size: fit-content;
    max-inline-size: calc(100% - 1.5rem);
    margin-inline: auto;
    padding: 0.375rem 0.875rem;
    border-radius: 999px;
    background: rgb(12 13 18 / 0.72);
    color: #ffffff;
    font-size: 0.9375rem;
    font-weight: 600;
    line-height: 1.35;
    text-align: center;
  }
  .guidance::before {
    content: '';
    flex: none;
    inline-size: 0.5rem;
    block-size: 0.5rem;
    border-radius: 50%;
    background: rgb(255 255 255 / 0.7);
  }
  .guidance[data-tone='warn']::before {
    background: #ffb84d;
  }
  .guidance[data-tone='good']::before {
    background: #3ddc84;
  }
  .progress {
    block-size: 0.375rem;
    border-radius: 999px;
    background: var(--_border);
    overflow: hidden;
  }
  .bar {
    block-size: 100%;
    border-radius: inherit;
    background: var(--_accent);
    transition: inline-size 0.3s ease-out;
  }

  /* ---- countdown and "More time" ---- */
  .timer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
    padding: 0.5rem 0.5rem 0.5rem 0.875rem;
    border-radius: calc(var(--_radius) * 0.75);
    background: color-mix(in srgb, var(--_warn) 12%, var(--_surface));
    font-size: 0.9375rem;
  }
  .timer > .icon {
    color: var(--_warn);
  }
  .timer-text {
    flex: 1 1 8rem;
  }

  /* ---- PIN ---- */
  .base[data-phase='pin'] .status,
  .problem {
    text-align: center;
  }
  .problem {
    font-weight: 500;
  }
  .pin {
    display: grid;
    grid-template-columns: repeat(var(--columns, 4), minmax(0, 3.25rem));
    justify-content: center;
    gap: clamp(0.25rem, 1.5vw, 0.5rem);
    /* A PIN reads as typed, also in a right-to-left page. */
    direction: ltr;
  }
  .digit {
    inline-size: 100%;
    min-inline-size: 0;
    block-size: 3.25rem;
    padding: 0;
    border: 1.5px solid var(--_control-border);
    border-radius: calc(var(--_radius) * 0.67);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    font-size: 1.5rem;
    text-align: center;
  }
  .digit:focus {
    border-color: var(--_accent);
  }
  .digit[aria-invalid='true'] {
    border-color: var(--_error);
  }

  /* ---- waiting ---- */
  .spinner {
    inline-size: 2.75rem;
    block-size: 2.75rem;
    border: 4px solid var(--_border);
    border-block-start-color: var(--_accent);
    border-radius: 50%;
    animation: spin 0.9s linear infinite;
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
  /* No spinning, popping, sliding or fading for people who asked the system for less motion (WCAG 2.3.3). */
  @media (prefers-reduced-motion: reduce) {
    .spinner,
    .pop {
      animation: none;
    }
    .oval,
    .bar,
    button,
    .button {
      transition: none;
    }
  }
`;
