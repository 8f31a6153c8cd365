// A site built with Vite + React 19 + TypeScript that installed the `openfaceio` tarball: the
// element and its events are typed through 'openfaceio/react', FaceIO is the default export as
// fio.js users write it. The node and the application come from the page's query string.
import faceIO, { type FaceioCompleteEvent, type FaceioErrorEvent } from 'openfaceio';
import type {} from 'openfaceio/react';
import 'openfaceio/enroll';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { signIn } from './sign-in.js';

const params = new URLSearchParams(location.search);
const publicId = params.get('publicId') ?? '';
const node = params.get('node') ?? '';
const log = ((window as unknown as { siteLog?: unknown[] }).siteLog = [] as unknown[]);

function Site() {
  const [enrolled, setEnrolled] = useState('');
  const [signedIn, setSignedIn] = useState('');
  return (
    <section>
      <faceio-enroll
        publicId={publicId}
        node={node}
        payload={{ user: 'consumer@example.com' }}
        onfaceio-complete={(event: FaceioCompleteEvent) => {
          const result = event.detail.result as { facialId: string };
          log.push({ enrolled: result.facialId });
          setEnrolled(result.facialId);
        }}
        onfaceio-error={(event: FaceioErrorEvent) => log.push({ error: event.detail.code, fatal: event.detail.fatal })}
      />
      <button type="button" onClick={() => void signIn(new faceIO(publicId, { node }), log).then(setSignedIn)}>
        Sign in with FaceIO
      </button>
      {enrolled ? <p data-testid="enrolled">{enrolled}</p> : null}
      {signedIn ? <p data-testid="signed-in">{signedIn}</p> : null}
    </section>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Site />
  </StrictMode>,
);
