/** Debian's chromium package (see chromium.mjs). */
export declare const CHROMIUM_PATH: string;
/** Flags every Chromium launch gets (see chromium.mjs). */
export declare const CHROMIUM_ARGS: readonly string[];
