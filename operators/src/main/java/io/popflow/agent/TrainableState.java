package io.popflow.agent;

import io.popflow.api.Trainable;
import java.util.function.Supplier;

/**
 * A user {@link Trainable}'s part of an agent: the live instance while the agent trains, its saved
 * bytes while it is in a checkpoint or on its way there. Saving is lazy, so that a step costs only
 * the user's step: {@link #saved} calls {@link Trainable#save} when a checkpoint, a copy or a
 * transfer needs the bytes, and {@link #live} restores an instance from them when a restored agent
 * first trains again.
 */
public final class TrainableState {
    private Trainable live;
    private byte[] saved;

    private TrainableState(Trainable live, byte[] saved) {
        this.live = live;
        this.saved = saved;
    }

    /** A state whose instance is {@code live}, initialized or restored by its learner. */
    public static TrainableState of(Trainable live) {
        return new TrainableState(live, null);
    }

    /** A state read back from a checkpoint: an instance is restored from it when first needed. */
    public static TrainableState saved(byte[] bytes) {
        return new TrainableState(null, bytes);
    }

    /** The bytes of the state now. */
    public byte[] saved() {
        return live != null ? live.save() : saved;
    }

    /** The live instance, restored from the saved bytes with a new instance of {@code newInstance} if need be. */
    public Trainable live(Supplier<Trainable> newInstance) {
        if (live == null) {
            Trainable t = newInstance.get();
            t.restore(saved);
            live = t;
            saved = null;
        }
        return live;
    }

    /** An independent copy: its own bytes, from which its own instance is restored when it trains. */
    public TrainableState copy() {
        return saved(saved());
    }
}
