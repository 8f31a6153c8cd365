import { css } from 'lit';

/** Enrollment's own look on top of the shared flow styles: a scrollable terms box. */
export const enrollStyles = css`
  .terms {
    max-block-size: 14rem;
    overflow: auto;
    padding: 0.25rem 1rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_subtle);
    font-size: 0.9375rem;
  }
  .terms p {
    margin-block: 0.75rem;
  }
`;
