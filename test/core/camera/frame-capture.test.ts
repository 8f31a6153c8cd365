// The preview is mirrored like a selfie, the frames the node gets are not (issue 14): Chromium's
// fake camera plays a picture red on its left half and blue on its right; the captured frame must
// keep red on the left, also when taken from a video mirrored with CSS as the elements' preview is.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openOrtWebPage, type OrtWebPage } from '../../helpers/ort-web-page.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('frame capture: unmirrored frames under a mirrored preview (headless Chromium, fake camera)', () => {
  let dir = '';
  let harness: OrtWebPage | undefined;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'openfaceio-capture-'));
    const clip = join(dir, 'red-left-blue-right.y4m');
    execFileSync('ffmpeg', [
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'color=c=red:s=320x480',
      '-f',
      'lavfi',
      '-i',
      'color=c=blue:s=320x480',
      '-filter_complex',
      'hstack,format=yuv420p',
      '-frames:v',
      '1',
      '-f',
      'yuv4mpegpipe',
      clip,
    ]);
    harness = await openOrtWebPage({
      entries: { 'capture.page': join(here, 'capture.page.ts') },
      html: '<!doctype html><meta charset="utf-8"><title>capture</title><script type="module" src="/capture.page.js"></script>',
      launch: { fakeVideo: clip },
    });
    await harness.page.page.waitForFunction(() => typeof window.captureBoth === 'function');
  });
  after(async () => {
    await harness?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("the node's frame has the camera's left on the left; the mirrored preview does not reach it", async () => {
    const { sent, fromPreview, previewTransform } = await harness!.page.page.evaluate(() => window.captureBoth());
    const red = (rgb: number[]) => rgb[0]! > 180 && rgb[2]! < 80;
    const blue = (rgb: number[]) => rgb[2]! > 180 && rgb[0]! < 80;
    assert.equal(previewTransform, 'matrix(-1, 0, 0, 1, 0, 0)', 'the preview is mirrored');
    assert.ok(red(sent.left) && blue(sent.right), `sent frame: left ${sent.left}, right ${sent.right}`);
    assert.ok(red(fromPreview.left) && blue(fromPreview.right), `from the mirrored preview: left ${fromPreview.left}, right ${fromPreview.right}`);
    assert.deepEqual([sent.width, sent.height], [640, 480]);
  });
});
