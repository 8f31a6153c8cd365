import { css } from 'lit';

/**
 * The liveness challenge's look: a direction cue in the camera preview and the steps as a list.
 * The cue moves slowly (one sway every 2 s, no flashing: WCAG 2.3.1) and stands still for people
 * who asked for less motion. The cue points in the PHYSICAL direction of the mirrored preview
 * (turning to your left moves your face to the screen's left), so it is never flipped for
 * right-to-left languages: `direction: ltr` keeps it so; the step list follows the page's direction.
 * Colours from the flow styles' palette (`--_*`: the `--faceio-*` properties, light or dark).
 */
export const challengeStyles = css`
  .cue {
    direction: ltr;
    inline-size: 34%;
    aspect-ratio: 1;
    color: #ffffff;
    filter: drop-shadow(0 0 4px rgb(0 0 0 / 0.8));
  }
  .cue svg {
    inline-size: 100%;
    block-size: 100%;
  }
  .cue[data-step='turn-left'] svg {
    animation: sway-left 2s ease-in-out infinite;
  }
  .cue[data-step='turn-right'] svg {
    animation: sway-right 2s ease-in-out infinite;
  }
  .cue[data-step='look-up'] svg {
    animation: sway-up 2s ease-in-out infinite;
  }
  .cue[data-step='blink'] .lid {
    transform-origin: 50% 50%;
    animation: lid 2s ease-in-out infinite;
  }
  @keyframes sway-left {
    50% {
      transform: translateX(-12%);
    }
  }
  @keyframes sway-right {
    50% {
      transform: translateX(12%);
    }
  }
  @keyframes sway-up {
    50% {
      transform: translateY(-12%);
    }
  }
  @keyframes lid {
    45%,
    55% {
      transform: scaleY(0.15);
    }
  }
  .steps {
    display: flex;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .step {
    flex: 1;
    padding: 0.25rem 0.5rem;
    border-radius: calc(var(--_radius) / 2);
    border: 2px solid var(--_border);
    color: var(--_muted);
    text-align: center;
    font-size: 0.875rem;
  }
  .step[data-state='done'] {
    border-color: var(--_good);
    color: var(--_good);
  }
  .step[aria-current='step'] {
    border-color: var(--_accent);
    color: var(--_text);
    font-weight: 600;
  }
  @media (prefers-reduced-motion: reduce) {
    .cue svg,
    .cue .lid {
      animation: none !important;
    }
  }
`;
