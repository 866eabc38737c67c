package io.popflow.examples.acrobot;

/**
 * The acrobot's equations of motion as Sutton and Barto's book gives them (1998, section 11.3;
 * Gymnasium's default, {@code book_or_nips = "book"}), and the one Runge-Kutta step Gymnasium takes
 * per action. A state is (θ1, θ2, θ̇1, θ̇2): θ1 the first link's angle from hanging straight down, θ2
 * the second link's angle relative to the first; the torque acts at the joint between them.
 *
 * <p>Each instance keeps the Runge-Kutta stages in arrays of its own, so that a step allocates
 * nothing: an instance belongs to one environment.
 */
final class AcrobotDynamics {
    static final double LINK_LENGTH_1 = 1.0;
    static final double LINK_MASS_1 = 1.0;
    static final double LINK_MASS_2 = 1.0;
    /** Distance from each link's pivot to its centre of mass. */
    static final double CENTRE_OF_MASS_1 = 0.5;

    static final double CENTRE_OF_MASS_2 = 0.5;
    static final double MOMENT_OF_INERTIA_1 = 1.0;
    static final double MOMENT_OF_INERTIA_2 = 1.0;
    static final double GRAVITY = 9.8;

    private final double[] k1 = new double[4];
    private final double[] k2 = new double[4];
    private final double[] k3 = new double[4];
    private final double[] k4 = new double[4];
    private final double[] probe = new double[4];

    /**
     * Moves {@code state} on by {@code dt} with one classical fourth-order Runge-Kutta step, the
     * torque held over it; the angles are neither wrapped nor the velocities clipped (Gymnasium does
     * both after the step, not within it).
     */
    void advance(double[] state, double torque, double dt) {
        rate(state, torque, k1);
        rate(along(state, k1, dt / 2), torque, k2);
        rate(along(state, k2, dt / 2), torque, k3);
        rate(along(state, k3, dt), torque, k4);
        for (int i = 0; i < 4; i++) {
            state[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
    }

    private double[] along(double[] state, double[] slope, double h) {
        for (int i = 0; i < 4; i++) {
            probe[i] = state[i] + h * slope[i];
        }
        return probe;
    }

    /** The time derivative (θ̇1, θ̇2, θ̈1, θ̈2) of {@code state} under {@code torque}, into {@code out}. */
    static void rate(double[] state, double torque, double[] out) {
        double theta1 = state[0];
        double theta2 = state[1];
        double omega1 = state[2];
        double omega2 = state[3];
        double cos2 = Math.cos(theta2);
        double sin2 = Math.sin(theta2);
        // the inertia terms of the two joints' equations
        double d1 = LINK_MASS_1 * CENTRE_OF_MASS_1 * CENTRE_OF_MASS_1
                + LINK_MASS_2
                        * (LINK_LENGTH_1 * LINK_LENGTH_1
                                + CENTRE_OF_MASS_2 * CENTRE_OF_MASS_2
                                + 2 * LINK_LENGTH_1 * CENTRE_OF_MASS_2 * cos2)
                + MOMENT_OF_INERTIA_1
                + MOMENT_OF_INERTIA_2;
        double d2 = LINK_MASS_2 * (CENTRE_OF_MASS_2 * CENTRE_OF_MASS_2 + LINK_LENGTH_1 * CENTRE_OF_MASS_2 * cos2)
                + MOMENT_OF_INERTIA_2;
        // gravity on the second link; then on both, with the velocity terms, at the first joint. cos(θ − π/2)
        // as the book and Gymnasium write it, not sin θ, to keep to their numbers in the last bit too
        double coupling = LINK_MASS_2 * LINK_LENGTH_1 * CENTRE_OF_MASS_2;
        double phi2 = LINK_MASS_2 * CENTRE_OF_MASS_2 * GRAVITY * Math.cos(theta1 + theta2 - Math.PI / 2);
        double phi1 = -coupling * omega2 * omega2 * sin2
                - 2 * coupling * omega2 * omega1 * sin2
                + (LINK_MASS_1 * CENTRE_OF_MASS_1 + LINK_MASS_2 * LINK_LENGTH_1)
                        * GRAVITY
                        * Math.cos(theta1 - Math.PI / 2)
                + phi2;
        // the book's θ̈2: the paper (Sutton 1996) leaves out the centripetal term coupling · θ̇1² · sin θ2
        double alpha2 = (torque + d2 / d1 * phi1 - coupling * omega1 * omega1 * sin2 - phi2)
                / (LINK_MASS_2 * CENTRE_OF_MASS_2 * CENTRE_OF_MASS_2 + MOMENT_OF_INERTIA_2 - d2 * d2 / d1);
        double alpha1 = -(d2 * alpha2 + phi1) / d1;
        out[0] = omega1;
        out[1] = omega2;
        out[2] = alpha1;
        out[3] = alpha2;
    }
}
