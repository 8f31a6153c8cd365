import { css } from 'lit';

/** <faceio-sign-on>'s own rules on top of the flow elements' look (same --faceio-* properties). */
export const signOnStyles = css`
  form {
    display: grid;
    gap: 0.75rem;
  }
  label {
    display: grid;
    gap: 0.25rem;
    font-weight: 500;
  }
  input {
    font: inherit;
    font-weight: 400;
    min-block-size: 44px;
    box-sizing: border-box;
    inline-size: 100%;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--faceio-muted);
    border-radius: calc(var(--faceio-radius) / 2);
    background: var(--faceio-surface);
    color: var(--faceio-text);
  }
  form .primary {
    justify-self: start;
  }
  .waiting {
    display: flex;
    align-items: center;
    gap: 0.75rem;
  }
  .waiting .spinner {
    flex: none;
    inline-size: 1.75rem;
    block-size: 1.75rem;
    border-width: 3px;
  }
  .qr {
    inline-size: min(14rem, 100%);
    background: #fff;
    border-radius: calc(var(--faceio-radius) / 2);
  }
  .qr svg {
    display: block;
    inline-size: 100%;
    block-size: auto;
  }
  .hint {
    margin: 0;
    font-size: 0.9375rem;
  }
  a {
    color: var(--faceio-accent);
  }
  a:focus-visible {
    outline: 3px solid var(--faceio-accent);
    outline-offset: 2px;
  }
`;
