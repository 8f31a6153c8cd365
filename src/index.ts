// The library's entry: the FaceIO class, the element classes, their events and types. Importing it
// defines nothing and touches no DOM (SSR-safe): import './faceio-enroll.js' /
// './faceio-authenticate.js' (or call `new FaceIO()`) to register the tags.
export { FaceIO, type AuthenticateParameters, type EnrollParameters, type FaceIOOptions } from './faceio.js';
// fio.js code writes `import faceIO from '@faceio/fiojs'; new faceIO(appId)`: the same class, as the default export.
export { FaceIO as default } from './faceio.js';
export { FaceioEnroll } from './components/faceio-enroll/faceio-enroll.component.js';
export { FaceioAuthenticate } from './components/faceio-authenticate/faceio-authenticate.component.js';
export { FaceioSignOn, type SignOnState } from './components/faceio-sign-on/faceio-sign-on.component.js';
export * from './components/shared/events/index.js';
export * from './components/faceio-sign-on/events/index.js';
export { FIO_ERROR_CODES, fetchAllErrorCodes, type FaceioError, type FioErrorCode, type FioErrorName } from './core/errors.js';
export type { AgeResult, AuthenticateResult, EnrollResult, LivenessResult, SessionResult } from './protocol/index.js';
export type { FlowPhase, GuidanceHint } from './core/flow/flow.types.js';
export { SIGN_ON_CODES, type SignOnCode, type SignOnCodeName } from './protocol/index.js';
export { qrSvg } from './core/sign-on/qr-code.js';
export type * from './typings/element-props.js';
