package io.popflow.agent;

/** Where an agent is in its generation cycle. */
public enum Phase {
    /** Taking fast steps until the perturbation interval is reached. */
    TRAINING,
    /** Window ended, report sent; waiting for the generation's directive. */
    REPORTED,
    /** Told to copy a donor; waiting for the donor's weights. */
    AWAITING_WEIGHTS,
    /** The run is over. */
    STOPPED
}
