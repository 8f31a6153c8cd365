// eslint-disable-next-line @typescript-eslint/ban-ts-comment -- see below
// @ts-nocheck -- tsconfig.json has no `jsx` option and @types/react is not installed, so tsc cannot
// check this file; esbuild compiles it (jsx: 'automatic') for test/e2e/react.test.ts.
//
// A React 19 page that uses <faceio-authenticate> as a site would: the two ways React 19 listens
// to a custom element's events: a ref + addEventListener (faceio-phase-change, faceio-progress) and
// React 19's native custom-element event props (onfaceio-complete, onfaceio-error). Everything
// received is recorded in window.reactEvents, and the outcome is rendered from React state.
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';

/** What the test reads back: each event as React received it, and through which channel. */
const received = [];
window.reactEvents = received;
const record = (via, event) => received.push({ via, type: event.type, detail: event.detail });

function SignIn({ publicId, node }) {
  const ref = useRef(null);
  const [phase, setPhase] = useState('idle');
  const [facialId, setFacialId] = useState('');
  const [error, setError] = useState('');

  // StrictMode mounts, unmounts and remounts in development: the cleanup must remove the listeners,
  // or every event would be recorded twice (the test checks it is not).
  useEffect(() => {
    const element = ref.current;
    const onPhase = (event) => {
      record('ref', event);
      setPhase(event.detail.phase);
    };
    const onProgress = (event) => record('ref', event);
    element.addEventListener('faceio-phase-change', onPhase);
    element.addEventListener('faceio-progress', onProgress);
    return () => {
      element.removeEventListener('faceio-phase-change', onPhase);
      element.removeEventListener('faceio-progress', onProgress);
    };
  }, []);

  return (
    <section>
      <p data-testid="phase">phase: {phase}</p>
      <faceio-authenticate
        ref={ref}
        public-id={publicId}
        node={node}
        onfaceio-complete={(event) => {
          record('prop', event);
          setFacialId(event.detail.result.facialId);
        }}
        onfaceio-error={(event) => {
          record('prop', event);
          if (event.detail.fatal) setError(`${event.detail.name} (${event.detail.code})`);
        }}
      />
      {facialId ? <p data-testid="outcome">Signed in as {facialId}</p> : null}
      {error ? <p data-testid="outcome">Failed: {error}</p> : null}
    </section>
  );
}

const root = document.getElementById('root');
createRoot(root).render(
  <StrictMode>
    <SignIn publicId={root.dataset.publicId} node={root.dataset.node} />
  </StrictMode>,
);
window.reactReady = true;
