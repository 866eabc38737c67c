/**
 * A trained agent as an ONNX model: the whole inference path of its task (input scaling, a
 * table's standardisation and one-hot encoding, the network, softmax or the target's units, a
 * Q-network's greedy action) in one graph that ONNX Runtime or any other ONNX consumer runs with
 * nothing from popflow. The protobuf messages are the ONNX project's own, generated from its
 * {@code onnx.proto} (shipped by Oracle Tribuo's {@code tribuo-util-onnx}). No Flink here.
 */
package io.popflow.export;
