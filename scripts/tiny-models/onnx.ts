/** ONNX graph building blocks for the tiny models: tensors, value infos, nodes, a model. */
import onnxProto, { type onnx as pb } from 'onnx-proto';

// onnx-proto is CommonJS assigning `module.exports`, which Node's ESM loader only offers as default.
const { onnx } = onnxProto;

export const { FLOAT, INT64 } = onnx.TensorProto.DataType;

/** Little-endian raw bytes, as ONNX requires whatever the host. */
export const floatTensor = (name: string, dims: number[], values: number[]): pb.ITensorProto => {
  const view = new DataView(new ArrayBuffer(values.length * 4));
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return { name, dims, dataType: FLOAT, rawData: new Uint8Array(view.buffer) };
};

export const int64Tensor = (name: string, values: number[]): pb.ITensorProto => {
  const view = new DataView(new ArrayBuffer(values.length * 8));
  values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
  return { name, dims: [values.length], dataType: INT64, rawData: new Uint8Array(view.buffer) };
};

const dim = (d: string | number) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d });

export const tensorInfo = (name: string, elemType: number, dims: (string | number)[]) => ({
  name,
  type: { tensorType: { elemType, shape: { dim: dims.map(dim) } } },
});

const { INT } = onnx.AttributeProto.AttributeType;
export const intAttr = (name: string, i: number): pb.IAttributeProto => ({ name, type: INT, i });

export const node = (
  opType: string,
  input: string[],
  output: string[],
  attribute: pb.IAttributeProto[] = [],
): pb.INodeProto => ({ name: output[0], opType, input, output, attribute });

export const modelBytes = (graph: pb.IGraphProto): Uint8Array =>
  onnx.ModelProto.encode(
    onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'steward-tiny-models',
      opsetImport: [{ domain: '', version: 13 }],
      graph,
    }),
  ).finish();
