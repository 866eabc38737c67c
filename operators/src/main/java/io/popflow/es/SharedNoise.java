package io.popflow.es;

import io.popflow.math.SplitMix64;

/**
 * The perturbations of one ES generation, rebuilt from a seed (the shared-noise trick of Salimans
 * et al. 2017): member i's ε is drawn from a stream derived from the generation's seed and i's
 * pair, so a decision needs to carry only the seed and the members' weights, never a vector.
 * With antithetic sampling, members 2j and 2j + 1 share ε and take +ε and −ε.
 *
 * @param seed the generation's seed
 * @param antithetic mirrored pairs
 */
public record SharedNoise(long seed, boolean antithetic) {

    /** Member {@code member}'s signed ε into {@code out} (its length is the dimension). */
    public void draw(int member, double[] out) {
        int stream = antithetic ? member / 2 : member;
        double sign = antithetic && member % 2 == 1 ? -1 : 1;
        SplitMix64 rng = new SplitMix64(SplitMix64.derive(seed, stream));
        for (int i = 0; i < out.length; i++) {
            out[i] = sign * rng.nextGaussian();
        }
    }
}
