// What a framework binds on each element, derived from the element classes themselves (so the
// typings cannot drift from the code): the settable properties and the `on<event>` handlers. The
// React and Vue declarations (react.d.ts, vue.d.ts) are built from these.
import type { LitElement } from 'lit';
import type { FaceioAuthenticate } from '../components/faceio-authenticate/faceio-authenticate.component.js';
import type { FaceioEnroll } from '../components/faceio-enroll/faceio-enroll.component.js';
import type { FaceioSignOn } from '../components/faceio-sign-on/faceio-sign-on.component.js';
import type {
  FaceioCloseEvent,
  FaceioCompleteEvent,
  FaceioErrorEvent,
  FaceioPhaseChangeEvent,
  FaceioProgressEvent,
  FaceioSignInRequestEvent,
} from '../components/shared/events/index.js';
import type { FaceioSignOnErrorEvent, FaceioSignOnStateChangeEvent, FaceioSignOnVerifiedEvent } from '../components/faceio-sign-on/events/index.js';

type IfEquals<X, Y, A, B> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? A : B;
/** Keys of T that can be assigned (not readonly, not getters without setters). */
type WritableKeys<T> = { [P in keyof T]-?: IfEquals<{ [Q in P]: T[P] }, { -readonly [Q in P]: T[P] }, P, never> }[keyof T];
type FunctionKeys<T> = { [P in keyof T]-?: T[P] extends (...args: never[]) => unknown ? P : never }[keyof T];

/** The settable, non-method properties an element adds to LitElement: what a framework binds. */
export type ElementProperties<E extends LitElement> = Partial<Pick<E, Exclude<WritableKeys<E>, keyof LitElement | FunctionKeys<E>>>>;

/** `on<event-name>` handlers, as React 19 binds a custom element's events (`onfaceio-complete`). */
export type EventHandlers<Events> = { [K in keyof Events & string as `on${K}`]?: (event: Events[K]) => void };

/** The events of <faceio-enroll> and <faceio-authenticate>. */
export interface FaceioFlowEvents {
  'faceio-phase-change': FaceioPhaseChangeEvent;
  'faceio-progress': FaceioProgressEvent;
  'faceio-complete': FaceioCompleteEvent;
  'faceio-error': FaceioErrorEvent;
  'faceio-close': FaceioCloseEvent;
}

/** <faceio-enroll>'s: the flow's, and "Sign in instead" after FACE_DUPLICATION. */
export interface FaceioEnrollEvents extends FaceioFlowEvents {
  'faceio-sign-in-request': FaceioSignInRequestEvent;
}

/** The events of <faceio-sign-on>. */
export interface FaceioSignOnEvents {
  'faceio-sign-on-state-change': FaceioSignOnStateChangeEvent;
  'faceio-sign-on-verified': FaceioSignOnVerifiedEvent;
  'faceio-sign-on-error': FaceioSignOnErrorEvent;
}

export type FaceioEnrollProps = ElementProperties<FaceioEnroll> & EventHandlers<FaceioEnrollEvents>;
export type FaceioAuthenticateProps = ElementProperties<FaceioAuthenticate> & EventHandlers<FaceioFlowEvents>;
export type FaceioSignOnProps = ElementProperties<FaceioSignOn> & EventHandlers<FaceioSignOnEvents>;

/** Every element, its class and what a framework binds on it. */
export interface FaceioElements {
  'faceio-enroll': { element: FaceioEnroll; props: FaceioEnrollProps; events: FaceioEnrollEvents };
  'faceio-authenticate': { element: FaceioAuthenticate; props: FaceioAuthenticateProps; events: FaceioFlowEvents };
  'faceio-sign-on': { element: FaceioSignOn; props: FaceioSignOnProps; events: FaceioSignOnEvents };
}
