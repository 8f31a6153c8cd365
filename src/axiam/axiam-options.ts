// The options of Axiam's embedded widget (`AxiamFacialLogin.init({...})`) that the drop-in honours,
// and how they map onto <faceio-sign-on>: colours onto its --faceio-* properties, texts onto its
// slots, lifecycle callbacks onto its events.

/** What a callback or an `axiam:*` event receives once the phone verified the face. */
export interface AxiamVerifiedData {
  email?: string;
  /** The site's user ID (Axiam's name for it). */
  client_id: string;
  verified: true;
  /** The signed single-use proof; the backend checks it (POST …/verify_proof). */
  signature: string;
  proof: string;
  /** Unix seconds. */
  timestamp: number;
}

export interface AxiamError {
  /** The sign-on contract's code (1007 not found, 1012 no phone, 1043 face check failed …). */
  code: number;
  name: string;
  /** For the user, in the widget's language. */
  message: string;
  /** The same text (Axiam's name for it). */
  user_message: string;
  /** For the developer. */
  detail: string;
  retryable: boolean;
}

/** Where an error happened (Axiam's `onError(error, context)`). */
export type AxiamErrorContext = 'config' | 'push_notification' | 'verification' | 'network';

export interface AxiamTheme {
  primaryColor?: string;
  primaryTextColor?: string;
  textColor?: string;
  backgroundColor?: string;
  errorColor?: string;
  successColor?: string;
  borderRadius?: string;
  fontFamily?: string;
}

export interface AxiamTexts {
  /** The button that opens the sign-in (Axiam's `buttonText`). */
  button?: string;
  /** The line above the account field. */
  description?: string;
  lookingUp?: string;
  notificationSent?: string;
  /** Next to the QR code (no phone registered). */
  waiting?: string;
  verified?: string;
  failed?: string;
  expired?: string;
}

export interface AxiamOptions extends AxiamTheme {
  /**
   * A start token your backend got from `POST …/login/start` for this page view (5 minutes, one
   * attempt), or a function resolving to a fresh one per attempt. Never the app token (a JWT) that
   * `application_auth` returns: in a page anyone could read it; the widget refuses it.
   */
  authToken: string | (() => Promise<string>);
  /** Where the verified result is POSTed (a real form post: the browser navigates). */
  formAction?: string;
  /** Post to `formAction` once verified (default true); false: only `onVerified` / `onSuccess`. */
  autoSubmit?: boolean;
  /** The element (or its CSS selector) the widget renders in (default `#axiam-facial-login`). */
  container?: string | Element;
  /** What the user types: `email` (Axiam's default) or `uid`. */
  lookup?: 'email' | 'uid';
  /** A language code, or `auto` (default): the page's `<html lang>`, then the browser's languages. */
  language?: string;
  /** A CSRF token posted with the result, as `csrfParam` (default `authenticity_token`, Rails' name). */
  csrfToken?: string;
  csrfParam?: string;
  /** Axiam's app public key: accepted, not needed (the start token names the application). */
  publicKey?: string;
  buttonText?: string;
  theme?: AxiamTheme;
  texts?: AxiamTexts;
  onReady?(): void;
  /** The user sent their account: the request is on its way. */
  onSubmit?(data: { email?: string; id?: string }): void;
  /** The phone was notified (`device: true`) or the QR code is shown (`device: false`). */
  onPending?(data: { device: boolean }): void;
  onVerified?(data: AxiamVerifiedData): void;
  /** Verified, and (with `autoSubmit`) about to be posted to `formAction`. */
  onSuccess?(data: AxiamVerifiedData): void;
  onError?(error: AxiamError, context: AxiamErrorContext): void;
  /** The face check on the phone failed. */
  onRejected?(error: AxiamError): void;
  /** Nobody answered on the phone within 10 minutes. */
  onTimeout?(): void;
  /** The user closed the widget or cancelled the request. */
  onCancel?(): void;
}

/** Theme option → the element's custom property. */
export const THEME_PROPERTIES: Readonly<Record<keyof AxiamTheme, string>> = {
  primaryColor: '--faceio-accent',
  primaryTextColor: '--faceio-accent-contrast',
  textColor: '--faceio-text',
  backgroundColor: '--faceio-surface',
  errorColor: '--faceio-error',
  successColor: '--faceio-good',
  borderRadius: '--faceio-radius',
  fontFamily: '--faceio-font',
};

/** Text option → the element's slot. */
export const TEXT_SLOTS: Readonly<Record<Exclude<keyof AxiamTexts, 'button'>, string>> = {
  description: 'idle',
  lookingUp: 'looking-up',
  notificationSent: 'notification-sent',
  waiting: 'waiting',
  verified: 'verified',
  failed: 'failed',
  expired: 'expired',
};

/** The drop-in's own two texts, before the SDK (and its translations) has loaded; the same words as the widget's `idle.authenticate` and `button.close`. */
export const BUTTON_TEXTS: Readonly<Record<string, readonly [open: string, close: string]>> = {
  en: ['Sign in with your face', 'Close'],
  ar: ['تسجيل الدخول باستخدام وجهك', 'إغلاق'],
  de: ['Mit Ihrem Gesicht anmelden', 'Schließen'],
  es: ['Inicia sesión con tu rostro', 'Cerrar'],
  fr: ['Se connecter avec votre visage', 'Fermer'],
  hi: ['अपने चेहरे से साइन इन करें', 'बंद करें'],
  it: ['Accedi con il tuo volto', 'Chiudi'],
  ja: ['顔でサインイン', '閉じる'],
  pt: ['Entre com o seu rosto', 'Fechar'],
  ru: ['Войти по лицу', 'Закрыть'],
  tr: ['Yüzünüzle giriş yapın', 'Kapat'],
  zh: ['使用人脸登录', '关闭'],
};
