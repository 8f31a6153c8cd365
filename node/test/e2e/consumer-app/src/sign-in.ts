// fio.js-style code against the typed class: authenticate() resolves with the facial ID and payload,
// or rejects with a numeric fio.js code.
import type { FaceIO } from 'openfaceio';

export async function signIn(faceio: FaceIO, log: unknown[]): Promise<string> {
  try {
    const { facialId, payload } = await faceio.authenticate({ locale: 'auto' });
    log.push({ signedIn: facialId, payload });
    return facialId;
  } catch (code) {
    log.push({ authError: code as number });
    return '';
  }
}
