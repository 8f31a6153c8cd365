// The framing oval over the preview (issue 14): placed from the tracker's face box, in the frame's
// own pixels (the overlay's viewBox), centred when no face is tracked.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_FRAME, maskPath, ovalOf } from '../../../src/core/camera/oval.js';

describe('framing oval', () => {
  test('no face: a centred upright oval in a 4:3 frame', () => {
    const oval = ovalOf(null);
    assert.deepEqual([oval.width, oval.height, oval.cx, oval.cy], [DEFAULT_FRAME.width, DEFAULT_FRAME.height, 320, 240]);
    assert.ok(oval.ry > oval.rx, 'taller than wide');
  });

  test('a tracked face: the oval is centred on it (a little above, for the forehead), takes in the whole head, in the frame’s pixels', () => {
    const face = { x: 0.5, y: 0.25, width: 0.25, height: 0.4, frame: { width: 1280, height: 720 } };
    const oval = ovalOf(face);
    assert.deepEqual([oval.width, oval.height], [1280, 720]);
    assert.equal(oval.cx, (0.5 + 0.125) * 1280);
    assert.ok(oval.cy < (0.25 + 0.2) * 720 && oval.cy > 0.25 * 720);
    assert.ok(oval.rx * 2 > 0.25 * 1280, 'wider than the detector box');
    assert.ok(oval.ry * 2 > 0.4 * 720, 'taller than the detector box');
    // Unmirrored: the element mirrors the overlay with the video, so a face on the frame's right stays right of centre here.
    assert.ok(oval.cx > 640);
  });

  test('the mask is the frame with an oval hole (even-odd)', () => {
    assert.equal(
      maskPath({ width: 640, height: 480, cx: 320, cy: 240, rx: 100, ry: 150 }),
      'M0 0H640V480H0Z M220 240a100 150 0 1 0 200 0a100 150 0 1 0 -200 0Z',
    );
  });
});
