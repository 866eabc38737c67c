package io.popflow.examples.diabetes;

import io.popflow.api.CustomOptions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The training loop a user runs without popflow: one {@link LinearDiabetes}, fixed hyperparameters,
 * a given number of steps, all drawn from one generator. The same calls popflow makes for one agent,
 * so that a run of one's own can be set beside a popflow run.
 */
public final class PlainLoop {
    private PlainLoop() {}

    /**
     * A model configured with {@code batchSize}, initialized from {@code random} and trained {@code
     * steps} steps at the fixed {@code lr} and {@code weightDecay}, every draw from {@code random}.
     */
    public static LinearDiabetes train(
            RandomGenerator random, double lr, double weightDecay, int batchSize, int steps) {
        LinearDiabetes model = new LinearDiabetes();
        model.configure(new CustomOptions(Map.of("batch_size", (long) batchSize)));
        model.initialize(random);
        FixedHyperparameters h = new FixedHyperparameters(lr, weightDecay);
        for (int i = 0; i < steps; i++) {
            model.step(h, random);
        }
        return model;
    }

    /**
     * {@code PlainLoop SEED [STEPS [LR [WEIGHT_DECAY [BATCH_SIZE]]]]}: trains with {@code new
     * SplittableRandom(SEED)} (defaults 20000 steps and {@link LinearDiabetes}'s own) and prints the
     * validation MSE and the SHA-256 of {@link LinearDiabetes#save()}.
     */
    public static void main(String[] args) throws NoSuchAlgorithmException {
        if (args.length < 1 || args.length > 5) {
            System.err.println("usage: PlainLoop SEED [STEPS [LR [WEIGHT_DECAY [BATCH_SIZE]]]]");
            System.exit(2);
        }
        long seed = Long.parseLong(args[0]);
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        double lr = args.length > 2 ? Double.parseDouble(args[2]) : LinearDiabetes.DEFAULT_LR;
        double weightDecay = args.length > 3 ? Double.parseDouble(args[3]) : LinearDiabetes.DEFAULT_WEIGHT_DECAY;
        int batchSize = args.length > 4 ? Integer.parseInt(args[4]) : LinearDiabetes.DEFAULT_BATCH_SIZE;
        LinearDiabetes model = train(new SplittableRandom(seed), lr, weightDecay, batchSize, steps);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(model.save());
        System.out.printf(
                "seed %d, %d steps, lr %s, weight_decay %s, batch_size %d%n", seed, steps, lr, weightDecay, batchSize);
        System.out.printf("validation MSE %.4f%n", model.validationMse());
        System.out.println("save() SHA-256 " + HexFormat.of().formatHex(digest));
    }
}
