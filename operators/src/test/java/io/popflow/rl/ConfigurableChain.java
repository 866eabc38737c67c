package io.popflow.rl;

import io.popflow.api.CustomOptions;
import io.popflow.api.Environment;
import java.util.random.RandomGenerator;

/**
 * {@link ChainMdp} as a user's environment is written: public, made with no arguments, sized by its
 * options ({@code n}, {@code limit}; other options are ignored).
 */
public final class ConfigurableChain implements Environment {
    private ChainMdp chain = new ChainMdp(4, 8);

    @Override
    public void configure(CustomOptions options) {
        chain = new ChainMdp((int) options.wholeNumber("n", 4), (int) options.wholeNumber("limit", 8));
    }

    @Override
    public int observationSize() {
        return chain.observationSize();
    }

    @Override
    public int actions() {
        return chain.actions();
    }

    @Override
    public double[] reset(RandomGenerator random) {
        return chain.reset(random);
    }

    @Override
    public Step step(int action) {
        return chain.step(action);
    }

    @Override
    public double[] snapshot() {
        return chain.snapshot();
    }

    @Override
    public void restore(double[] snapshot) {
        chain.restore(snapshot);
    }
}
