// <faceio-enroll>, one story per phase and per error the user can meet (CONVENTIONS habit 12),
// driven by the fake camera and node of fake-actors.ts; only "Live" uses the real camera and a node.
// Controls come from custom-elements.json (.storybook/preview.ts).
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../src/faceio-enroll.js';
import { supportedLocales } from '../src/localization/localization.js';
import { GOOD, RESULTS, face, frames, node, steps } from './fake-actors.js';
import { HOLD_ARGS, doneStory, failureStory, renderFlow, scanStory } from './story-kit.js';

const meta = {
  title: 'faceio-enroll',
  component: 'faceio-enroll',
  render: renderFlow('faceio-enroll'),
  args: { autostart: true, locale: 'en', ...HOLD_ARGS, 'terms-timeout': 30, 'enroll-intro-timeout': 60 },
  argTypes: { locale: { control: 'select', options: ['auto', ...supportedLocales] } },
  parameters: { layout: 'centered' },
} satisfies Meta;
export default meta;

type Story = StoryObj;

const PIN_REQUEST = node.pinRequired({ reason: 'enroll', digits: { min: 4, max: 4 }, confirm: true, attemptsLeft: 3 });

// ---- phases ----

/** Before a run: the start button (press it to play the happy path). */
export const Idle: Story = { ...doneStory('enroll'), args: { autostart: false } };

/** The browser's camera prompt is open and unanswered. */
export const Permission: Story = { parameters: { fake: { permission: 'pending' } } };

export const Terms: Story = { parameters: { fake: { guidance: GOOD } } };

/** The host collected consent itself (`user-consent`), so the introduction follows the permission. */
export const Intro: Story = { args: { 'user-consent': true }, parameters: { fake: { guidance: GOOD } } };

export const ScanLooking: Story = { name: 'Scan: looking', ...scanStory([], steps(node.ready())) };
export const ScanNoFace: Story = { name: 'Scan: no face', ...scanStory([{ hint: 'no-face', faces: 0 }], steps(node.ready())) };
export const ScanManyFaces: Story = { name: 'Scan: many faces', ...scanStory([{ hint: 'many-faces', faces: 2 }], steps(node.ready())) };
export const ScanMoveCloser: Story = { name: 'Scan: move closer', ...scanStory([{ hint: 'move-closer', faces: 1 }], steps(node.ready())) };
export const ScanTooDark: Story = { name: 'Scan: too dark', ...scanStory([{ hint: 'too-dark', faces: 1 }], steps(node.ready())) };
export const ScanLookStraight: Story = { name: 'Scan: look straight', ...scanStory([{ hint: 'look-straight', faces: 1 }], steps(node.ready())) };
export const ScanHoldStill: Story = {
  name: 'Scan: hold still',
  ...scanStory([{ hint: 'hold-still', faces: 1 }], steps(node.ready(), node.progress(1, 3))),
};
export const ScanProgress: Story = {
  name: 'Scan: frames accepted',
  ...scanStory(GOOD, steps(node.ready(), node.progress(1, 3), node.progress(2, 3))),
};
/**
 * The oval follows the tracked face (here a face drifting towards the centre and closer), the
 * guidance line and the oval's colour from one state.
 */
export const ScanOvalFollowsFace: Story = {
  name: 'Scan: oval on the tracked face',
  ...scanStory(
    [
      { hint: 'center', faces: 1, face: face(0.12, 0.3, 0.16) },
      { hint: 'center', faces: 1, face: face(0.2, 0.28, 0.17) },
      { hint: 'move-closer', faces: 1, face: face(0.3, 0.26, 0.17) },
      { hint: 'good', faces: 1, face: face(0.36, 0.22, 0.24) },
      { hint: 'good', faces: 1, face: face(0.37, 0.22, 0.24) },
    ],
    steps(node.ready(), node.progress(1, 3)),
    { guidanceEvery: 700 },
  ),
};

/** Every hint the tracker can give, one after another. */
export const ScanGuidanceTour: Story = {
  name: 'Scan: every hint',
  ...scanStory(
    (['no-face', 'many-faces', 'move-closer', 'move-back', 'center', 'too-dark', 'too-bright', 'look-straight', 'hold-still', 'good'] as const).map(
      (hint) => ({
        hint,
        faces: hint === 'no-face' ? 0 : hint === 'many-faces' ? 2 : 1,
      }),
    ),
    steps(node.ready()),
    { guidanceEvery: 1500 },
  ),
};

/** The node asks for a PIN to protect the new facial ID. */
export const PinEnter: Story = { name: 'PIN: enter', ...scanStory(GOOD, steps(node.ready(), ...frames(3), PIN_REQUEST)) };
/** The first entry was taken; the same PIN again. */
export const PinConfirm: Story = { name: 'PIN: confirm', ...scanStory(GOOD, steps(node.ready(), ...frames(3), PIN_REQUEST), {}, { pins: ['2580'] }) };
/** An application whose PIN is 8 digits: eight boxes, still within a 320 px card. */
export const PinEightDigits: Story = {
  name: 'PIN: 8 digits',
  ...scanStory(
    GOOD,
    steps(node.ready(), ...frames(3), node.pinRequired({ reason: 'enroll', digits: { min: 8, max: 8 }, confirm: true, attemptsLeft: 3 })),
  ),
};
/**
 * What the node sends for an application's `pinLength` (4 here): the length as the minimum, its
 * ceiling (16) as the maximum. Four boxes; typing past them adds boxes (a longer, older PIN).
 */
export const PinRange: Story = {
  name: 'PIN: 4 digits, up to 16',
  ...scanStory(
    GOOD,
    steps(node.ready(), ...frames(3), node.pinRequired({ reason: 'enroll', digits: { min: 4, max: 16 }, confirm: true, attemptsLeft: 3 })),
  ),
};
/** The PIN's limit is about to end: the countdown and "More time" (shown only in a limit's last 20 s). */
export const PinMoreTime: Story = {
  name: 'PIN: time almost up',
  args: { 'pin-timeout': 15 },
  ...scanStory(GOOD, steps(node.ready(), ...frames(3), PIN_REQUEST)),
};

/** The node refused an easy-to-guess PIN (rejectWeakPin). */
export const PinWeak: Story = {
  name: 'PIN: weak',
  ...scanStory(GOOD, steps(node.ready(), ...frames(3), PIN_REQUEST), { onPin: [steps(node.pinRejected('weak', 3))] }, { pins: ['1111', '1111'] }),
};
/** Non-fatal UNIQUE_PIN_REQUIRED (19): another user of the application has this PIN. */
export const PinNotUnique: Story = {
  name: 'PIN: not unique (UNIQUE_PIN_REQUIRED)',
  ...scanStory(
    GOOD,
    steps(node.ready(), ...frames(3), PIN_REQUEST),
    { onPin: [steps(node.pinRejected('not-unique', 3, 'UNIQUE_PIN_REQUIRED'))] },
    { pins: ['2580', '2580'] },
  ),
};

/** The node has the frames and decides. */
export const Reply: Story = scanStory(GOOD, steps(node.ready(), ...frames(3)));

export const Done: Story = doneStory('enroll');

/** The dark scheme (what `prefers-color-scheme: dark` gives; `theme="dark"` pins it). */
export const DarkScan: Story = { name: 'Dark: scan', args: { theme: 'dark' }, ...scanStory(GOOD, steps(node.ready(), node.progress(2, 3))) };
export const DarkDone: Story = { name: 'Dark: done', args: { theme: 'dark' }, ...doneStory('enroll') };

/** The whole enrollment with a PIN, at a watchable pace. */
export const FullJourney: Story = {
  name: 'Full journey (with PIN)',
  ...scanStory(GOOD, steps(node.ready(), ...frames(3), PIN_REQUEST), { onPin: [steps(node.ok(RESULTS.enroll))] }, { pins: ['2580', '2580'] }),
};

/** Arabic: the element follows the locale's direction. */
export const RightToLeft: Story = {
  name: 'RTL (Arabic)',
  args: { locale: 'ar' },
  ...scanStory([{ hint: 'move-closer', faces: 1 }], steps(node.ready(), node.progress(1, 3))),
};

// ---- errors (fio.js codes) ----

export const ErrorPermissionRefused: Story = { name: 'Error: PERMISSION_REFUSED (1)', ...failureStory('enroll', 'PERMISSION_REFUSED') };
export const ErrorNoCamera: Story = { name: 'Error: NO_CAMERA (24)', ...failureStory('enroll', 'NO_CAMERA') };
export const ErrorTermsNotAccepted: Story = { name: 'Error: TERMS_NOT_ACCEPTED (11)', ...failureStory('enroll', 'TERMS_NOT_ACCEPTED') };
export const ErrorNoFacesDetected: Story = { name: 'Error: NO_FACES_DETECTED (2)', ...failureStory('enroll', 'NO_FACES_DETECTED') };
export const ErrorManyFaces: Story = { name: 'Error: MANY_FACES (4)', ...failureStory('enroll', 'MANY_FACES') };
export const ErrorPadAttack: Story = { name: 'Error: PAD_ATTACK (5)', ...failureStory('enroll', 'PAD_ATTACK') };
export const ErrorFaceMismatch: Story = { name: 'Error: FACE_MISMATCH (6)', ...failureStory('enroll', 'FACE_MISMATCH') };
export const ErrorFaceDuplication: Story = { name: 'Error: FACE_DUPLICATION (21)', ...failureStory('enroll', 'FACE_DUPLICATION') };
/** With `sign-in-href`: "Sign in instead" (it fires `faceio-sign-in-request` first; cancel it to route yourself). */
export const ErrorFaceDuplicationSignIn: Story = {
  name: 'Error: FACE_DUPLICATION, sign in instead',
  args: { 'sign-in-href': '#sign-in' },
  ...failureStory('enroll', 'FACE_DUPLICATION'),
};
export const ErrorMinorsNotAllowed: Story = { name: 'Error: MINORS_NOT_ALLOWED (22)', ...failureStory('enroll', 'MINORS_NOT_ALLOWED') };
export const ErrorNetworkIo: Story = { name: 'Error: NETWORK_IO (7)', ...failureStory('enroll', 'NETWORK_IO') };
export const ErrorProcessingErr: Story = { name: 'Error: PROCESSING_ERR (9)', ...failureStory('enroll', 'PROCESSING_ERR') };
export const ErrorUnauthorized: Story = { name: 'Error: UNAUTHORIZED (10)', ...failureStory('enroll', 'UNAUTHORIZED') };
export const ErrorUiNotReady: Story = { name: 'Error: UI_NOT_READY (12)', ...failureStory('enroll', 'UI_NOT_READY') };
export const ErrorSessionExpired: Story = { name: 'Error: SESSION_EXPIRED (13)', ...failureStory('enroll', 'SESSION_EXPIRED') };
export const ErrorTimeout: Story = { name: 'Error: TIMEOUT (14)', ...failureStory('enroll', 'TIMEOUT') };
export const ErrorTooManyRequests: Story = { name: 'Error: TOO_MANY_REQUESTS (15)', ...failureStory('enroll', 'TOO_MANY_REQUESTS') };
export const ErrorEmptyOrigin: Story = { name: 'Error: EMPTY_ORIGIN (16)', ...failureStory('enroll', 'EMPTY_ORIGIN') };
export const ErrorForbiddenOrigin: Story = { name: 'Error: FORBIDDDEN_ORIGIN (17)', ...failureStory('enroll', 'FORBIDDDEN_ORIGIN') };
export const ErrorForbiddenCountry: Story = { name: 'Error: FORBIDDDEN_COUNTRY (18)', ...failureStory('enroll', 'FORBIDDDEN_COUNTRY') };
export const ErrorAbortedByUser: Story = { name: 'Error: ABORTED_BY_USER (23)', ...failureStory('enroll', 'ABORTED_BY_USER') };

// ---- live ----

/**
 * The real camera and a running node (`npm start`, http://localhost:8080 unless PORT says
 * otherwise). The node must allow this page's origin: create an application with
 * `npx openfaceio app create --name storybook --origin http://localhost:6006` and paste its public
 * ID into the `public-id` control. Press the button: the browser asks for the camera.
 */
export const Live: Story = {
  args: {
    autostart: false,
    node: 'http://localhost:8080',
    'public-id': '',
    'permission-timeout': undefined,
    'idle-timeout': undefined,
    'reply-timeout': undefined,
    'pin-timeout': undefined,
    'terms-timeout': undefined,
    'enroll-intro-timeout': undefined,
  },
};
