package io.popflow.rl;

import io.popflow.api.Environment;
import java.io.Serializable;

/** Which environment agents act in: serializable, so that every operator builds its own instances. */
public interface EnvironmentSpec extends Serializable {

    /** A new instance, before its first episode. */
    Environment create();

    /** The name in the configuration's {@code environment.name}. */
    String name();

    /** The step at which an episode is truncated. */
    int maxSteps();

    /** The largest return an episode can have, or NaN if rewards have no such bound. */
    double maxReturn();

    /** How episodes end, for the run's banner. */
    default String episodes() {
        return "episodes cut at " + maxSteps() + (maxSteps() == 1 ? " step" : " steps");
    }
}
