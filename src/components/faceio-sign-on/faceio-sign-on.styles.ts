import { css } from 'lit';

export const signOnStyles = css`
  form {
    display: grid;
    gap: 0.5rem;
  }
  label {
    display: grid;
    gap: 0.25rem;
  }
  input {
    font: inherit;
    padding: 0.5rem;
    border: 1px solid var(--faceio-muted);
    border-radius: calc(var(--faceio-radius) / 2);
  }
  .qr {
    inline-size: min(16rem, 100%);
    background: #fff;
  }
  .qr svg {
    display: block;
    inline-size: 100%;
    block-size: auto;
  }
`;
