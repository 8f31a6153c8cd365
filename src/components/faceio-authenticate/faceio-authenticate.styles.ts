import { css } from 'lit';

/** Authentication's own look on top of the shared flow styles: a compact preview. */
export const authenticateStyles = css`
  .stage {
    max-block-size: 22rem;
  }
`;
