// The fio.js-compatible class: `new FaceIO(publicId, { node })` with enroll(), authenticate(),
// restartSession(), fetchAllErrorCodes() and fio.js's aliases. Each call shows the same UI as the
// elements — it mounts one in a modal <dialog> — and settles like fio.js: the result object, or a
// rejection with the numeric error code. Nothing touches the DOM at import time (SSR-safe).
import type { AgeResult, AuthenticateResult, EnrollResult, LivenessResult, SessionResult } from './protocol/index.js';
import type { FaceioErrorDetail } from './components/shared/events/faceio-error.js';
import type { FaceioFlowElement } from './components/shared/faceio-flow-element.js';
import { FIO_ERROR_CODES, fetchAllErrorCodes, type FioErrorCode, type FioErrorName } from './core/errors.js';
import type { FioTimeoutParams } from './core/flow/flow.timeouts.js';

export interface FaceIOOptions {
  /** The processing node's URL (default: the node this script was loaded from). */
  node?: string;
  /** Default locale of every call (`auto`). */
  locale?: string;
  /** Where the modal goes (default document.body). */
  container?: HTMLElement;
  /**
   * How long a success stays before the modal closes by itself, ms (default 1200). A failure stays
   * until the user closes it (Close, Escape), so its text can be read — unless this is given, when
   * it applies to failures too (scripted runs use 0).
   */
  closeDelayMs?: number;
}

interface CommonParameters extends FioTimeoutParams {
  locale?: string;
}

export interface EnrollParameters extends CommonParameters {
  payload?: unknown;
  userConsent?: boolean;
}

export interface AuthenticateParameters extends CommonParameters {
  /** 1:1: only this facial ID may match. */
  facialId?: string;
}

type Operation = 'enroll' | 'authenticate' | 'liveness' | 'age';
type RunState = 'idle' | 'running' | 'done' | 'failed';

/** A rejection value that is not one of fio.js's codes never escapes: this one stands in. */
const PROCESSING_ERR: FioErrorCode = FIO_ERROR_CODES.PROCESSING_ERR;

export class FaceIO {
  private state: RunState = 'idle';
  /** Closes the last call's modal (still showing its outcome) — a new call takes its place. */
  private closeModal: (() => void) | null = null;
  private readonly readyPromise: Promise<void>;

  constructor(
    readonly publicId: string,
    private readonly options: FaceIOOptions = {},
  ) {
    // Loading the element modules defines the custom elements; a rejected ready() means the SDK is broken.
    this.readyPromise =
      typeof window === 'undefined'
        ? Promise.resolve()
        : Promise.all([import('./faceio-enroll.js'), import('./faceio-authenticate.js')]).then(() => undefined);
  }

  /** Resolves once the widget can be shown. */
  ready(): Promise<void> {
    return this.readyPromise;
  }

  enroll(parameters: EnrollParameters = {}): Promise<EnrollResult> {
    return this.run('enroll', parameters) as Promise<EnrollResult>;
  }

  authenticate(parameters: AuthenticateParameters = {}): Promise<AuthenticateResult> {
    return this.run('authenticate', parameters) as Promise<AuthenticateResult>;
  }

  /** A liveness check only (no identity): `{live, score}`. */
  liveness(parameters: CommonParameters = {}): Promise<LivenessResult> {
    return this.run('liveness', parameters) as Promise<LivenessResult>;
  }

  /** An age estimate (no identity): `{age, adult}`; see the README for its accuracy. */
  ageVerify(parameters: CommonParameters = {}): Promise<AgeResult> {
    return this.run('age', parameters) as Promise<AgeResult>;
  }

  // fio.js's aliases.
  enrol(parameters?: EnrollParameters): Promise<EnrollResult> {
    return this.enroll(parameters);
  }
  register(parameters?: EnrollParameters): Promise<EnrollResult> {
    return this.enroll(parameters);
  }
  record(parameters?: EnrollParameters): Promise<EnrollResult> {
    return this.enroll(parameters);
  }
  auth(parameters?: AuthenticateParameters): Promise<AuthenticateResult> {
    return this.authenticate(parameters);
  }
  recognize(parameters?: AuthenticateParameters): Promise<AuthenticateResult> {
    return this.authenticate(parameters);
  }
  identify(parameters?: AuthenticateParameters): Promise<AuthenticateResult> {
    return this.authenticate(parameters);
  }

  /** fio.js: allows a new call after one ended (success or failure); false while one is under way. */
  restartSession(_parameters: Record<string, unknown> = {}): boolean {
    if (this.state === 'running') return false;
    this.state = 'idle';
    return true;
  }

  fetchAllErrorCodes(): Record<FioErrorName, FioErrorCode> {
    return fetchAllErrorCodes();
  }

  private async run(op: Operation, parameters: EnrollParameters & AuthenticateParameters): Promise<SessionResult> {
    // fio.js `_isExpiredSession`: one call at a time, and a new one only after restartSession().
    if (this.state === 'running' || this.state === 'done') throw FIO_ERROR_CODES.SESSION_IN_PROGRESS;
    if (this.state === 'failed') throw FIO_ERROR_CODES.SESSION_EXPIRED;
    this.state = 'running';
    try {
      await this.readyPromise;
      const result = await this.showModal(op, parameters);
      this.state = 'done';
      return result;
    } catch (error) {
      this.state = 'failed';
      throw typeof error === 'number' ? error : PROCESSING_ERR;
    }
  }

  private showModal(op: Operation, parameters: EnrollParameters & AuthenticateParameters): Promise<SessionResult> {
    const dialog = document.createElement('dialog');
    dialog.className = 'openfaceio-modal';
    dialog.setAttribute('aria-label', op === 'enroll' ? 'Face enrollment' : 'Face authentication');
    // The element's card is the dialog's face (its own surface, either colour scheme); a darker backdrop.
    dialog.style.cssText = 'border:0;padding:0;background:transparent;overflow:visible;inline-size:min(28rem,calc(100vw - 1.5rem));';
    const backdrop = document.createElement('style');
    backdrop.textContent = 'dialog.openfaceio-modal::backdrop{background:rgb(10 12 16 / 0.55)}';
    dialog.append(backdrop);
    const element = (op === 'enroll'
      ? document.createElement('faceio-enroll')
      : document.createElement('faceio-authenticate')) as unknown as FaceioFlowElement & Record<string, unknown>;
    element.publicId = this.publicId;
    if (this.options.node) element.node = this.options.node;
    element.locale = parameters.locale ?? this.options.locale ?? 'auto';
    for (const name of ['permissionTimeout', 'termsTimeout', 'enrollIntroTimeout', 'idleTimeout', 'replyTimeout', 'pinTimeout'] as const) {
      if (parameters[name] !== undefined) element[name] = Number(parameters[name]);
    }
    if (op === 'enroll') {
      element['payload'] = parameters.payload;
      element['userConsent'] = parameters.userConsent === true;
    } else {
      element['check'] = op;
      if (parameters.facialId) element['facialId'] = parameters.facialId;
    }
    element.autostart = true;
    // fio.js settles the call at the outcome; a retry is the host's new call (after restartSession()).
    element.noRetry = true;
    element.style.maxInlineSize = 'none';
    dialog.append(element);
    this.closeModal?.();
    // Read before showModal(), which moves focus into the dialog: focus goes back there on close.
    const focusBefore = document.activeElement as HTMLElement | null;
    (this.options.container ?? document.body).append(dialog);
    dialog.showModal();

    return new Promise<SessionResult>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const close = () => {
        clearTimeout(timer);
        if (this.closeModal === close) this.closeModal = null;
        if (!dialog.isConnected) return;
        dialog.close();
        dialog.remove();
        focusBefore?.focus?.();
      };
      this.closeModal = close;
      const closeAfter = (ms: number | undefined) => {
        if (ms !== undefined) timer = setTimeout(close, ms);
      };
      element.addEventListener('faceio-complete', (event) => {
        resolve(event.detail.result);
        closeAfter(this.options.closeDelayMs ?? 1200);
      });
      element.addEventListener('faceio-error', (event) => {
        const detail: FaceioErrorDetail = event.detail;
        if (!detail.fatal) return;
        reject(detail.code);
        // The user closed the widget (× or Escape): the modal goes now; other failures stay to be read.
        closeAfter(detail.code === FIO_ERROR_CODES.ABORTED_BY_USER ? 0 : this.options.closeDelayMs);
      });
      // Close on the final screen: the modal goes (the element need not return to its start button first).
      element.addEventListener('faceio-close', (event) => {
        event.preventDefault();
        close();
      });
      // Escape closes the modal, ending a run under way (ABORTED_BY_USER).
      dialog.addEventListener('cancel', (event) => {
        event.preventDefault();
        element.close();
        close();
      });
    });
  }
}
