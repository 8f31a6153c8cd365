// The base of <faceio-enroll> and <faceio-authenticate>: the fio.js parameters as attributes, the
// flow controller, one pure view per phase, the faceio-* events, focus and announcements. The two
// elements differ only in their operation and their operation's own parameters. Subclasses carry
// @localized() (it cannot decorate an abstract class).
import { LitElement, html, type CSSResultGroup, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { createNodeClient } from '../../core/api/node-client.js';
import { sdkAssets, sdkBaseOf } from '../../core/camera/sdk-assets.js';
import { faceioError, type FaceioError } from '../../core/errors.js';
import type { FlowOperation, FlowInput, FlowPhase } from '../../core/flow/flow.types.js';
import type { FlowApi } from '../../core/flow/flow.connect.js';
import type { FlowSnapshot } from '../../core/flow/flow.machine.js';
import { phaseOf } from '../../core/flow/flow.machine.js';
import { FlowController, type FlowActors } from '../../controllers/flow.controller.js';
import { CountdownController } from '../../controllers/countdown.controller.js';
import { PinInputController } from '../../controllers/pin-input.controller.js';
import { applyLocale, directionOf, requestedLocale, resolveLocale, type SupportedLocale } from '../../localization/localization.js';
import type { SessionResult } from '../../protocol/index.js';
import type { FaceioErrorDetail } from './events/faceio-error.js';
import * as events from './events/index.js';
import { flowStyles } from './flow.styles.js';
import { errorText, statusText } from './messages.js';
import { liveRegions } from './views/common.js';
import { VIEWS, type ViewKit } from './views/index.js';

/** Where this module was served from: the SDK lives at `<node>/sdk/`, so the node is one level up. */
const nodeOfThisScript = (): string => new URL('../', import.meta.url).href;

export abstract class FaceioFlowElement extends LitElement {
  static override styles: CSSResultGroup = flowStyles;

  /** The application's public ID (fio.js `new faceIO(publicId)`). */
  @property({ attribute: 'public-id' }) publicId = '';
  /** The processing node's URL; defaults to the node this script was loaded from. */
  @property() node = '';
  /** `auto` (the browser's languages, as the node reads Accept-Language), `page` (the page's `<html lang>` first) or a language code. */
  @property() locale = 'auto';
  /** Seconds to answer the camera prompt (fio.js permissionTimeout, default 27). */
  @property({ attribute: 'permission-timeout', type: Number }) permissionTimeout?: number;
  /** Seconds without a usable face before the scan ends (fio.js idleTimeout, default 27). */
  @property({ attribute: 'idle-timeout', type: Number }) idleTimeout?: number;
  /** Seconds to wait for the node's verdict (fio.js replyTimeout, default 40). */
  @property({ attribute: 'reply-timeout', type: Number }) replyTimeout?: number;
  /** Seconds to type the PIN (default 60). */
  @property({ attribute: 'pin-timeout', type: Number }) pinTimeout?: number;
  /** Start as soon as the element is on the page instead of waiting for the start button. */
  @property({ type: Boolean }) autostart = false;
  /** A `deviceId` from `navigator.mediaDevices.enumerateDevices()`: use this camera instead of the user-facing one. */
  @property({ attribute: 'camera-id' }) cameraId = '';
  /** Cross-device sign-on: the node's one-time token this scan belongs to (set by the node's own phone pages). */
  @property({ attribute: 'sign-on-token' }) signOnToken = '';
  /** Where the runtime files are (default `<node>/sdk/`). */
  @property({ attribute: 'assets-base' }) assetsBase = '';
  /** Don't offer "Try again" after a retryable failure (the host retries its own way; the FaceIO modal sets it: its call has settled). */
  @property({ attribute: 'no-retry', type: Boolean }) noRetry = false;
  /** `light` or `dark` pins the colour scheme; by default it follows the system's (`prefers-color-scheme`). */
  @property({ reflect: true }) theme: 'auto' | 'light' | 'dark' = 'auto';
  /** Run the in-browser quality model for light, pose and blur hints (default true). */
  @property({ attribute: false }) qualityHints = true;
  /** Replacement actors for tests and stories (a fake camera, a fake node). */
  @property({ attribute: false }) actors: Partial<FlowActors> | undefined;

  /** The operation this element runs. */
  protected abstract readonly operation: FlowOperation;
  /** The operation's own input (payload, facial ID, terms …). */
  protected abstract operationInput(): Partial<FlowInput>;
  /** "Sign in instead" after FACE_DUPLICATION: only enrollment offers it (when its host asks). */
  protected signInOffer(): { offered: boolean; href: string } {
    return { offered: false, href: '' };
  }

  private readonly flow = new FlowController(this, {
    input: () => this.flowInput(),
    client: () => createNodeClient({ node: this.nodeUrl }),
    publicId: () => this.publicId,
    cameraOptions: () => ({
      assets: sdkAssets(this.assetsBase || sdkBaseOf(this.nodeUrl)),
      qualityHints: this.qualityHints,
      ...(this.cameraId ? { deviceId: this.cameraId } : {}),
    }),
    actors: () => this.actors,
    onSnapshot: (snapshot, previous) => this.announce(snapshot, previous),
    onCamera: () => this.attachVideo(),
  });
  private readonly pin = new PinInputController(this, (value) => this.flow.api?.submitPin(value));
  private readonly countdown = new CountdownController(this);
  private video: HTMLVideoElement | null = null;
  private activeLocale: SupportedLocale = 'en';
  /** Focus moves with the phases once the user is in the widget (never stolen on page load by `autostart`). */
  private focusFollows = false;
  private lastProgressKey = '';
  private lastProgress = 0;

  /** The current phase. */
  get phase(): FlowPhase {
    return this.flow.snapshot ? phaseOf(this.flow.snapshot) : 'idle';
  }

  /** The last success's result (fio.js's result object), or null. */
  get result(): SessionResult | null {
    return this.flow.api?.result ?? null;
  }

  /** Starts a run. While one is under way it only reports SESSION_IN_PROGRESS (non-fatal). */
  start(): void {
    this.begin(true);
  }

  /** `moveFocus`: focus follows the phases (a user action or a modal); false for `autostart` on page load. */
  private begin(moveFocus: boolean): void {
    const api = this.flow.api;
    if (api?.busy) return this.emitError(faceioError('SESSION_IN_PROGRESS'), false);
    this.focusFollows = moveFocus;
    const input = this.flowInput();
    this.flow.send(api && (api.phase === 'done' || api.phase === 'failed') ? { type: 'FLOW.RESTART', input } : { type: 'FLOW.START', input });
  }

  /** Ends the run (ABORTED_BY_USER): the camera closes and the node session is cancelled. */
  close(): void {
    this.flow.send({ type: 'FLOW.CLOSE' });
  }

  protected get nodeUrl(): string {
    return this.node || nodeOfThisScript();
  }

  private flowInput(): FlowInput {
    const own = this.operationInput();
    return {
      op: this.operation,
      locale: requestedLocale(this.locale, this.activeLocale),
      ...(this.signOnToken ? { signOnToken: this.signOnToken } : {}),
      ...own,
      timeouts: {
        permissionTimeout: this.permissionTimeout,
        idleTimeout: this.idleTimeout,
        replyTimeout: this.replyTimeout,
        pinTimeout: this.pinTimeout,
        ...own.timeouts,
      },
    };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) {
      this.activeLocale = resolveLocale(this.locale);
      void applyLocale(this.activeLocale);
    }
  }

  protected override firstUpdated(): void {
    // After this update settles: starting inside firstUpdated() would schedule an update mid-update (Lit dev warning).
    if (this.autostart) void this.updateComplete.then(() => this.begin(this.closest('dialog') !== null));
  }

  override render() {
    const flowApi = this.flow.api;
    if (!flowApi) return html``;
    // Start and retry read the attributes as they are now (a host may set `payload` after connecting).
    const api: FlowApi = { ...flowApi, start: () => this.start(), retry: () => this.start() };
    const signIn = this.signInOffer();
    const kit: ViewKit = {
      status: statusText(api.statusKey, api.op, api.pinRequest?.digits),
      locale: this.activeLocale,
      videoRef: this.setVideo,
      pin: this.pin,
      countdown: this.countdown.follow(api.phase, api.canExtend ? api.timer : null),
      outcome: { retry: !this.noRetry, signIn: signIn.offered, signInHref: signIn.href, onSignIn: this.onSignIn, onClose: this.onCloseOutcome },
    };
    const dir = directionOf(this.activeLocale);
    return html`
      <section class="base" part="base" data-phase=${api.phase} lang=${this.activeLocale} dir=${dir} @keydown=${this.onKeyDown}>
        ${VIEWS[api.phase](api, kit)} ${liveRegions(api, kit)}
      </section>
    `;
  }

  /** "Close" on a final screen: `faceio-close`, then rest (unless the host keeps the outcome on screen). */
  private readonly onCloseOutcome = (): void => {
    const api = this.flow.api;
    if (!api || (api.phase !== 'done' && api.phase !== 'failed')) return;
    const event = new events.FaceioCloseEvent({ op: api.op, phase: api.phase, error: api.error?.name ?? null });
    if (this.dispatchEvent(event)) api.dismiss();
  };

  /** "Sign in instead": `faceio-sign-in-request`; a cancelled one stops the link. */
  private readonly onSignIn = (event: Event): void => {
    if (!this.dispatchEvent(new events.FaceioSignInRequestEvent({ href: this.signInOffer().href }))) event.preventDefault();
  };

  private readonly setVideo = (element: Element | undefined): void => {
    this.video = (element as HTMLVideoElement | undefined) ?? null;
    this.attachVideo();
  };

  private attachVideo(): void {
    const stream = this.flow.cameraSession?.stream ?? null;
    if (this.video && this.video.srcObject !== stream) {
      this.video.srcObject = stream;
      if (stream) void this.video.play().catch(() => undefined);
    }
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.flow.api?.busy) {
      event.stopPropagation();
      this.close();
    }
  };

  /** Events, focus and announcements for a new snapshot. */
  private announce(snapshot: FlowSnapshot, previous: FlowSnapshot | undefined): void {
    const phase = phaseOf(snapshot);
    const before = previous ? phaseOf(previous) : 'idle';
    const api = this.flow.api!;
    if (phase !== before) {
      if (phase === 'permission') [this.lastProgress, this.lastProgressKey] = [0, ''];
      this.focusFollows ||= this.shadowRoot?.activeElement != null || this.closest('dialog[open]') !== null;
      this.dispatchEvent(new events.FaceioPhaseChangeEvent({ phase, previous: before, op: api.op }));
      // Focus follows the flow: each phase's heading (a screen reader reads it), the button at rest.
      void this.updateComplete.then(() => this.focusPhase(phase));
      if (phase === 'done' && api.result) this.dispatchEvent(new events.FaceioCompleteEvent({ op: api.op, result: api.result }));
      if (phase === 'failed' && api.error) this.emitError(api.error, true);
    }
    if (api.notice && api.notice !== previous?.context.notice) this.emitError(api.notice, false);
    const progressKey = `${api.statusKey}|${api.progress}`;
    // The PIN step too: the node asks for it once it has every frame, so the bar reports 100 % then.
    if ((phase === 'scan' || phase === 'reply' || (phase === 'pin' && this.lastProgress < 1)) && progressKey !== this.lastProgressKey) {
      this.lastProgress = api.progress;
      this.lastProgressKey = progressKey;
      const status = statusText(api.statusKey, api.op);
      this.dispatchEvent(new events.FaceioProgressEvent({ progress: api.progress, guidance: api.guidance, statusKey: api.statusKey, status }));
    }
  }

  private focusPhase(phase: FlowPhase): void {
    const root = this.shadowRoot;
    if (!root) return;
    // The first PIN box; at rest (after Close on a final screen) the start button; else the heading.
    const target = root.querySelector<HTMLElement>(phase === 'pin' ? 'input.digit' : phase === 'idle' ? '.start' : '.heading');
    // Only once the user is in the widget (or its modal): never steal focus on page load.
    if (this.focusFollows) target?.focus();
  }

  private emitError(error: FaceioError, fatal: boolean): void {
    const detail: FaceioErrorDetail = { code: error.code, name: error.name, message: errorText(error.name), retryable: error.retryable, fatal };
    if (error.detail) detail.detail = error.detail;
    this.dispatchEvent(new events.FaceioErrorEvent(detail));
  }
}
