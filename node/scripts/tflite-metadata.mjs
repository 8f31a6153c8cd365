// Adds the TFLite model metadata that MediaPipe's Tasks API needs to the short-range face detector
// from @mediapipe/face_detection. The raw file fails in FaceDetector with "Input tensor has type
// float32: it requires specifying NormalizationOptions metadata": the Tasks API reads the input
// normalisation (mean 127.5, std 127.5) and the colour space (RGB) from a `TFLITE_METADATA` buffer.
//
// How: a flatbuffer's offsets are unsigned and relative to where they are stored, so the original
// model bytes stay valid when something is prepended to them. We build a new root `Model` table in
// front of the original bytes; it points forward into the original for every field it keeps and to
// new `buffers` / `metadata` vectors that add one buffer holding the metadata flatbuffer.
// Schemas: tensorflow/lite/schema/schema.fbs (Model, Buffer, Metadata) and
// tensorflow_lite_support/metadata/metadata_schema.fbs (ModelMetadata, file identifier "M001").
import * as flatbuffers from 'flatbuffers';

const MODEL_FIELD = { version: 0, operatorCodes: 1, subgraphs: 2, description: 3, buffers: 4, metadataBuffer: 5, metadata: 6, signatureDefs: 7 };
const CONTENT_PROPERTIES_IMAGE = 2; // ContentProperties union: ImageProperties
const COLOR_SPACE_RGB = 1;
const PROCESS_UNIT_NORMALIZATION = 1; // ProcessUnitOptions union: NormalizationOptions

/** Minimal reader for the fields of the original root table we need. */
function readModel(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const root = view.getUint32(0, true);
  const vtable = root - view.getInt32(root, true);
  const vtableSize = view.getUint16(vtable, true);
  const fieldCount = (vtableSize - 4) / 2;
  const fieldPos = (slot) => {
    if (slot >= fieldCount) return 0;
    const rel = view.getUint16(vtable + 4 + slot * 2, true);
    return rel === 0 ? 0 : root + rel;
  };
  for (let slot = MODEL_FIELD.signatureDefs + 1; slot < fieldCount; slot++) {
    if (fieldPos(slot) !== 0) throw new Error(`face detector model has an unknown root field ${slot}; cannot rewrite it safely`);
  }
  const target = (slot) => {
    const pos = fieldPos(slot);
    return pos === 0 ? null : pos + view.getUint32(pos, true);
  };
  const vectorElements = (slot) => {
    const vec = target(slot);
    if (vec === null) return [];
    const length = view.getUint32(vec, true);
    return Array.from({ length }, (_, i) => {
      const elem = vec + 4 + i * 4;
      return elem + view.getUint32(elem, true);
    });
  };
  const versionPos = fieldPos(MODEL_FIELD.version);
  const readString = (pos) => new TextDecoder().decode(bytes.subarray(pos + 4, pos + 4 + view.getUint32(pos, true)));
  const metadataNames = vectorElements(MODEL_FIELD.metadata).map((table) => {
    const vt = table - view.getInt32(table, true);
    const nameRel = view.getUint16(vt + 4, true);
    return nameRel === 0 ? '' : readString(table + nameRel + view.getUint32(table + nameRel, true));
  });
  return {
    version: versionPos === 0 ? 0 : view.getUint32(versionPos, true),
    target,
    buffers: vectorElements(MODEL_FIELD.buffers),
    metadata: vectorElements(MODEL_FIELD.metadata),
    metadataNames,
  };
}

/** The ModelMetadata flatbuffer: one RGB image input normalised with mean 127.5 and std 127.5. */
export function buildDetectorMetadata() {
  const b = new flatbuffers.Builder(512);
  const floats = (values) => {
    b.startVector(4, values.length, 4);
    for (let i = values.length - 1; i >= 0; i--) b.addFloat32(values[i]);
    return b.endVector();
  };
  const offsets = (values) => {
    b.startVector(4, values.length, 4);
    for (let i = values.length - 1; i >= 0; i--) b.addOffset(values[i]);
    return b.endVector();
  };
  const mean = floats([127.5]);
  const std = floats([127.5]);
  b.startObject(2); // NormalizationOptions
  b.addFieldOffset(0, mean, 0);
  b.addFieldOffset(1, std, 0);
  const normalization = b.endObject();
  b.startObject(2); // ProcessUnit
  b.addFieldInt8(0, PROCESS_UNIT_NORMALIZATION, 0);
  b.addFieldOffset(1, normalization, 0);
  const processUnit = b.endObject();
  b.startObject(2); // ImageProperties
  b.addFieldInt8(0, COLOR_SPACE_RGB, 0);
  const imageProperties = b.endObject();
  b.startObject(3); // Content
  b.addFieldInt8(0, CONTENT_PROPERTIES_IMAGE, 0);
  b.addFieldOffset(1, imageProperties, 0);
  const content = b.endObject();
  const tensorName = b.createString('image');
  const tensorDescription = b.createString('RGB image, 128x128, values normalised to [-1, 1].');
  const processUnits = offsets([processUnit]);
  b.startObject(7); // TensorMetadata
  b.addFieldOffset(0, tensorName, 0);
  b.addFieldOffset(1, tensorDescription, 0);
  b.addFieldOffset(3, content, 0);
  b.addFieldOffset(4, processUnits, 0);
  const inputTensor = b.endObject();
  const inputs = offsets([inputTensor]);
  b.startObject(9); // SubGraphMetadata
  b.addFieldOffset(2, inputs, 0);
  const subgraph = b.endObject();
  const subgraphs = offsets([subgraph]);
  const name = b.createString('BlazeFace short-range face detector');
  const description = b.createString('@mediapipe/face_detection 0.4.1657300184 with input metadata added by openfaceio.');
  const version = b.createString('1');
  const minParser = b.createString('1.0.0');
  b.startObject(8); // ModelMetadata
  b.addFieldOffset(0, name, 0);
  b.addFieldOffset(1, description, 0);
  b.addFieldOffset(2, version, 0);
  b.addFieldOffset(3, subgraphs, 0);
  b.addFieldOffset(7, minParser, 0);
  b.finish(b.endObject(), 'M001');
  return b.asUint8Array();
}

/** Returns a new .tflite file: the original model plus a TFLITE_METADATA buffer. */
export function addDetectorMetadata(original) {
  const model = readModel(original);
  if (model.metadataNames.includes('TFLITE_METADATA')) return original;
  const metadata = buildDetectorMetadata();
  const b = new flatbuffers.Builder(metadata.length + 1024);
  // An object at byte p of the original ends up L + p bytes into the result (L = new part's length);
  // the builder counts offsets back from the end of what it has built, so that object is at -p.
  const old = (pos) => -pos;

  b.startVector(1, metadata.length, 16); // Buffer.data is force_align 16
  for (let i = metadata.length - 1; i >= 0; i--) b.addInt8(metadata[i]);
  const data = b.endVector();
  b.startObject(3); // Buffer
  b.addFieldOffset(0, data, 0);
  const metadataBuffer = b.endObject();

  const bufferOffsets = [...model.buffers.map(old), metadataBuffer];
  b.startVector(4, bufferOffsets.length, 4);
  for (let i = bufferOffsets.length - 1; i >= 0; i--) b.addOffset(bufferOffsets[i]);
  const buffers = b.endVector();

  const entryName = b.createString('TFLITE_METADATA');
  b.startObject(2); // Metadata
  b.addFieldOffset(0, entryName, 0);
  b.addFieldInt32(1, bufferOffsets.length - 1, 0);
  const entry = b.endObject();
  const metadataOffsets = [...model.metadata.map(old), entry];
  b.startVector(4, metadataOffsets.length, 4);
  for (let i = metadataOffsets.length - 1; i >= 0; i--) b.addOffset(metadataOffsets[i]);
  const metadataVector = b.endVector();

  b.startObject(8); // Model
  b.addFieldInt32(MODEL_FIELD.version, model.version, 0);
  for (const slot of [
    MODEL_FIELD.operatorCodes,
    MODEL_FIELD.subgraphs,
    MODEL_FIELD.description,
    MODEL_FIELD.metadataBuffer,
    MODEL_FIELD.signatureDefs,
  ]) {
    const pos = model.target(slot);
    if (pos !== null) b.addFieldOffset(slot, old(pos), 0);
  }
  b.addFieldOffset(MODEL_FIELD.buffers, buffers, 0);
  b.addFieldOffset(MODEL_FIELD.metadata, metadataVector, 0);
  b.finish(b.endObject(), 'TFL3');
  const head = b.asUint8Array();
  if (head.length % 16 !== 0) throw new Error('internal: metadata prefix is not 16-byte aligned');
  const out = new Uint8Array(head.length + original.length);
  out.set(head, 0);
  out.set(original, head.length);
  return out;
}
