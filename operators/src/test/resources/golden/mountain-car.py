#!/usr/bin/env python3
"""Golden values for MountainCarTest, from MountainCar-v0's equations as Gymnasium writes them
(gymnasium/envs/classic_control/mountain_car.py), in plain Python floats (double precision):

    velocity += (action - 1) * 0.001 + cos(3 * position) * (-0.0025); clipped to [-0.07, 0.07]
    position += velocity; clipped to [-1.2, 0.6]; at -1.2 a negative velocity becomes 0
    terminated when position >= 0.5 and velocity >= 0; reward -1 per step

Run: python3 mountain-car.py > mountain-car.golden.txt
"""
import math


def step(position, velocity, action):
    velocity += (action - 1) * 0.001 + math.cos(3 * position) * (-0.0025)
    velocity = min(max(velocity, -0.07), 0.07)
    position += velocity
    position = min(max(position, -1.2), 0.6)
    if position == -1.2 and velocity < 0:
        velocity = 0.0
    return position, velocity, position >= 0.5 and velocity >= 0


# 1. a fixed action sequence from (-0.5, 0)
p, v = -0.5, 0.0
for i, a in enumerate([2, 2, 0, 1, 0, 0, 2, 1, 2, 0]):
    p, v, done = step(p, v, a)
    print("sequence %d %.17g %.17g %s" % (i + 1, p, v, done))

# 2. pushing left from (-1.15, -0.03) into the wall: the step at which position is first -1.2
p, v = -1.15, -0.03
for n in range(1, 201):
    p, v, done = step(p, v, 0)
    if p == -1.2:
        print("wall %d %.17g %.17g" % (n, p, v))
        break

# 3. pumping energy (push the way the car moves) from (-0.5, 0): the step that reaches the goal
p, v = -0.5, 0.0
for n in range(1, 201):
    p, v, done = step(p, v, 2 if v >= 0 else 0)
    if done:
        print("goal %d %.17g %.17g" % (n, p, v))
        break
