#!/usr/bin/python3
"""Writes acrobot_golden.txt: Acrobot-v1 transitions that AcrobotGoldenTest compares the Java class with.

Written from the published equations, not from the Java: the acrobot of Sutton (1996) and Sutton &
Barto (1998, section 11.3), with the terms of the book (the paper's equation for the second joint's
acceleration lacks the centripetal term m2 l1 lc2 w1^2 sin t2; Gymnasium's default, "book", has it),
and Gymnasium's conventions for Acrobot-v1: one classical Runge-Kutta step of 0.2 s with the torque
held, then the angles wrapped into [-pi, pi] and the velocities clipped to +-4 pi and +-9 pi, the
goal tested on that state, reward -1 but 0 on the step that reaches the goal, truncation at step
500 (Gymnasium's TimeLimit: truncated whenever the step count reaches the limit).

Run: /usr/bin/python3 acrobot_golden.py > acrobot_golden.txt   (numpy; double precision throughout)

Each line is one transition: the state before it (so that the Java test can start every
transition from the golden state, and chaos cannot amplify a last-bit difference over a long
trajectory), the steps the episode had taken, the action, the state after it, the observation,
the reward and the two flags. Numbers are printed with repr, which reads back to the same double.
"""

import sys

import numpy as np

# Sutton & Barto's acrobot: unit masses and lengths, centres of mass half way, unit moments of inertia.
m1, m2 = 1.0, 1.0
l1 = 1.0
lc1, lc2 = 0.5, 0.5
inertia1, inertia2 = 1.0, 1.0
g = 9.8

dt = 0.2
max_velocity = np.array([4 * np.pi, 9 * np.pi])
torque_of_action = (-1.0, 0.0, 1.0)
max_steps = 500

# margins the golden states keep from the places where a last-bit difference flips a discrete
# outcome (the goal's threshold, an angle's wrap point), so that the test's tolerance is enough
margin = 1e-9


def accelerations(theta1, theta2, omega1, omega2, tau):
    """The book's equations of motion: (theta1'', theta2'') for joint 2 driven by torque tau."""
    d1 = m1 * lc1**2 + m2 * (l1**2 + lc2**2 + 2 * l1 * lc2 * np.cos(theta2)) + inertia1 + inertia2
    d2 = m2 * (lc2**2 + l1 * lc2 * np.cos(theta2)) + inertia2
    phi2 = m2 * lc2 * g * np.cos(theta1 + theta2 - np.pi / 2)
    phi1 = (
        -m2 * l1 * lc2 * omega2**2 * np.sin(theta2)
        - 2 * m2 * l1 * lc2 * omega2 * omega1 * np.sin(theta2)
        + (m1 * lc1 + m2 * l1) * g * np.cos(theta1 - np.pi / 2)
        + phi2
    )
    alpha2 = (tau + d2 / d1 * phi1 - m2 * l1 * lc2 * omega1**2 * np.sin(theta2) - phi2) / (
        m2 * lc2**2 + inertia2 - d2**2 / d1
    )
    alpha1 = -(d2 * alpha2 + phi1) / d1
    return alpha1, alpha2


def rate(state, tau):
    theta1, theta2, omega1, omega2 = state
    alpha1, alpha2 = accelerations(theta1, theta2, omega1, omega2, tau)
    return np.array([omega1, omega2, alpha1, alpha2])


def runge_kutta(state, tau):
    """The classical fourth-order Runge-Kutta step of length dt, the torque constant over it."""
    k1 = rate(state, tau)
    k2 = rate(state + dt / 2 * k1, tau)
    k3 = rate(state + dt / 2 * k2, tau)
    k4 = rate(state + dt * k3, tau)
    return state + dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4)


def wrapped(angle):
    """angle moved by whole turns into [-pi, pi)."""
    turns = np.floor((angle + np.pi) / (2 * np.pi))
    return angle - turns * 2 * np.pi


def height(state):
    """Height of the free end above the pivot, in link lengths: the goal is above 1."""
    return -np.cos(state[0]) - np.cos(state[1] + state[0])


counts = {"transitions": 0, "terminated": 0, "truncated": 0, "clipped": 0, "wrapped theta1": 0, "wrapped theta2": 0}


def transition(state, steps, action):
    raw = runge_kutta(state, torque_of_action[action])
    after = raw.copy()
    for i in (0, 1):
        if abs(abs(raw[i]) - np.pi) < margin:
            raise ValueError(f"angle {i} within {margin} of the wrap point: {raw[i]!r}")
        after[i] = wrapped(raw[i])
        if after[i] != raw[i]:
            counts[f"wrapped theta{i + 1}"] += 1
    after[2:] = np.clip(raw[2:], -max_velocity, max_velocity)
    if np.any(after[2:] != raw[2:]):
        counts["clipped"] += 1
    h = height(after)
    if abs(h - 1.0) < margin:
        raise ValueError(f"height within {margin} of the goal: {h!r}")
    terminated = bool(h > 1.0)
    truncated = steps + 1 >= max_steps
    reward = 0.0 if terminated else -1.0
    observation = np.array(
        [np.cos(after[0]), np.sin(after[0]), np.cos(after[1]), np.sin(after[1]), after[2], after[3]]
    )
    counts["transitions"] += 1
    counts["terminated"] += terminated
    counts["truncated"] += truncated
    return after, observation, reward, terminated, truncated


def fmt(x):
    return repr(float(x))


def run(name, start, policy, first_step=0, limit=max_steps):
    """One episode from start (the state after `first_step` steps), actions from policy(state, i)."""
    state = np.array(start, dtype=np.float64)
    steps = first_step
    for i in range(limit):
        action = policy(state, i)
        after, observation, reward, terminated, truncated = transition(state, steps, action)
        fields = [name, str(steps)] + [fmt(x) for x in state] + [str(action)]
        fields += [fmt(x) for x in after] + [fmt(x) for x in observation]
        fields += [fmt(reward), str(int(terminated)), str(int(truncated))]
        print(" ".join(fields))
        state, steps = after, steps + 1
        if terminated or truncated:
            return


def constant(action):
    return lambda state, i: action


def cycle(*actions):
    return lambda state, i: actions[i % len(actions)]


def along(velocity_index, sign):
    """Bang-bang pumping: torque with (or against) one joint's velocity. Reaches the goal."""
    return lambda state, i: 2 if sign * state[velocity_index] > 0 else 0


def drawn(seed):
    actions = np.random.default_rng(seed).integers(0, 3, size=max_steps)
    return lambda state, i: int(actions[i])


def main():
    print("# Acrobot-v1 golden transitions, written by acrobot_golden.py (numpy " + np.__version__ + ")")
    print(
        "# sequence steps_before theta1 theta2 omega1 omega2 action"
        " theta1' theta2' omega1' omega2' cos(theta1') sin(theta1') cos(theta2') sin(theta2') omega1' omega2'"
        " reward terminated truncated"
    )
    # hanging at rest, no torque: only the last bit of cos(-pi/2) moves it
    run("rest", [0.0, 0.0, 0.0, 0.0], constant(1), limit=30)
    # from start states of the reset range, pumped until the free end reaches the goal
    run("pump-omega2", [0.05, -0.08, 0.02, -0.01], along(3, +1))
    run("pump-against-omega1", [-0.03, 0.07, -0.09, 0.04], along(2, -1))
    # a start at the edge of the reset range, alternating torques
    run("alternate", [-0.1, 0.0999, -0.05, 0.08], cycle(0, 2), limit=60)
    # spinning faster than the limits: the velocities are clipped
    run("fast", [0.3, -2.5, 12.0, -27.0], drawn(1996), limit=40)
    # the second link whirling: theta2 wraps, both velocities are clipped, and the whirl swings the
    # first link up until the free end reaches the goal
    run("whirl", [0.1, 3.0, 0.5, 25.0], cycle(2, 2, 1, 0), limit=50)
    # the first link over the top with the second folded down: theta1 wraps, later the goal
    run("over-the-top", [3.0, 3.0, 4.0, 0.0], drawn(7), limit=25)
    # start states scattered over all angles and beyond the velocity limits, drawn actions
    spread = np.array([np.pi, np.pi, 1.2 * max_velocity[0], 1.2 * max_velocity[1]])
    starts = np.random.default_rng(1998).uniform(-1, 1, size=(12, 4)) * spread
    for j, start in enumerate(starts):
        run(f"scattered-{j + 1}", start, drawn(2000 + j), limit=8)
    # the goal at the first step
    run("goal-at-once", [2.9, 0.3, -1.0, 2.0], constant(0))
    # the last steps before the limit of 500: the 500th step is truncated
    run("limit", [0.02, -0.04, 0.06, -0.08], cycle(2, 1, 0, 1, 2), first_step=495)
    print("# " + ", ".join(f"{k}: {v}" for k, v in counts.items()))
    for k, v in counts.items():
        if v == 0:
            raise ValueError(f"no transition of the kind {k}")
    print(counts, file=sys.stderr)


if __name__ == "__main__":
    main()
