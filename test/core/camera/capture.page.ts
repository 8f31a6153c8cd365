// Browser side of frame-capture.test.ts: a camera session on Chromium's fake camera, its frame as
// the node would get it, and the same stream in a preview mirrored the way the elements mirror it.
import { CameraSession } from '../../../src/core/camera/camera-session.js';
import { captureFrame } from '../../../src/core/camera/frame-capture.js';

/** The mean colour of a column band of a JPEG (left or right tenth of the picture). */
async function bands(blob: Blob): Promise<{ left: number[]; right: number[]; width: number; height: number }> {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  const mean = (x: number) => {
    const { data } = context.getImageData(x, bitmap.height / 4, Math.round(bitmap.width / 10), bitmap.height / 2);
    const sum = [0, 0, 0];
    for (let i = 0; i < data.length; i += 4) for (let c = 0; c < 3; c++) sum[c]! += data[i + c]!;
    return sum.map((s) => Math.round(s / (data.length / 4)));
  };
  return { left: mean(0), right: mean(Math.round(bitmap.width * 0.9)), width: bitmap.width, height: bitmap.height };
}

async function captureBoth() {
  const session = new CameraSession({
    assets: { workerUrl: '', modelBaseUrl: '', ortWasmPaths: '', mediapipeWasm: '', trackerModelUrl: '' } as never,
    qualityHints: false,
  });
  await session.open();
  // The preview: the same stream in a video mirrored like the elements' (flow.styles.ts).
  const preview = document.createElement('video');
  preview.muted = true;
  preview.style.transform = 'scaleX(-1)';
  preview.srcObject = session.stream;
  document.body.append(preview);
  await preview.play();
  while (preview.readyState < 2 || session.video.readyState < 2) await new Promise((r) => setTimeout(r, 20));
  const sent = await session.capture({ maxSide: 640, maxBytes: 512 * 1024 });
  const fromPreview = await captureFrame(preview, { maxSide: 640, maxBytes: 512 * 1024 });
  session.close();
  return { sent: await bands(sent!), fromPreview: await bands(fromPreview!), previewTransform: getComputedStyle(preview).transform };
}

declare global {
  interface Window {
    captureBoth: typeof captureBoth;
  }
}
window.captureBoth = captureBoth;
