import { css } from 'lit';

/** Enrollment's own look on top of the shared flow styles: a scrollable terms box. */
export const enrollStyles = css`
  .terms {
    max-block-size: 14rem;
    overflow: auto;
    padding-inline: 0.75rem;
    border: 1px solid var(--faceio-muted);
    border-radius: calc(var(--faceio-radius) / 2);
  }
`;
