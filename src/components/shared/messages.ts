// Every string the widget shows, as @lit/localize messages with explicit ids grouped by phase
// (CONVENTIONS.md habit 9). The flow's view-model names a status by id (`connect().statusKey`);
// this module turns ids into text in the active locale. Translators edit locales/*.xlf.
import { msg, str } from '@lit/localize';
import type { FioErrorName } from '../../core/errors.js';
import type { FlowOperation, PinRequest } from '../../core/flow/flow.types.js';

type Text = () => string;

/** Status lines by id: `connect().statusKey` values. */
const STATUS: Readonly<Record<string, Text>> = {
  'idle.enroll': () => msg('Enroll with your face', { id: 'idle.enroll' }),
  'idle.authenticate': () => msg('Sign in with your face', { id: 'idle.authenticate' }),
  'idle.liveness': () => msg('Start the liveness check', { id: 'idle.liveness' }),
  'idle.age': () => msg('Start the age check', { id: 'idle.age' }),
  'permission.enroll': () => msg('Allow the camera when your browser asks.', { id: 'permission.prompt' }),
  'terms.enroll': () => msg('Please read and accept the terms to continue.', { id: 'terms.prompt' }),
  'intro.enroll': () => msg('Get ready: look straight at the camera, in good light, alone.', { id: 'intro.prompt' }),
  'scan.looking': () => msg('Looking for your face…', { id: 'scan.looking' }),
  'scan.no-face': () => msg('Show your face to the camera.', { id: 'scan.no-face' }),
  'scan.many-faces': () => msg('Only one face, please: make sure you are alone.', { id: 'scan.many-faces' }),
  'scan.move-closer': () => msg('Move closer to the camera.', { id: 'scan.move-closer' }),
  'scan.move-back': () => msg('Move back a little.', { id: 'scan.move-back' }),
  'scan.center': () => msg('Center your face in the frame.', { id: 'scan.center' }),
  'scan.too-dark': () => msg('Too dark: find more light.', { id: 'scan.too-dark' }),
  'scan.too-bright': () => msg('Too bright: turn away from strong light.', { id: 'scan.too-bright' }),
  'scan.look-straight': () => msg('Look straight at the camera.', { id: 'scan.look-straight' }),
  'scan.hold-still': () => msg('Hold still…', { id: 'scan.hold-still' }),
  'scan.need-more-frames': () => msg('Scanning, hold still…', { id: 'scan.need-more-frames' }),
  'scan.face-quality': () => msg('Face the camera in good, even light.', { id: 'scan.face-quality' }),
  'scan.challenge': () => msg('Scanning, hold still…', { id: 'scan.need-more-frames' }),
  'scan.challenge.turn-left': () => msg('Slowly turn your head to your left.', { id: 'scan.challenge.turn-left' }),
  'scan.challenge.turn-right': () => msg('Slowly turn your head to your right.', { id: 'scan.challenge.turn-right' }),
  'scan.challenge.look-up': () => msg('Tilt your head back and look up.', { id: 'scan.challenge.look-up' }),
  'scan.challenge.blink': () => msg('Blink your eyes.', { id: 'scan.challenge.blink' }),
  'scan.challenge.pin-instead': () => msg('Look at the camera: you will then be asked for your PIN instead.', { id: 'scan.challenge.pin-instead' }),
  'pin.enter': () => msg('Enter your PIN code.', { id: 'pin.enter' }),
  'pin.choose': () => msg('Choose a PIN code. You will need it if your face alone is not enough.', { id: 'pin.choose' }),
  'pin.confirm': () => msg('Type the same PIN again to confirm it.', { id: 'pin.confirm' }),
  'pin.not-digits': () => msg('Use digits only.', { id: 'pin.not-digits' }),
  'pin.too-short': () => msg('This PIN is too short.', { id: 'pin.too-short' }),
  'pin.too-long': () => msg('This PIN is too long.', { id: 'pin.too-long' }),
  'pin.weak': () => msg('This PIN is too easy to guess. Choose another one.', { id: 'pin.weak' }),
  'pin.confirm-mismatch': () => msg('The two PINs were different. Choose your PIN again.', { id: 'pin.confirm-mismatch' }),
  'pin.not-unique': () => msg('This PIN is already taken. Choose a different PIN.', { id: 'pin.not-unique' }),
  'pin.unique-pin-required': () => msg('This PIN is already taken. Choose a different PIN.', { id: 'pin.not-unique' }),
  'pin.wrong': () => msg('Wrong PIN. Try again.', { id: 'pin.wrong' }),
  'reply.enroll': () => msg('Checking your scan…', { id: 'reply.checking' }),
  'done.enroll': () => msg('You are enrolled. Next time, sign in with your face.', { id: 'done.enroll' }),
  'done.authenticate': () => msg('Welcome back! You are signed in.', { id: 'done.authenticate' }),
  'done.liveness': () => msg('Liveness check complete.', { id: 'done.liveness' }),
  'done.age': () => msg('Age check complete.', { id: 'done.age' }),
};

/** The status keys shared by every operation (`permission.enroll` also serves authenticate). */
const SAME_FOR_EVERY_OP = ['permission', 'terms', 'intro', 'reply'];

/** Fatal error texts by fio.js name (`failed.*`). */
const ERRORS: Readonly<Record<FioErrorName, Text>> = {
  PERMISSION_REFUSED: () =>
    msg("Camera access was refused. Allow this site to use your camera in your browser's settings, then try again.", {
      id: 'failed.permission-refused',
    }),
  NO_FACES_DETECTED: () =>
    msg('No face was seen. Face the camera in good light, with nothing covering your face, and try again.', { id: 'failed.no-faces-detected' }),
  UNRECOGNIZED_FACE: () =>
    msg('Your face was not recognized. If you have not enrolled yet, enroll first; otherwise try again in good light.', {
      id: 'failed.unrecognized-face',
    }),
  MANY_FACES: () => msg('More than one face was seen. Make sure you are alone in front of the camera and try again.', { id: 'failed.many-faces' }),
  PAD_ATTACK: () =>
    msg('The scan did not look like a live person in front of the camera. Use your own face, not a photo, video or screen.', {
      id: 'failed.pad-attack',
    }),
  FACE_MISMATCH: () =>
    msg('The scan did not show the same person throughout. Stay alone in front of the camera for the whole scan and try again.', {
      id: 'failed.face-mismatch',
    }),
  NETWORK_IO: () => msg('The connection to the server failed. Check your internet connection and try again.', { id: 'failed.network-io' }),
  WRONG_PIN_CODE: () =>
    msg('The PIN was wrong too many times. Wait a while before trying again, or contact the site if you forgot your PIN.', {
      id: 'failed.wrong-pin-code',
    }),
  PROCESSING_ERR: () => msg('The server could not process the scan. Please try again.', { id: 'failed.processing-err' }),
  UNAUTHORIZED: () =>
    msg("This site cannot use facial authentication at the moment. Please contact the site's support.", { id: 'failed.unauthorized' }),
  TERMS_NOT_ACCEPTED: () =>
    msg('The terms of use were not accepted, so the scan did not start. Accept them to continue.', { id: 'failed.terms-not-accepted' }),
  UI_NOT_READY: () => msg('The face scanner could not start. Reload the page and try again.', { id: 'failed.ui-not-ready' }),
  SESSION_EXPIRED: () => msg('This session has expired. Please start again.', { id: 'failed.session-expired' }),
  TIMEOUT: () => msg('This took too long. Try again when you are ready; you can ask for more time while a step is shown.', { id: 'failed.timeout' }),
  TOO_MANY_REQUESTS: () => msg('Too many attempts. Wait a few minutes, then try again.', { id: 'failed.too-many-requests' }),
  EMPTY_ORIGIN: () => msg('This page could not be verified. Open the site directly in your browser and try again.', { id: 'failed.empty-origin' }),
  FORBIDDDEN_ORIGIN: () =>
    msg("Facial authentication is not enabled for this website. Please contact the site's support.", { id: 'failed.forbidden-origin' }),
  FORBIDDDEN_COUNTRY: () => msg('Facial authentication for this site is not available in your country.', { id: 'failed.forbidden-country' }),
  UNIQUE_PIN_REQUIRED: () => msg('This PIN is already taken. Choose a different PIN.', { id: 'pin.not-unique' }),
  SESSION_IN_PROGRESS: () => msg('A face scan is already in progress. Finish or close it first.', { id: 'failed.session-in-progress' }),
  FACE_DUPLICATION: () => msg('This face is already enrolled. Sign in instead of enrolling again.', { id: 'failed.face-duplication' }),
  MINORS_NOT_ALLOWED: () => msg('This service is not available to minors.', { id: 'failed.minors-not-allowed' }),
  ABORTED_BY_USER: () => msg('The scan was closed. Start again whenever you are ready.', { id: 'failed.aborted-by-user' }),
  NO_CAMERA: () => msg('No camera was found. Connect a camera, or use a device that has one, and try again.', { id: 'failed.no-camera' }),
  // The site's mistakes: the user can only tell the site, as for UNAUTHORIZED (same message, same translations).
  INVALID_REQUEST: () =>
    msg("This site cannot use facial authentication at the moment. Please contact the site's support.", { id: 'failed.unauthorized' }),
  INVALID_FACIAL_ID: () =>
    msg("This site cannot use facial authentication at the moment. Please contact the site's support.", { id: 'failed.unauthorized' }),
  PAYLOAD_REFUSED: () =>
    msg("This site cannot use facial authentication at the moment. Please contact the site's support.", { id: 'failed.unauthorized' }),
};

export const errorText = (name: FioErrorName): string => ERRORS[name]();

/** The site's own mistakes, one heading: the user can only tell the site. */
const SITE_UNAVAILABLE: Text = () => msg('Face sign-in unavailable', { id: 'outcome.site-unavailable' });
const GENERIC_FAILURE: Text = () => msg('Something went wrong', { id: 'heading.failed' });

/**
 * A heading per outcome (issue 14: every failure read "Something went wrong"): what happened, in a
 * few words; the status line under it says what to do.
 */
const FAILURE_HEADINGS: Readonly<Record<FioErrorName, Text>> = {
  PERMISSION_REFUSED: () => msg('Camera access blocked', { id: 'outcome.permission-refused' }),
  NO_CAMERA: () => msg('No camera found', { id: 'outcome.no-camera' }),
  NO_FACES_DETECTED: () => msg('No face detected', { id: 'outcome.no-faces-detected' }),
  UNRECOGNIZED_FACE: () => msg('Face not recognized', { id: 'outcome.unrecognized-face' }),
  MANY_FACES: () => msg('More than one face', { id: 'outcome.many-faces' }),
  PAD_ATTACK: () => msg('Live person not confirmed', { id: 'outcome.pad-attack' }),
  FACE_MISMATCH: () => msg('The face changed during the scan', { id: 'outcome.face-mismatch' }),
  NETWORK_IO: () => msg('Connection lost', { id: 'outcome.network-io' }),
  WRONG_PIN_CODE: () => msg('Too many wrong PINs', { id: 'outcome.wrong-pin-code' }),
  PROCESSING_ERR: () => msg('Scan not processed', { id: 'outcome.processing-err' }),
  UNAUTHORIZED: SITE_UNAVAILABLE,
  INVALID_REQUEST: SITE_UNAVAILABLE,
  INVALID_FACIAL_ID: SITE_UNAVAILABLE,
  PAYLOAD_REFUSED: SITE_UNAVAILABLE,
  FORBIDDDEN_ORIGIN: SITE_UNAVAILABLE,
  EMPTY_ORIGIN: () => msg('Page not verified', { id: 'outcome.empty-origin' }),
  FORBIDDDEN_COUNTRY: () => msg('Not available in your country', { id: 'outcome.forbidden-country' }),
  TERMS_NOT_ACCEPTED: () => msg('Terms not accepted', { id: 'outcome.terms-not-accepted' }),
  UI_NOT_READY: () => msg('The scanner did not start', { id: 'outcome.ui-not-ready' }),
  SESSION_EXPIRED: () => msg('Session expired', { id: 'outcome.session-expired' }),
  TIMEOUT: () => msg('Time ran out', { id: 'outcome.timeout' }),
  TOO_MANY_REQUESTS: () => msg('Too many attempts', { id: 'outcome.too-many-requests' }),
  FACE_DUPLICATION: () => msg('Already enrolled', { id: 'outcome.face-duplication' }),
  MINORS_NOT_ALLOWED: () => msg('Age requirement not met', { id: 'outcome.minors-not-allowed' }),
  ABORTED_BY_USER: () => msg('Scan cancelled', { id: 'outcome.aborted-by-user' }),
  // Non-fatal: they never end a run, so never head a failure screen.
  UNIQUE_PIN_REQUIRED: GENERIC_FAILURE,
  SESSION_IN_PROGRESS: GENERIC_FAILURE,
};

const DONE_HEADINGS: Readonly<Record<FlowOperation, Text>> = {
  enroll: () => msg('Enrollment complete', { id: 'outcome.done-enroll' }),
  authenticate: () => msg('Signed in', { id: 'outcome.done-authenticate' }),
  liveness: () => msg('All done', { id: 'outcome.done-check' }),
  age: () => msg('All done', { id: 'outcome.done-check' }),
};

/** The heading of a final screen: the success of `op`, or the failure `error`. */
export const outcomeHeading = (op: FlowOperation, error: FioErrorName | null): string =>
  error ? (FAILURE_HEADINGS[error] ?? GENERIC_FAILURE)() : DONE_HEADINGS[op]();

/**
 * The PIN instruction, with the application's PIN length in words (issue 14: the widget never said
 * how many digits): "Choose your 4-digit PIN". The length is `digits.min`, the application's
 * `pinLength`; `max` is the node's ceiling (16), room for a PIN chosen under a longer setting.
 */
export function pinInstruction(op: FlowOperation, digits: PinRequest['digits'], stage: 'enter' | 'confirm'): string {
  const length = digits.min;
  if (stage === 'confirm') return STATUS['pin.confirm']!();
  return op === 'enroll'
    ? msg(str`Choose your ${length}-digit PIN. You will need it if your face alone is not enough.`, { id: 'pin.choose-length' })
    : msg(str`Enter your ${length}-digit PIN.`, { id: 'pin.enter-length' });
}

/** A whole number of seconds in the locale's words ("20 seconds", "20 Sekunden", "٢٠ ثانية"), plural rules included. */
const seconds = (count: number, locale: string): string =>
  new Intl.NumberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'long' }).format(count);

/** The status line for a `connect().statusKey`; `digits` words the PIN instruction with its length. */
export function statusText(key: string, op: FlowOperation, digits?: PinRequest['digits']): string {
  const [phase, rest] = key.split('.', 2) as [string, string | undefined];
  if (phase === 'failed') {
    const name = (rest ?? 'processing-err').toUpperCase().replaceAll('-', '_') as FioErrorName;
    return (ERRORS[name] ?? ERRORS.PROCESSING_ERR)();
  }
  if (digits && (key === 'pin.enter' || key === 'pin.confirm')) return pinInstruction(op, digits, key === 'pin.enter' ? 'enter' : 'confirm');
  if (key === 'pin.enter' && op === 'enroll') return STATUS['pin.choose']!();
  const lookup = SAME_FOR_EVERY_OP.includes(phase) ? `${phase}.enroll` : key;
  // The node's own 'no-face' progress reads differently from the tracker's hint.
  return (STATUS[lookup] ?? STATUS['scan.looking']!)();
}

/** The liveness challenge's labels (the step instructions are status lines: `scan.challenge.*`). */
export const challengeText = {
  label: (step: 'turn-left' | 'turn-right' | 'look-up' | 'blink'): string =>
    ({
      'turn-left': () => msg('Left', { id: 'challenge.label.turn-left' }),
      'turn-right': () => msg('Right', { id: 'challenge.label.turn-right' }),
      'look-up': () => msg('Up', { id: 'challenge.label.look-up' }),
      blink: () => msg('Blink', { id: 'challenge.label.blink' }),
    })[step](),
  steps: (current: number, total: number) => msg(str`Liveness check: step ${current} of ${total}`, { id: 'challenge.steps' }),
  done: () => msg('done', { id: 'challenge.done' }),
  cannotTurn: () => msg("I can't turn my head", { id: 'challenge.cannot-turn' }),
  usePin: () => msg('Use my PIN instead', { id: 'challenge.use-pin' }),
};

/** Headings, buttons and labels. */
export const ui = {
  heading: {
    permission: () => msg('Camera access', { id: 'heading.permission' }),
    terms: () => msg('Terms of use', { id: 'heading.terms' }),
    intro: () => msg('Get ready', { id: 'heading.intro' }),
    scan: () => msg('Face scan', { id: 'heading.scan' }),
    pin: (op: FlowOperation, stage: 'enter' | 'confirm') =>
      stage === 'confirm'
        ? msg('Confirm your PIN', { id: 'heading.pin-confirm' })
        : op === 'enroll'
          ? msg('Choose a PIN', { id: 'heading.pin-choose' })
          : msg('Enter your PIN', { id: 'heading.pin-enter' }),
    reply: () => msg('One moment', { id: 'heading.reply' }),
  },
  terms: () =>
    msg(
      'To recognize you next time, this site stores a numeric template computed from your face, never a photo. The template cannot be turned back into a picture. You can ask the site to delete it at any time.',
      { id: 'terms.text' },
    ),
  accept: () => msg('I agree', { id: 'button.accept' }),
  decline: () => msg('Decline', { id: 'button.decline' }),
  continue: () => msg('Start the scan', { id: 'button.continue' }),
  submit: () => msg('Confirm', { id: 'button.submit' }),
  retry: () => msg('Try again', { id: 'button.retry' }),
  close: () => msg('Close', { id: 'button.close' }),
  signIn: () => msg('Sign in instead', { id: 'button.sign-in' }),
  extend: () => msg('More time', { id: 'button.extend' }),
  scanComplete: () => msg('Face scan complete', { id: 'pin.scan-complete' }),
  timeLeft: (count: number, locale: string) => msg(str`Time left: ${seconds(count, locale)}.`, { id: 'timer.left' }),
  introStartsIn: (count: number, locale: string) => msg(str`The scan starts by itself in ${seconds(count, locale)}.`, { id: 'timer.intro' }),
  progress: () => msg('Scan progress', { id: 'label.progress' }),
  video: () => msg('Camera preview', { id: 'label.video' }),
  pinGroup: () => msg('PIN code digits', { id: 'label.pin-group' }),
  digit: (index: number, count: number) => msg(str`Digit ${index} of ${count}`, { id: 'label.digit' }),
  attemptsLeft: (count: number) => msg(str`Attempts left: ${count}.`, { id: 'pin.attempts-left' }),
};
