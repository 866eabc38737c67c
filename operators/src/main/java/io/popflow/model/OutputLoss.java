package io.popflow.model;

/** The training loss on the network's last layer. */
public enum OutputLoss {
    /** Softmax of the logits, mean negative log-likelihood of the labels: classification. */
    SOFTMAX_CROSS_ENTROPY,
    /** Mean over the batch of 1/2 |z - y|^2: regression. */
    SQUARED_ERROR
}
