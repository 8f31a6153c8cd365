// Where the browser runtime files live: the node serves the built SDK under /sdk/ (the library,
// the inference worker, onnxruntime-web's wasm, MediaPipe's wasm and the models), fetched only when
// the camera opens and cached by the browser.

export interface SdkAssets {
  /** The inference worker module. */
  workerUrl: string;
  /** onnxruntime-web's dist files (prefix ending in '/'). */
  ortWasmPaths: string;
  /** MediaPipe tasks-vision's wasm fileset (no trailing slash). */
  mediapipeWasm: string;
  /** The prepared short-range face detector (TFLite with metadata). */
  trackerModelUrl: string;
  /** The ONNX models (no trailing slash). */
  modelBaseUrl: string;
}

/** The assets under one base URL (`https://node.example/sdk/`); relative bases resolve against the page. */
export function sdkAssets(base: string | URL): SdkAssets {
  const page = (globalThis as { location?: { href: string } }).location?.href;
  const root = new URL(base, page).href.replace(/\/?$/, '/');
  return {
    workerUrl: `${root}inference.worker.js`,
    ortWasmPaths: `${root}ort/`,
    mediapipeWasm: `${root}mediapipe`,
    trackerModelUrl: `${root}models/face_detection_short_range.tflite`,
    modelBaseUrl: `${root}models`,
  };
}

/** The SDK base of a processing node: `<node>/sdk/`. */
export const sdkBaseOf = (node: string | URL): string => {
  const page = (globalThis as { location?: { href: string } }).location?.href;
  return new URL(node, page).href.replace(/\/*$/, '/') + 'sdk/';
};
